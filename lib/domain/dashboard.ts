// PURE: the desk dashboard's periods, statistics and figures, shared by the page and the CSV.
import type { AgreementSummary } from "./agreement";
import type { ClaimStatus } from "./workflow";

export const PERIOD_PRESETS = ["7d", "30d", "90d", "all"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PRESET: PeriodPreset = "30d";

export const PRESET_LABELS: Record<PeriodPreset, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  all: "All time",
};

const DAY_MS = 24 * 60 * 60 * 1000;
const PRESET_DAYS: Record<Exclude<PeriodPreset, "all">, number> = { "7d": 7, "30d": 30, "90d": 90 };

/** A half-open interval [from, to) in time; a null end is open (the beginning, or now and on). */
export type Period = { kind: PeriodPreset | "custom"; from: Date | null; to: Date | null; label: string; fromDay: string; toDay: string };

const dayLabel = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The period a request asks for: custom days (UTC, both ends included) when either is given,
 * otherwise a preset counted back from `now`. Days arrive already validated (YYYY-MM-DD).
 */
export function resolvePeriod(query: { period?: PeriodPreset; from?: string; to?: string }, now: Date): Period {
  if (query.from || query.to) {
    const from = query.from ? new Date(`${query.from}T00:00:00Z`) : null;
    const to = query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) : null;
    const label = from && query.to ? `${dayLabel.format(from)} to ${dayLabel.format(new Date(`${query.to}T00:00:00Z`))}` : from ? `Since ${dayLabel.format(from)}` : `Up to ${dayLabel.format(new Date(`${query.to}T00:00:00Z`))}`;
    return { kind: "custom", from, to, label, fromDay: query.from ?? "", toDay: query.to ?? "" };
  }
  const preset = query.period ?? DEFAULT_PRESET;
  if (preset === "all") return { kind: "all", from: null, to: null, label: PRESET_LABELS.all, fromDay: "", toDay: "" };
  const from = new Date(now.getTime() - PRESET_DAYS[preset] * DAY_MS);
  return { kind: preset, from, to: null, label: PRESET_LABELS[preset], fromDay: toDay(from), toDay: toDay(now) };
}

/** The middle value (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The nearest-rank percentile: the smallest value with at least `p` of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] as number;
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString();
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** A duration as a desk says it: minutes under an hour, hours under two days, then days. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return "under a minute";
  if (seconds < 3600) return plural(Math.round(seconds / 60), "minute");
  if (seconds < 48 * 3600) return `${oneDecimal(seconds / 3600)} hours`;
  return `${oneDecimal(seconds / 86400)} days`;
}

export const formatPercent = (share: number) => `${Math.round(share * 100)}%`;

// What the dashboard shows, as lib/db/dashboard.ts reads it.
export type StatusCount = { status: ClaimStatus; label: string; count: number };
export type VerdictCount = { rating: string; label: string; retired: boolean; count: number };
export type TimeToVerdict = { claims: number; medianSeconds: number | null; p90Seconds: number | null };
export type MemberWork = { userId: string; name: string; reviews: number; sources: number; verdicts: number };

export type DashboardData = {
  /** Whether the workspace has any claim at all, whatever the period. */
  hasClaims: boolean;
  statuses: StatusCount[];
  claimsInPeriod: number;
  verdicts: VerdictCount[];
  verdictsInPeriod: number;
  timeToVerdict: TimeToVerdict;
  agreement: AgreementSummary;
  work: MemberWork[];
};

/** Median and 90th percentile of the detection-to-first-verdict durations, in seconds. */
export function summarizeTimeToVerdict(seconds: readonly number[]): TimeToVerdict {
  return { claims: seconds.length, medianSeconds: median(seconds), p90Seconds: percentile(seconds, 0.9) };
}
