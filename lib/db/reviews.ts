import "server-only";
import { publishBlockers, type PublishingRules } from "@/lib/domain/publishing";
import { findActiveRating, parseRatingScale, type Rating } from "@/lib/domain/rating-scale";
import { statusAfter, type ClaimStatus } from "@/lib/domain/workflow";
import { AppError, conflict, notFound } from "@/lib/errors";
import { reviewFormValues, type PublishDecisionInput, type ReuseDecisionInput, type SaveReviewInput } from "@/lib/validation/review";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";
import { lockClaim, setClaimStatus } from "./claims";
import { noticeReusersOfOriginal } from "./reuse-notices";
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
    const { id } = await publishOnLockedClaim(tx, ctx, claim, { rating: input.rating, summary: input.summary, version: input.version });
    return { id, articleId: claim.articleId };
  });
}

/**
 * The one way a decision is written: on a claim its caller has locked, with the workspace's
 * rules and scale as they stand now, through the publishing gate, with its audit event, the
 * claim's new status and the webhook outbox, all in the caller's transaction. A reused verdict
 * (`reusedFrom`) passes the same gate as any other.
 */
async function publishOnLockedClaim(
  tx: Tx,
  ctx: Ctx,
  claim: { id: string; articleId: string; status: ClaimStatus; version: number },
  input: { rating: string; summary: string; version: number; reusedFrom?: { decisionId: string; claimId: string } },
  gateRefusal: (blockers: string[]) => string = (blockers) => blockers.join(" "),
) {
  // The rules and the scale as they stand now: an admin changing them waits for this publish
  // to commit, or this publish waits for the change and applies it.
  await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${ctx.workspaceId} FOR SHARE`;
  const workspace = await tx.workspace.findFirstOrThrow({
    where: { id: ctx.workspaceId },
    select: { ratingScale: true, minSourcesToPublish: true, minReviewsToPublish: true, fourEyes: true },
  });
  const scale = parseRatingScale(workspace.ratingScale);
  if (input.reusedFrom && !findActiveRating(scale, input.rating)) {
    throw new AppError("INVALID_INPUT", "The original's rating is no longer on the desk's scale, so it cannot be reused. Publish a verdict of this claim's own instead.");
  }
  requireRating(scale, input.rating);
  if (claim.version !== input.version) throw conflict();
  const blockers = await readPublishBlockers(tx, ctx, workspace, claim);
  if (blockers.length > 0) throw new AppError("INVALID_INPUT", gateRefusal(blockers));
  const previous = await tx.decision.findFirst({
    where: { claimId: claim.id, workspaceId: ctx.workspaceId },
    orderBy: { createdAt: "desc" },
    select: { rating: true, summary: true },
  });
  const decision = await tx.decision.create({
    data: { workspaceId: ctx.workspaceId, claimId: claim.id, rating: input.rating, summary: input.summary, approvedById: ctx.userId, reusedFromDecisionId: input.reusedFrom?.decisionId ?? null },
    select: { id: true },
  });
  const eventId = await recordEvent(tx, ctx, {
    action: previous ? "decision.corrected" : "decision.published",
    entityType: "decision",
    entityId: decision.id,
    articleId: claim.articleId,
    claimId: claim.id,
    before: previous ?? null,
    after: {
      rating: input.rating,
      summary: input.summary,
      ...(input.reusedFrom ? { reusedFromDecisionId: input.reusedFrom.decisionId, reusedFromClaimId: input.reusedFrom.claimId } : {}),
    },
  });
  await setClaimStatus(tx, ctx, claim, statusAfter("decision-published", claim.status), input.reusedFrom ? "verdict reused from the original" : "verdict published", input.version);
  // A correction: duplicates that reuse an earlier verdict of this claim hear of the new one.
  if (previous) await noticeReusersOfOriginal(tx, ctx, claim.id, { kind: "corrected", decisionId: decision.id, rating: input.rating });
  // The outbox: deliveries commit with the verdict; the worker sends them after.
  await enqueueWebhookEvent(tx, ctx.workspaceId, {
    type: previous ? "decision.corrected" : "claim.published",
    eventId,
    data: () => decisionEventData(tx, ctx.workspaceId, decision.id, previous),
  });
  return { id: decision.id, corrected: previous !== null };
}

export type LockedClaim = { id: string; articleId: string; status: ClaimStatus; version: number; duplicateOfId: string | null };

/** Locks a duplicate and its original (FOR UPDATE, in id order, as marking a duplicate does) and reads them. */
export async function lockDuplicatePair(tx: Tx, ctx: Ctx, claimId: string, originalId: string): Promise<LockedClaim[]> {
  return tx.$queryRaw<LockedClaim[]>`
    SELECT "id", "articleId", "status"::text AS "status", "version", "duplicateOfId" FROM "Claim"
    WHERE "workspaceId" = ${ctx.workspaceId} AND "id" = ANY(${[claimId, originalId]}::text[]) ORDER BY "id" FOR UPDATE`;
}

/**
 * Publishes the original's decision `source` on its duplicate `claim` (both locked by the
 * caller): through `publishOnLockedClaim`, the one gate of every verdict, then tells the
 * original's open pages (`claim.verdict_reused` on the original's article).
 */
export async function publishReusedVerdict(
  tx: Tx,
  ctx: Ctx,
  claim: { id: string; articleId: string; status: ClaimStatus; version: number },
  original: { id: string; articleId: string },
  source: { id: string; rating: string; summary: string },
  version: number,
  note?: { bulk: true },
) {
  const published = await publishOnLockedClaim(
    tx,
    ctx,
    claim,
    { rating: source.rating, summary: source.summary, version, reusedFrom: { decisionId: source.id, claimId: original.id } },
    (blockers) => `The original's verdict is reused under the same rules as any verdict, and this claim cannot be published yet: ${blockers.join(" ")}`,
  );
  // Pages open on the original's article refresh its list of duplicates.
  await recordEvent(tx, ctx, {
    action: "claim.verdict_reused",
    entityType: "claim",
    entityId: original.id,
    articleId: original.articleId,
    claimId: original.id,
    after: { duplicateClaimId: claim.id, duplicateArticleId: claim.articleId, decisionId: published.id, reusedFromDecisionId: source.id, rating: source.rating, ...(note ?? {}) },
  });
  return published;
}

