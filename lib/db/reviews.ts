import "server-only";
import { publishBlockers, type PublishingRules } from "@/lib/domain/publishing";
import { findActiveRating, parseRatingScale, type Rating } from "@/lib/domain/rating-scale";
import { statusAfter, type ClaimStatus } from "@/lib/domain/workflow";
import { AppError, conflict } from "@/lib/errors";
import { reviewFormValues, type PublishDecisionInput, type SaveReviewInput } from "@/lib/validation/review";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";
import { lockClaim, setClaimStatus } from "./claims";
import { decisionEventData, enqueueWebhookEvent } from "./webhooks";

/** A rating someone may give now: active on the scale, or the one they already gave (since retired). */
function requireRating(scale: readonly Rating[], key: string, alreadyGiven?: string): void {
  if (key === alreadyGiven && scale.some((r) => r.key === key)) return;
  if (!findActiveRating(scale, key)) {
    throw new AppError("INVALID_INPUT", "Choose a rating from the desk's scale.", { rating: ["Choose a rating from the desk's scale."] });
  }
}

/**
 * Creates or replaces the caller's own review of a claim. `input.version` is the version of
 * their review they started from: a review saved meanwhile (in another tab) is a CONFLICT.
 */
export async function saveReview(ctx: Ctx, scale: readonly Rating[], input: SaveReviewInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    const before = await tx.review.findFirst({
      where: { claimId: claim.id, reviewerId: ctx.userId, workspaceId: ctx.workspaceId },
      select: { rating: true, rationale: true, confidence: true, version: true },
    });
    requireRating(scale, input.rating, before?.rating);
    if (before && before.version !== input.version) throw conflict({ version: before.version, fields: reviewFormValues(before) });
    const data = { rating: input.rating, rationale: input.rationale, confidence: input.confidence };
    const review = await tx.review.upsert({
      where: { claimId_reviewerId: { claimId: claim.id, reviewerId: ctx.userId } },
      create: { ...data, workspaceId: ctx.workspaceId, claimId: claim.id, reviewerId: ctx.userId },
      update: { ...data, version: { increment: 1 } },
      select: { id: true, version: true },
    });
    await recordEvent(tx, ctx, {
      action: before ? "review.updated" : "review.submitted",
      entityType: "review",
      entityId: review.id,
      articleId: claim.articleId,
      claimId: claim.id,
      before: before ? { rating: before.rating, confidence: before.confidence } : null,
      after: { rating: input.rating, confidence: input.confidence },
    });
    const next = statusAfter("review-submitted", claim.status);
    if (next !== claim.status) await setClaimStatus(tx, ctx, claim, next, "review submitted");
    return { id: review.id, articleId: claim.articleId, version: review.version };
  });
}

/** What stands between this person and publishing, read inside the publishing transaction. */
async function readPublishBlockers(tx: Tx, ctx: Ctx, rules: PublishingRules, claim: { id: string; status: ClaimStatus }): Promise<string[]> {
  const [sources, reviews] = await Promise.all([
    tx.source.findMany({ where: { claimId: claim.id, workspaceId: ctx.workspaceId }, select: { url: true } }),
    tx.review.findMany({ where: { claimId: claim.id, workspaceId: ctx.workspaceId }, select: { reviewerId: true } }),
  ]);
  return publishBlockers({ status: claim.status, sourceUrls: sources.map((s) => s.url), reviewerIds: reviews.map((r) => r.reviewerId), publisherId: ctx.userId, rules });
}

/**
 * Publishes the desk's verdict, through the publishing gate (the workflow's state, the desk's
 * rules, four eyes). On a reopened claim it is a correction: earlier decisions stay on record.
 */
export async function publishDecision(ctx: Ctx, input: PublishDecisionInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    // The rules and the scale as they stand now: an admin changing them waits for this publish
    // to commit, or this publish waits for the change and applies it.
    await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${ctx.workspaceId} FOR SHARE`;
    const workspace = await tx.workspace.findFirstOrThrow({
      where: { id: ctx.workspaceId },
      select: { ratingScale: true, minSourcesToPublish: true, minReviewsToPublish: true, fourEyes: true },
    });
    requireRating(parseRatingScale(workspace.ratingScale), input.rating);
    if (claim.version !== input.version) throw conflict();
    const blockers = await readPublishBlockers(tx, ctx, workspace, claim);
    if (blockers.length > 0) throw new AppError("INVALID_INPUT", blockers.join(" "));
    const previous = await tx.decision.findFirst({
      where: { claimId: claim.id, workspaceId: ctx.workspaceId },
      orderBy: { createdAt: "desc" },
      select: { rating: true, summary: true },
    });
    const decision = await tx.decision.create({
      data: { workspaceId: ctx.workspaceId, claimId: claim.id, rating: input.rating, summary: input.summary, approvedById: ctx.userId },
      select: { id: true },
    });
    const eventId = await recordEvent(tx, ctx, {
      action: previous ? "decision.corrected" : "decision.published",
      entityType: "decision",
      entityId: decision.id,
      articleId: claim.articleId,
      claimId: claim.id,
      before: previous ?? null,
      after: { rating: input.rating, summary: input.summary },
    });
    await setClaimStatus(tx, ctx, claim, statusAfter("decision-published", claim.status), "verdict published", input.version);
    // The outbox: deliveries commit with the verdict; the worker sends them after.
    await enqueueWebhookEvent(tx, ctx.workspaceId, {
      type: previous ? "decision.corrected" : "claim.published",
      eventId,
      data: () => decisionEventData(tx, ctx.workspaceId, decision.id, previous),
    });
    return { id: decision.id, articleId: claim.articleId };
  });
}
