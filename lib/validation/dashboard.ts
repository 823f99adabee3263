import { z } from "zod";
import { PERIOD_PRESETS } from "@/lib/domain/dashboard";
import { text } from "./fields";

// The dashboard's period, from the page's query string or the CSV link: a preset, or custom
// days. Empty fields (a submitted form with a blank date) count as absent.
const blankAsAbsent = (v: unknown) => (v === "" || v === undefined ? undefined : Array.isArray(v) ? v[0] : v);

function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const day = (which: string) =>
  z.preprocess(
    blankAsAbsent,
    text()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${which} date as year-month-day, for example 2026-11-01.`)
      .refine(isCalendarDay, `The ${which} date is not a day of the calendar.`)
      .optional(),
  );

export const dashboardQuerySchema = z
  .object({
    // An unknown preset falls back to the default rather than failing the page.
    period: z.preprocess(blankAsAbsent, z.enum(PERIOD_PRESETS).optional()).catch(undefined),
    from: day("start"),
    to: day("end"),
  })
  // Zod still runs this when a day failed above: compare only two real days.
  .refine((q) => !q.from || !q.to || !isCalendarDay(q.from) || !isCalendarDay(q.to) || q.from <= q.to, { message: "The start date is after the end date.", path: ["to"] });

export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** The field messages of a refused query, by field name. */
export function dashboardQueryErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "period");
    errors[field] ??= issue.message;
  }
  return errors;
}