/**
 * Reuses the original's published verdict on a claim marked as its duplicate: a decision of the
 * duplicate's own with the original's rating and summary, pointing at the decision it copies,
 * published through the same gate as any verdict (the duplicate's state, sources, reviews and
 * four eyes; a refusal lists what is missing). Both claims are locked (FOR UPDATE, in id order,
 * as marking a duplicate does) before anything is checked, so a mark cleared or an original
 * reopened meanwhile is seen. A duplicate with a verdict of its own is refused unless `replace`
 * is set, and then it is a correction, which the gate allows only on a reopened claim.
 * `decisionId`, when given, is the original's decision the person saw: a newer one is a CONFLICT.
 */
export async function reuseOriginalDecision(ctx: Ctx, input: ReuseDecisionInput) {
  return getDb().$transaction(async (tx) => {
    const seen = await tx.claim.findFirst({ where: { id: input.claimId, workspaceId: ctx.workspaceId }, select: { duplicateOfId: true } });
    if (!seen) throw notFound("That claim");
    if (!seen.duplicateOfId) throw notDuplicate();
    const locked = await lockDuplicatePair(tx, ctx, input.claimId, seen.duplicateOfId);
    const claim = locked.find((c) => c.id === input.claimId);
    if (!claim) throw notFound("That claim");
    if (!claim.duplicateOfId) throw notDuplicate();
    // Marked as repeating another claim between the read and the lock: start again from the page.
    if (claim.duplicateOfId !== seen.duplicateOfId) throw conflict();
    const original = locked.find((c) => c.id === claim.duplicateOfId);
    if (!original) throw notFound("The original claim");
    const source = await tx.decision.findFirst({
      where: { claimId: original.id, workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, rating: true, summary: true },
    });
    if (original.status !== "PUBLISHED" || !source) {
      throw new AppError(
        "INVALID_INPUT",
        source
          ? "The original's verdict is not published at the moment (it was reopened for a correction), so there is nothing to reuse yet."
          : "The original has no published verdict yet, so there is nothing to reuse.",
      );
    }
    if (input.decisionId && input.decisionId !== source.id) {
      throw new AppError("CONFLICT", "The original's verdict changed since you opened this claim. Reload to see the new one, then reuse it if it still applies.");
    }
    if (claim.version !== input.version) throw conflict();
    const own = await tx.decision.findFirst({
      where: { claimId: claim.id, workspaceId: ctx.workspaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { reusedFromDecisionId: true },
    });
    if (own?.reusedFromDecisionId === source.id && claim.status === "PUBLISHED") throw new AppError("INVALID_INPUT", "This claim already reuses the original's verdict.");
    if (own && !input.replace) {
      throw new AppError("INVALID_INPUT", "This claim already has a verdict of its own. To replace it with the original's, reopen the claim and reuse the verdict as a correction.");
    }
    const { id, corrected } = await publishReusedVerdict(tx, ctx, claim, original, source, input.version);
    return { id, articleId: claim.articleId, originalClaimId: original.id, originalArticleId: original.articleId, reusedFromDecisionId: source.id, corrected };
  });
}

const notDuplicate = () => new AppError("INVALID_INPUT", "This claim is not marked as a duplicate (any more), so it has no original verdict to reuse.");
