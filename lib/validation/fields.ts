import { z } from "zod";

// Field builders shared by every schema, so a title or a URL is checked the same way everywhere.
// Forms send "" for an untouched optional field; these read that as "not given".

export const MAX_TITLE = 300;
export const MAX_NAME = 200;
export const MAX_URL = 2048;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`);

export const optionalText = (label: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.string().trim().max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`).optional(),
  );

/** An absolute http(s) URL: no javascript:, data:, file: or relative links ever get stored. */
export const httpUrl = (label = "URL") =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(MAX_URL, `${label} must be at most ${MAX_URL} characters.`)
    .refine((value) => {
      if (value.length === 0) return true; // reported once, as "required"
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
      } catch {
        return false;
      }
    }, `${label} must be a full web address starting with http:// or https://.`);

export const optionalHttpUrl = (label = "URL") => z.preprocess(blankToUndefined, httpUrl(label).optional());

/** A calendar date as a date input sends it (YYYY-MM-DD), read as midnight UTC. */
export const optionalDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
      .transform((value, ctx) => {
        const date = new Date(`${value}T00:00:00Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
          ctx.addIssue({ code: "custom", message: `${label} is not a real date.` });
          return z.NEVER;
        }
        return date;
      })
      .optional(),
  );

export const id = (label = "id") => z.string({ error: `Missing ${label}.` }).trim().min(1, `Missing ${label}.`).max(64, `Invalid ${label}.`);

export const version = z.coerce.number({ error: "Missing version." }).int().min(1);

/** Field messages keyed by field name, ready for a form to show beside each input. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
