import { CHECK_WORTHY_THRESHOLD } from "./detect";
import { scoreCheckWorthiness } from "./score";

// PURE: stored claims scored again by the current detector. A claim keeps its words, statement
// and status; only its score follows the model (the reasons a reviewer sees are computed from the
// claim's words whenever they are shown, so they already do). docs/decisions/029.

export type StoredScore = { id: string; quote: string; score: number | null };
export type ScoreChange = { id: string; before: number | null; after: number };

export type RescoreTally = {
  /** Claims looked at. */
  checked: number;
  /** Claims whose stored score differs from the current model's, with both. */
  changed: ScoreChange[];
  /** Of those: now at or above the threshold, before below it (or without a score). */
  crossedUp: number;
  /** Of those: now below the threshold, before at or above it. */
  crossedDown: number;
};

/**
 * Each claim's words (the article's words it stands on, as detection scored them) scored again.
 * Scores are compared as stored, to two decimals, so a claim the model would score the same is
 * left alone.
 */
export function rescoreClaims(claims: readonly StoredScore[], score = (text: string) => scoreCheckWorthiness(text).score, threshold = CHECK_WORTHY_THRESHOLD): RescoreTally {
  const changed: ScoreChange[] = [];
  let crossedUp = 0;
  let crossedDown = 0;
  for (const claim of claims) {
    const after = score(claim.quote);
    if (claim.score !== null && Math.abs(claim.score - after) < 0.005) continue;
    changed.push({ id: claim.id, before: claim.score, after });
    const wasAbove = claim.score !== null && claim.score >= threshold;
    if (!wasAbove && after >= threshold) crossedUp++;
    if (wasAbove && after < threshold) crossedDown++;
  }
  return { checked: claims.length, changed, crossedUp, crossedDown };
}

const claims = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "claim" : "claims"}`;

/** The outcome in words, for the settings page and the command line. */
export function describeRescore(s: { checked: number; rescored: number; articles: number; crossedUp: number; crossedDown: number; all: boolean; dryRun: boolean }): string {
  const which = s.all ? "detected claims" : "untouched detected claims";
  if (s.checked === 0) return `No ${which} to re-score: nothing changed.`;
  if (s.rescored === 0) return `Checked ${claims(s.checked)}: every score is already the current detector's. Nothing changed.`;
  const verb = s.dryRun ? "Would re-score" : "Re-scored";
  const articles = `${s.articles.toLocaleString("en-US")} ${s.articles === 1 ? "article" : "articles"}`;
  const threshold = `the detector's threshold (${Math.round(CHECK_WORTHY_THRESHOLD * 100)}%)`;
  const crossed = `${s.crossedUp.toLocaleString("en-US")} ${s.dryRun ? "would rise" : "rose"} to ${threshold} or above, ${s.crossedDown.toLocaleString("en-US")} ${s.dryRun ? "would fall" : "fell"} below it`;
  return `${verb} ${claims(s.rescored)} of ${claims(s.checked)} checked, in ${articles}: ${crossed}. Statements, spans and statuses ${s.dryRun ? "stay" : "are"} unchanged.`;
}
