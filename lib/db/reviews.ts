import "server-only";
import { findRating, type Rating } from "@/lib/domain/rating-scale";
import { publishBlocker, statusAfter } from "@/lib/domain/workflow";
import { AppError, conflict } from "@/lib/errors";
import { reviewFormValues, type PublishDecisionInput, type SaveReviewInput } from "@/lib/validation/review";
import { recordEvent, type Ctx } from "./audit";
import { getDb } from "./client";
import { lockClaim, setClaimStatus } from "./claims";

function requireRating(scale: readonly Rating[], key: string): void {
  if (!findRating(scale, key)) {
    throw new AppError("INVALID_INPUT", "Choose a rating from the desk's scale.", { rating: ["Choose a rating from the desk's scale."] });
  }
}

/**
 * Creates or replaces the caller's own review of a claim. `input.version` is the version of
 * their review they started from: a review saved meanwhile (in another tab) is a CONFLICT.
 */
export async function saveReview(ctx: Ctx, scale: readonly Rating[], input: SaveReviewInput) {
  requireRating(scale, input.rating);
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    const before = await tx.review.findFirst({
      where: { claimId: claim.id, reviewerId: ctx.userId, workspaceId: ctx.workspaceId },
      select: { rating: true, rationale: true, confidence: true, version: true },
    });
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

/** Publishes the desk's verdict. A later decision is a correction; earlier ones stay on record. */
export async function publishDecision(ctx: Ctx, workspace: { ratingScale: readonly Rating[]; minSourcesToPublish: number }, input: PublishDecisionInput) {
  requireRating(workspace.ratingScale, input.rating);
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    const sourceCount = await tx.source.count({ where: { claimId: claim.id, workspaceId: ctx.workspaceId } });
    const blocker = publishBlocker({ status: claim.status, sourceCount, minSources: workspace.minSourcesToPublish });
    if (blocker) throw new AppError("INVALID_INPUT", blocker);
    const previous = await tx.decision.findFirst({
      where: { claimId: claim.id, workspaceId: ctx.workspaceId },
      orderBy: { createdAt: "desc" },
      select: { rating: true, summary: true },
    });
    const decision = await tx.decision.create({
      data: { workspaceId: ctx.workspaceId, claimId: claim.id, rating: input.rating, summary: input.summary, approvedById: ctx.userId },
      select: { id: true },
    });
    await recordEvent(tx, ctx, {
      action: previous ? "decision.corrected" : "decision.published",
      entityType: "decision",
      entityId: decision.id,
      articleId: claim.articleId,
      claimId: claim.id,
      before: previous ?? null,
      after: { rating: input.rating, summary: input.summary },
    });
    await setClaimStatus(tx, ctx, claim, statusAfter("decision-published", claim.status), "verdict published", input.version);
    return { id: decision.id, articleId: claim.articleId };
  });
}
