import { describe, expect, it } from "vitest";
import { csvCell, dashboardFileName, renderDashboardCsv } from "./dashboard-csv";
import { resolvePeriod, type DashboardData } from "./dashboard";

describe("csvCell", () => {
  it("neutralises text that a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
  });
  it("quotes commas, quotes and line breaks and leaves numbers alone", () => {
    expect(csvCell("Ruiz, Ana")).toBe('"Ruiz, Ana"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell(null)).toBe("");
  });
});

const data: DashboardData = {
  hasClaims: true,
  statuses: [
    { status: "DETECTED", label: "Detected", count: 2 },
    { status: "PUBLISHED", label: "Published", count: 1 },
  ],
  claimsInPeriod: 3,
  verdicts: [{ rating: "old", label: "Pants on fire", retired: true, count: 1 }],
  verdictsInPeriod: 1,
  timeToVerdict: { claims: 1, medianSeconds: 5400, p90Seconds: 5400 },
  agreement: { claims: 2, unanimous: 1, percentAgreement: 0.5, kappa: { raters: 2, claims: 2, value: -1 / 3 } },
  work: [{ userId: "u1", name: "=cmd|' /C calc'!A0", reviews: 2, sources: 1, verdicts: 0 }],
};

describe("renderDashboardCsv", () => {
  const csv = renderDashboardCsv({ workspace: "Demo Desk", period: resolvePeriod({ period: "all" }, new Date()), generatedAt: new Date("2026-11-28T10:00:00Z"), data });
  it("starts with a byte-order mark and ends lines with CRLF", () => {
    expect(csv.startsWith("\uFEFFFactdesk desk dashboard\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
  it("has one section per table with every figure", () => {
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain("Detected,2");
    expect(lines).toContain("Total,3");
    expect(lines).toContain("Pants on fire (retired),1");
    expect(lines).toContain("1,1.5,1.5");
    expect(lines).toContain("Percent agreement,50%,2");
    expect(lines).toContain("Fleiss' kappa (claims with exactly 2 reviews),-0.333,2");
    expect(lines).toContain("'=cmd|' /C calc'!A0,2,1,0");
  });
  it("names the file after the workspace and the day", () => {
    expect(dashboardFileName("demo", new Date("2026-11-28T10:00:00Z"))).toBe("dashboard-demo-2026-11-28.csv");
  });
});
