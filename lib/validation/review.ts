import { z } from "zod";
import { id, requiredText, text, version } from "./fields";

export { CONFIDENCE_LABELS } from "./labels";

export const saveReviewSchema = z.object({
  claimId: id("claim"),
  rating: text({ error: "Choose a rating." }).trim().min(1, "Choose a rating.").max(64),
  rationale: requiredText("Rationale", 10_000),
  confidence: z.coerce.number({ error: "Choose your confidence." }).int().min(1, "Choose your confidence.").max(3),
  // The version of your own review you started from; absent for a first review.
  version: z.preprocess((v) => (v === "" ? undefined : v), version.optional()),
});

export const reviewFormValues = (review: { rating: string; rationale: string; confidence: number | null }) => ({
  rating: review.rating,
  rationale: review.rationale,
  confidence: review.confidence === null ? "" : String(review.confidence),
});

export const publishDecisionSchema = z.object({
  claimId: id("claim"),
  version,
  rating: text({ error: "Choose a rating." }).trim().min(1, "Choose a rating.").max(64),
  summary: requiredText("Summary", 5000),
});

// Reusing a duplicate's original verdict: the duplicate's version, the original's decision the
// person saw (optional: when given, a newer one is a conflict), and whether to replace a verdict
// the duplicate already has (a correction; only on a reopened claim).
export const reuseDecisionSchema = z.object({
  claimId: id("claim"),
  version,
  decisionId: z.preprocess((v) => (v === "" || v === null ? undefined : v), id("decision").optional()),
  replace: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
});

export type ReuseDecisionInput = z.infer<typeof reuseDecisionSchema>;
export type SaveReviewInput = z.infer<typeof saveReviewSchema>;
export type PublishDecisionInput = z.infer<typeof publishDecisionSchema>;
