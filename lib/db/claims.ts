import "server-only";
import { buildSelector, snapToWords } from "@/lib/domain/anchoring";
import { canTransition, STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { LiveClaim } from "@/lib/realtime/change";
import { claimFormValues, type ChangeClaimStatusInput, type CreateClaimInput, type UpdateClaimInput } from "@/lib/validation/claim";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";

/** A claim as the list, the highlights and the live stream carry it. */
export type ClaimListItem = LiveClaim;

/** An article's claims in reading order; with `claimIds`, only those (the live feed's delta). */
export async function listClaimsForArticle(workspaceId: string, articleId: string, claimIds?: string[]): Promise<ClaimListItem[]> {
  const rows = await getDb().claim.findMany({
    where: { workspaceId, articleId, ...(claimIds ? { id: { in: claimIds } } : {}) },
    orderBy: [{ start: "asc" }, { end: "desc" }],
    select: {
      id: true,
      quote: true,
      start: true,
      end: true,
      statement: true,
      claimant: true,
      score: true,
      status: true,
      origin: true,
      version: true,
      rev: true,
      _count: { select: { sources: true } },
      decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { rating: true } },
    },
  });
  return rows.map(({ _count, decisions, rev, ...claim }) => ({
    ...claim,
    rev: Number(rev),
    sourceCount: _count.sources,
    publishedRating: decisions[0]?.rating ?? null,
  }));
}

/** The slug of the claim's workspace, if the user is a member there; null otherwise. */
export async function findClaimWorkspaceSlug(claimId: string, userId: string): Promise<string | null> {
  const row = await getDb().claim.findFirst({
    where: { id: claimId, workspace: { memberships: { some: { userId } } } },
    select: { workspace: { select: { slug: true } } },
  });
  return row?.workspace.slug ?? null;
}

/**
 * Locks a claim's row for the rest of the transaction and reads it, or fails with NOT_FOUND.
 * Two people adding sources or reviews at once then queue up instead of one of them losing
 * their write to a version check that only the automatic status change tripped.
 */
export async function lockClaim(tx: Tx, workspaceId: string, claimId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Claim" WHERE "id" = ${claimId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  const claim = await tx.claim.findFirst({
    where: { id: claimId, workspaceId },
    select: { id: true, status: true, version: true, articleId: true },
  });
  if (!claim) throw notFound("That claim");
  return claim;
}

/**
 * Moves a claim to a status by the workflow, bumping its version. With `expectedVersion`, a claim
 * someone else changed in the meantime is a CONFLICT instead of a silent overwrite.
 */
export async function setClaimStatus(
  tx: Tx,
  ctx: Ctx,
  claim: { id: string; articleId: string; status: ClaimStatus; version: number },
  status: ClaimStatus,
  reason: string,
  expectedVersion?: number,
): Promise<number> {
  const version = expectedVersion ?? claim.version;
  const updated = await tx.claim.updateMany({
    where: { id: claim.id, workspaceId: ctx.workspaceId, version },
    data: { status, version: { increment: 1 } },
  });
  if (updated.count === 0) throw conflict();
  if (status !== claim.status) {
    await recordEvent(tx, ctx, {
      action: "claim.status_changed",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      claimId: claim.id,
      before: { status: claim.status },
      after: { status, reason },
    });
  }
  return version + 1;
}

/** A reviewer's own claim from words they selected; the server re-reads the words from the body. */
export async function createManualClaim(ctx: Ctx, input: CreateClaimInput) {
  return getDb().$transaction(async (tx) => {
    // The article's row lock makes the duplicate check and the insert one step: twenty identical
    // requests at once queue here, and all but the first find the claim already there.
    await tx.$queryRaw`SELECT 1 FROM "Article" WHERE "id" = ${input.articleId} AND "workspaceId" = ${ctx.workspaceId} FOR NO KEY UPDATE`;
    const article = await tx.article.findFirst({ where: { id: input.articleId, workspaceId: ctx.workspaceId }, select: { id: true, body: true } });
    if (!article) throw notFound("That article");
    if (input.end > article.body.length) throw new AppError("INVALID_INPUT", "The selection is outside the article's text. Reload the page and select again.");
    const span = snapToWords(article.body, input.start, input.end);
    if (!span) throw new AppError("INVALID_INPUT", "Select some words in the article first.");
    // The same words, give or take the closing punctuation that detection keeps and snapping drops.
    const sameStart = await tx.claim.findMany({
      where: { workspaceId: ctx.workspaceId, articleId: article.id, start: span.start, end: { gte: span.end, lte: span.end + 3 } },
      select: { end: true },
    });
    if (sameStart.some((c) => /^[\p{P}]*$/u.test(article.body.slice(span.end, c.end)))) {
      throw new AppError("CONFLICT", "Those exact words are already a claim.");
    }
    const selector = buildSelector(article.body, span.start, span.end);
    const claim = await tx.claim.create({
      data: {
        workspaceId: ctx.workspaceId,
        articleId: article.id,
        ...selector,
        start: span.start,
        end: span.end,
        statement: selector.quote.replace(/\s+/g, " ").trim(),
        origin: "MANUAL",
        status: "QUEUED",
        createdById: ctx.userId,
      },
      select: { id: true, quote: true },
    });
    await recordEvent(tx, ctx, {
      action: "claim.created",
      entityType: "claim",
      entityId: claim.id,
      articleId: article.id,
      claimId: claim.id,
      after: { quote: claim.quote, start: span.start, end: span.end },
    });
    return claim;
  });
}

export async function changeClaimStatus(ctx: Ctx, input: ChangeClaimStatusInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    if (claim.version !== input.version) throw conflict();
    if (!canTransition(claim.status, input.status)) {
      const [from, to] = [STATUS_LABELS[claim.status], STATUS_LABELS[input.status]].map((label) => label.toLowerCase());
      throw new AppError("INVALID_INPUT", `A claim that is ${from} cannot move to ${to}.`);
    }
    await setClaimStatus(tx, ctx, claim, input.status, "triage", input.version);
    return { articleId: claim.articleId };
  });
}

/**
 * Rewords the statement as checked, or names the claimant. A published verdict was given on the
 * words as they stand, so a published claim must be reopened first.
 */
export async function updateClaim(ctx: Ctx, input: UpdateClaimInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    const before = await tx.claim.findFirstOrThrow({ where: { id: claim.id, workspaceId: ctx.workspaceId }, select: { statement: true, claimant: true } });
    if (claim.version !== input.version) throw conflict({ version: claim.version, fields: claimFormValues(before) });
    if (claim.status === "PUBLISHED") throw new AppError("INVALID_INPUT", "This claim's verdict is published. Reopen the claim before changing its statement.");
    const after = { statement: input.statement, claimant: input.claimant ?? null };
    await tx.claim.update({ where: { id: claim.id }, data: { ...after, version: { increment: 1 } } });
    await recordEvent(tx, ctx, { action: "claim.updated", entityType: "claim", entityId: claim.id, articleId: claim.articleId, claimId: claim.id, before, after });
    return { articleId: claim.articleId, version: claim.version + 1 };
  });
}
