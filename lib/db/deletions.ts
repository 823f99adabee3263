import "server-only";
import { isWithinEditWindow } from "@/lib/domain/comment-text";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { Action, Resource } from "@/lib/auth/policy";
import { recordEvent, type Ctx } from "./audit";
import { lockClaim } from "./claims";
import { getDb } from "./client";

// Removing things. The audit trail keeps every removal (with what was removed), and what a
// published verdict rests on is never removed: a correction is a new decision, not a deletion.

type May = (action: Action, resource?: Resource) => boolean;

/** An article and everything on it, from the version the caller saw. Its events stay. */
export async function deleteArticle(ctx: Ctx, input: { articleId: string; version: number }) {
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Article" WHERE "id" = ${input.articleId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
    const article = await tx.article.findFirst({ where: { id: input.articleId, workspaceId: ctx.workspaceId }, select: { id: true, title: true, version: true, _count: { select: { claims: true } } } });
    if (!article) throw notFound("That article");
    if (article.version !== input.version) throw conflict(undefined, "The article was changed since you read it. Read it again, then delete it if you still mean to.");
    const published = await tx.decision.count({ where: { workspaceId: ctx.workspaceId, claim: { articleId: article.id } } });
    if (published > 0) throw new AppError("CONFLICT", "This article has published verdicts; they stay on record, so the article cannot be deleted.");
    await tx.article.delete({ where: { id: article.id } });
    await recordEvent(tx, ctx, { action: "article.deleted", entityType: "article", entityId: article.id, articleId: article.id, before: { title: article.title, claims: article._count.claims } });
  });
}

/** A claim that has no published verdict (dismissing is the usual way out of the list). */
export async function deleteClaim(ctx: Ctx, input: { claimId: string; version: number }) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    if (claim.version !== input.version) throw conflict();
    const decisions = await tx.decision.count({ where: { claimId: claim.id, workspaceId: ctx.workspaceId } });
    if (decisions > 0) throw new AppError("CONFLICT", "This claim has a published verdict, which stays on record. Reopen or dismiss it instead.");
    const before = await tx.claim.findFirstOrThrow({ where: { id: claim.id }, select: { quote: true, statement: true, status: true, start: true, end: true } });
    await tx.claim.delete({ where: { id: claim.id } });
    // claimId stays null on the event: the row it would point at is gone.
    await recordEvent(tx, ctx, { action: "claim.deleted", entityType: "claim", entityId: claim.id, articleId: claim.articleId, before });
    return { articleId: claim.articleId };
  });
}

/** The caller withdraws their own review, as long as no verdict rests on it. */
export async function withdrawReview(ctx: Ctx, may: May, input: { reviewId: string }) {
  return getDb().$transaction(async (tx) => {
    const found = await tx.review.findFirst({ where: { id: input.reviewId, workspaceId: ctx.workspaceId }, select: { claimId: true } });
    if (!found) throw notFound("That review");
    const claim = await lockClaim(tx, ctx.workspaceId, found.claimId);
    const review = await tx.review.findFirst({ where: { id: input.reviewId, workspaceId: ctx.workspaceId }, select: { id: true, reviewerId: true, rating: true, confidence: true } });
    if (!review) throw notFound("That review");
    if (!may("review:delete", { ownerId: review.reviewerId })) throw new AppError("FORBIDDEN", "Only the person who wrote a review can withdraw it.");
    if (claim.status === "PUBLISHED") throw new AppError("CONFLICT", "A verdict was published on this claim; its reviews stay on record. An editor can reopen the claim.");
    await tx.review.delete({ where: { id: review.id } });
    await recordEvent(tx, ctx, { action: "review.withdrawn", entityType: "review", entityId: review.id, articleId: claim.articleId, claimId: claim.id, before: { rating: review.rating, confidence: review.confidence } });
    return { articleId: claim.articleId };
  });
}

/** The author deletes their comment within its edit window, when nobody has replied to it yet. */
export async function deleteComment(ctx: Ctx, may: May, input: { commentId: string }, now = new Date()) {
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Comment" WHERE "id" = ${input.commentId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
    const comment = await tx.comment.findFirst({
      where: { id: input.commentId, workspaceId: ctx.workspaceId },
      select: { id: true, authorId: true, body: true, createdAt: true, claimId: true, claim: { select: { articleId: true } }, _count: { select: { replies: true } } },
    });
    if (!comment) throw notFound("That comment");
    if (!may("comment:delete", { ownerId: comment.authorId })) throw new AppError("FORBIDDEN", "Only the person who wrote a comment can delete it.");
    if (!isWithinEditWindow(comment.createdAt, now)) throw new AppError("INVALID_INPUT", "Comments can be deleted for 15 minutes after posting; this one stays. Post a reply instead.");
    if (comment._count.replies > 0) throw new AppError("CONFLICT", "Someone has replied to this comment, so it stays.");
    await tx.notification.deleteMany({ where: { workspaceId: ctx.workspaceId, commentId: comment.id } });
    await tx.comment.delete({ where: { id: comment.id } });
    await recordEvent(tx, ctx, { action: "comment.deleted", entityType: "comment", entityId: comment.id, articleId: comment.claim.articleId, claimId: comment.claimId, before: { body: comment.body } });
    return { articleId: comment.claim.articleId };
  });
}
