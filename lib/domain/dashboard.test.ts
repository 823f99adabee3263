import { describe, expect, it } from "vitest";
import { formatDuration, median, percentile, resolvePeriod, summarizeTimeToVerdict } from "./dashboard";

describe("median", () => {
  it("takes the middle of an odd count and the mean of the two middles of an even count", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it("is null for no values", () => {
    expect(median([])).toBeNull();
  });
  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("percentile (nearest rank)", () => {
  it("takes the value at rank ceil(p * n)", () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 0.9)).toBe(9); // rank 9 of 10
    expect(percentile([1, 2, 3], 0.9)).toBe(3); // rank ceil(2.7) = 3
    expect(percentile([42], 0.9)).toBe(42);
    expect(percentile([], 0.9)).toBeNull();
  });
});

describe("summarizeTimeToVerdict", () => {
  it("gives the count, median and 90th percentile", () => {
    expect(summarizeTimeToVerdict([3600, 7200, 10800, 14400])).toEqual({ claims: 4, medianSeconds: 9000, p90Seconds: 14400 });
    expect(summarizeTimeToVerdict([])).toEqual({ claims: 0, medianSeconds: null, p90Seconds: null });
  });
});

describe("formatDuration", () => {
  it("reads as minutes, hours or days", () => {
    expect(formatDuration(30)).toBe("under a minute");
    expect(formatDuration(60)).toBe("1 minute");
    expect(formatDuration(45 * 60)).toBe("45 minutes");
    expect(formatDuration(5.5 * 3600)).toBe("5.5 hours");
    expect(formatDuration(24 * 3600)).toBe("24 hours");
    expect(formatDuration(3.25 * 86400)).toBe("3.3 days");
  });
});

describe("resolvePeriod", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  it("defaults to the last 30 days, open towards now", () => {
    const period = resolvePeriod({}, now);
    expect(period).toMatchObject({ kind: "30d", to: null, label: "Last 30 days" });
    expect(period.from?.toISOString()).toBe("2026-10-29T12:00:00.000Z");
  });
  it("has an all-time preset without bounds", () => {
    expect(resolvePeriod({ period: "all" }, now)).toMatchObject({ kind: "all", from: null, to: null });
  });
  it("takes custom days with both ends included, in UTC", () => {
    const period = resolvePeriod({ period: "7d", from: "2026-11-01", to: "2026-11-03" }, now);
    expect(period.kind).toBe("custom");
    expect(period.from?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(period.to?.toISOString()).toBe("2026-11-04T00:00:00.000Z");
    expect(period.label).toBe("Nov 1, 2026 to Nov 3, 2026");
  });
  it("takes a custom period open at one end", () => {
    expect(resolvePeriod({ from: "2026-11-01" }, now)).toMatchObject({ kind: "custom", to: null, label: "Since Nov 1, 2026" });
    expect(resolvePeriod({ to: "2026-11-01" }, now)).toMatchObject({ kind: "custom", from: null, label: "Up to Nov 1, 2026" });
  });
});
