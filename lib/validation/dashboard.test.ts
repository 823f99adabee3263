import { describe, expect, it } from "vitest";
import { dashboardQueryErrors, dashboardQuerySchema } from "./dashboard";

describe("dashboardQuerySchema", () => {
  it("accepts presets and custom days, blank fields as absent", () => {
    expect(dashboardQuerySchema.parse({ period: "7d" })).toEqual({ period: "7d" });
    expect(dashboardQuerySchema.parse({ from: "2026-11-01", to: "2026-11-30", period: "" })).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(dashboardQuerySchema.parse({ from: "", to: "" })).toEqual({});
  });
  it("falls back to the default for an unknown preset", () => {
    expect(dashboardQuerySchema.parse({ period: "forever" })).toEqual({});
  });
  it("refuses malformed and impossible days and reversed periods with a clear message", () => {
    const bad = (query: Record<string, string>) => {
      const result = dashboardQuerySchema.safeParse(query);
      if (result.success) throw new Error("expected a refusal");
      return dashboardQueryErrors(result.error);
    };
    expect(bad({ from: "yesterday" })).toEqual({ from: "Enter the start date as year-month-day, for example 2026-11-01." });
    expect(bad({ to: "2026-02-30" })).toEqual({ to: "The end date is not a day of the calendar." });
    expect(bad({ from: "2026-11-10", to: "2026-11-01" })).toEqual({ to: "The start date is after the end date." });
    expect(bad({ from: "2026-02-30", to: "2026-01-01" })).toEqual({ from: "The start date is not a day of the calendar." });
  });
});
