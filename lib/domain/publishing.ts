// PURE: the desk's publishing gate. An admin sets the rules; every route that publishes a verdict
// asks `publishBlockers` inside the transaction that publishes, and the claim panel shows the same
// list before anyone presses the button.
import { PUBLISHABLE_FROM, STATUS_LABELS, type ClaimStatus } from "./workflow";

export type PublishingRules = { minSourcesToPublish: number; minReviewsToPublish: number; fourEyes: boolean };

/** Allowed ranges, enforced by the settings form and the database writes alike. */
export const RULE_LIMITS = { minSources: { min: 0, max: 10 }, minReviews: { min: 0, max: 5 } } as const;

export const DEFAULT_RULES: PublishingRules = { minSourcesToPublish: 0, minReviewsToPublish: 1, fourEyes: true };

/**
 * The site a source comes from, as independence is judged: the host without "www.", lower-case.
 * Two pages of one site are one independent source; a URL that does not parse counts as itself.
 */
export function sourceSite(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return url;
  }
}

export function independentSourceCount(urls: readonly string[]): number {
  return new Set(urls.map(sourceSite)).size;
}

export type GateInput = {
  status: ClaimStatus;
  sourceUrls: readonly string[];
  /** The people who have reviewed the claim, one entry per review. */
  reviewerIds: readonly string[];
  publisherId: string;
  rules: PublishingRules;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Everything that stops this person publishing a verdict on this claim now; empty when nothing does. */
export function publishBlockers(input: GateInput): string[] {
  const blockers: string[] = [];
  if (input.status === "PUBLISHED") {
    blockers.push("This claim's verdict is already published. Reopen the claim to publish a correction.");
  } else if (!PUBLISHABLE_FROM.includes(input.status)) {
    const now = STATUS_LABELS[input.status].toLowerCase();
    blockers.push(input.status === "DISMISSED" ? "A dismissed claim cannot be published. Restore it to the queue first." : `Only a claim in review can be published; this one is ${now}.`);
  }
  const sites = independentSourceCount(input.sourceUrls);
  if (sites < input.rules.minSourcesToPublish) {
    blockers.push(
      `This desk publishes with at least ${plural(input.rules.minSourcesToPublish, "independent source")} (from different sites); this claim has ${sites}.`,
    );
  }
  const reviewers = new Set(input.reviewerIds);
  if (reviewers.size < input.rules.minReviewsToPublish) {
    blockers.push(`This desk publishes after at least ${plural(input.rules.minReviewsToPublish, "independent review")}; this claim has ${reviewers.size}.`);
  }
  if (input.rules.fourEyes && ![...reviewers].some((id) => id !== input.publisherId)) {
    blockers.push(
      reviewers.has(input.publisherId)
        ? "Four eyes: you are this claim's only reviewer. Another reviewer must review it, or another editor publish it."
        : "Four eyes: someone other than you must review this claim before you publish its verdict.",
    );
  }
  return blockers;
}

export type Agreement = { kind: "agree"; rating: string; count: number } | { kind: "split"; counts: Array<{ rating: string; count: number }> };

/**
 * Whether independent reviews agree on a rating: null with fewer than two, otherwise the shared
 * rating or each rating with how many chose it, most chosen first.
 */
export function reviewAgreement(ratings: readonly string[]): Agreement | null {
  if (ratings.length < 2) return null;
  const tally = new Map<string, number>();
  for (const rating of ratings) tally.set(rating, (tally.get(rating) ?? 0) + 1);
  const counts = [...tally].map(([rating, count]) => ({ rating, count })).sort((a, b) => b.count - a.count || a.rating.localeCompare(b.rating));
  const [only] = counts;
  if (counts.length === 1 && only) return { kind: "agree", rating: only.rating, count: only.count };
  return { kind: "split", counts };
}
