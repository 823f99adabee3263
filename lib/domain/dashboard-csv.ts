// PURE: the dashboard as a CSV file: every figure of the page, one section per table, for a
// spreadsheet. UTF-8 with a byte-order mark (so spreadsheet programs read accents right), CRLF
// line ends (RFC 4180), and text that a spreadsheet would run as a formula neutralised.
import { formatPercent, type DashboardData, type Period } from "./dashboard";

type Cell = string | number | null;

/** A text cell that starts like a formula (= + - @, or a tab or return) gets a leading apostrophe. */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const row = (cells: Cell[]) => cells.map(csvCell).join(",");
const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 100) / 100);

export const STATUS_SECTION = "Claims by status: claims detected or added in the period, by their current status";
export const VERDICT_SECTION = "Published verdicts by rating: each claim's latest verdict published in the period";
export const TIME_SECTION = "Time from detection to first verdict: claims whose first verdict was published in the period";
export const AGREEMENT_SECTION = "Reviewer agreement: claims with two or more reviews, the latest submitted in the period";
export const WORK_SECTION = "Work per member in the period";

export function renderDashboardCsv(input: { workspace: string; period: Period; generatedAt: Date; data: DashboardData }): string {
  const { data, period } = input;
  const kappa = data.agreement.kappa;
  const lines: string[] = [
    row(["Factdesk desk dashboard"]),
    row(["Workspace", input.workspace]),
    row(["Period", period.label]),
    row(["From (UTC)", period.from ? period.from.toISOString() : "the beginning"]),
    row(["Until, not including (UTC)", period.to ? period.to.toISOString() : "now"]),
    row(["Generated (UTC)", input.generatedAt.toISOString()]),
    "",
    row([STATUS_SECTION]),
    row(["Status", "Claims"]),
    ...data.statuses.map((s) => row([s.label, s.count])),
    row(["Total", data.claimsInPeriod]),
    "",
    row([VERDICT_SECTION]),
    row(["Rating", "Claims"]),
    ...data.verdicts.map((v) => row([v.retired ? `${v.label} (retired)` : v.label, v.count])),
    row(["Total", data.verdictsInPeriod]),
    "",
    row([TIME_SECTION]),
    row(["Claims", "Median (hours)", "90th percentile (hours)"]),
    row([data.timeToVerdict.claims, hours(data.timeToVerdict.medianSeconds), hours(data.timeToVerdict.p90Seconds)]),
    "",
    row([AGREEMENT_SECTION]),
    row(["Measure", "Value", "Claims covered"]),
    row(["Claims with two or more reviews", data.agreement.claims, data.agreement.claims]),
    row(["Claims on which all reviews agree", data.agreement.unanimous, data.agreement.claims]),
    row(["Percent agreement", data.agreement.percentAgreement === null ? "not enough reviews yet" : formatPercent(data.agreement.percentAgreement), data.agreement.claims]),
    row([
      kappa ? `Fleiss' kappa (claims with exactly ${kappa.raters} reviews)` : "Fleiss' kappa",
      kappa ? (kappa.value === null ? "not defined: every review gave the same rating" : Math.round(kappa.value * 1000) / 1000) : "not enough reviews yet",
      kappa ? kappa.claims : 0,
    ]),
    "",
    row([WORK_SECTION]),
    row(["Member", "Reviews submitted", "Sources added", "Verdicts published"]),
    ...data.work.map((w) => row([w.name, w.reviews, w.sources, w.verdicts])),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** dashboard-demo-2026-11-28.csv */
export const dashboardFileName = (slug: string, generatedAt: Date) => `dashboard-${slug.replace(/[^a-z0-9-]/gi, "")}-${generatedAt.toISOString().slice(0, 10)}.csv`;
