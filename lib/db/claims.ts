import "server-only";
import { buildSelector, snapToWords } from "@/lib/domain/anchoring";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import { transitionRefusal, type ClaimFacts, type ClaimStatus } from "@/lib/domain/workflow";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { LiveClaim } from "@/lib/realtime/change";
import { claimFormValues, type AssignClaimInput, type BulkTriageInput, type ChangeClaimStatusInput, type CreateClaimInput, type UpdateClaimInput } from "@/lib/validation/claim";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import { notifyUsers } from "./notifications";
import { noticeReusersOfOriginal } from "./reuse-notices";

/** A claim as the list, the highlights and the live stream carry it. */
export type ClaimListItem = LiveClaim;

/** An article's claims in reading order; with `claimIds`, only those (the live feed's delta). */
export async function listClaimsForArticle(workspaceId: string, articleId: string, claimIds?: string[]): Promise<ClaimListItem[]> {
  // One statement (the article page's largest): the source counts and the latest decision as
  // sub-queries, where the query builder sends one statement for the claims and another for their
  // decisions. Orphaned claims have no place in the current text: the orphaned-claims list shows them.
  const only = claimIds ? Prisma.sql`AND c."id" = ANY(${claimIds})` : Prisma.empty;
  const rows = await getDb().$queryRaw<Array<Omit<ClaimListItem, "rev"> & { rev: bigint | number }>>`
    SELECT c."id", c."quote", c."start", c."end", c."statement", c."claimant", c."score",
      c."status"::text AS "status", c."origin"::text AS "origin", c."version", c."rev",
      (SELECT count(*)::int FROM "Source" s WHERE s."claimId" = c."id") AS "sourceCount",
      (SELECT d."rating" FROM "Decision" d WHERE d."claimId" = c."id" ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1) AS "publishedRating"
    FROM "Claim" c
    WHERE c."workspaceId" = ${workspaceId} AND c."articleId" = ${articleId} AND c."orphaned" = false ${only}
    ORDER BY c."start" ASC, c."end" DESC`;
  return rows.map((row) => ({ ...row, rev: Number(row.rev) }));
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
 * Moves a claim to a status, bumping its version, with its audit event; the people assigned to it
 * hear of it in their inbox. With `expectedVersion`, a claim someone else changed in the meantime
 * is a CONFLICT instead of a silent overwrite. The caller has checked the workflow.
 */
export async function setClaimStatus(
  tx: Tx,
  ctx: Ctx,
  claim: { id: string; articleId: string; status: ClaimStatus; version: number },
  status: ClaimStatus,
  reason: string,
  expectedVersion?: number,
  /** What a person wrote (a dismissal's or a reopening's why), shown on the claim. */
  statedReason?: string | null,
): Promise<number> {
  const version = expectedVersion ?? claim.version;
  const updated = await tx.claim.updateMany({
    where: { id: claim.id, workspaceId: ctx.workspaceId, version },
    data: { status, version: { increment: 1 }, ...(status !== claim.status ? { statusReason: statedReason?.trim() || null } : {}) },
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
      after: { status, reason, ...(statedReason?.trim() ? { statedReason: statedReason.trim() } : {}) },
    });
    // A published verdict taken back (reopened): duplicates that reuse it hear of it.
    if (claim.status === "PUBLISHED") await noticeReusersOfOriginal(tx, ctx, claim.id, { kind: "reopened" });
    const assignees = await tx.claimAssignee.findMany({ where: { claimId: claim.id }, select: { userId: true } });
    await notifyUsers(tx, ctx, { userIds: assignees.map((a) => a.userId), kind: "STATUS", claimId: claim.id, detail: { from: claim.status, to: status } });
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

/** What the workflow needs to know about a locked claim: its status and how much work is on it. */
async function claimFacts(tx: Tx, workspaceId: string, claim: { id: string; status: ClaimStatus }): Promise<ClaimFacts> {
  const [sourceCount, reviewCount] = await Promise.all([
    tx.source.count({ where: { claimId: claim.id, workspaceId } }),
    tx.review.count({ where: { claimId: claim.id, workspaceId } }),
  ]);
  return { status: claim.status, sourceCount, reviewCount };
}

function refuse(refusal: NonNullable<ReturnType<typeof transitionRefusal>>): never {
  if (refusal.forbidden) throw new AppError("FORBIDDEN", refusal.message);
  if (refusal.field) throw new AppError("INVALID_INPUT", "Check the highlighted field.", { [refusal.field]: [refusal.message] });
  throw new AppError("INVALID_INPUT", refusal.message);
}

/** One step of the workflow by a person; `mayTake` is the policy's answer for this person. */
export async function changeClaimStatus(ctx: Ctx, mayTake: MayTake, input: ChangeClaimStatusInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    if (claim.version !== input.version) throw conflict();
    const refusal = transitionRefusal(await claimFacts(tx, ctx.workspaceId, claim), input.status, mayTake, input.reason);
    if (refusal) refuse(refusal);
    await setClaimStatus(tx, ctx, claim, input.status, "workflow", input.version, input.reason);
    return { articleId: claim.articleId };
  });
}

/**
 * Triage in bulk: queues or dismisses many detected claims of one article in one transaction.
 * Claims no longer detected (someone triaged them meanwhile) are left as they are and counted,
 * not refused as a batch.
 */
export async function bulkTriage(ctx: Ctx, mayTake: MayTake, input: BulkTriageInput) {
  return getDb().$transaction(async (tx) => {
    const ids = [...new Set(input.claimIds)].sort();
    // Locked in id order, so two overlapping batches queue up instead of deadlocking.
    await tx.$queryRaw`SELECT 1 FROM "Claim" WHERE "id" = ANY(${ids}) AND "workspaceId" = ${ctx.workspaceId} AND "articleId" = ${input.articleId} ORDER BY "id" FOR UPDATE`;
    const claims = await tx.claim.findMany({
      where: { id: { in: ids }, workspaceId: ctx.workspaceId, articleId: input.articleId },
      select: { id: true, status: true, version: true, articleId: true, _count: { select: { sources: true, reviews: true } } },
    });
    if (claims.length !== ids.length) throw notFound("Some of those claims were");
    let changed = 0;
    for (const claim of claims) {
      const facts = { status: claim.status, sourceCount: claim._count.sources, reviewCount: claim._count.reviews };
      const refusal = transitionRefusal(facts, input.status, mayTake, input.reason);
      if (refusal?.forbidden || refusal?.field) refuse(refusal);
      if (refusal || claim.status !== "DETECTED") continue;
      await setClaimStatus(tx, ctx, claim, input.status, "triage", claim.version, input.reason);
      changed += 1;
    }
    return { changed, skipped: claims.length - changed };
  });
}

/** Gives a claim to a reviewer (who hears of it in their inbox), or takes it back. Editors and up. */
export async function setClaimAssignee(ctx: Ctx, mayTake: MayTake, input: AssignClaimInput) {
  requireMay(mayTake, "claim:assign");
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    const member = await tx.membership.findFirst({
      where: { workspaceId: ctx.workspaceId, userId: input.userId, disabledAt: null, user: { disabledAt: null } },
      select: { role: true, user: { select: { id: true, name: true } } },
    });
    if (input.assign === "unassign") {
      const removed = await tx.claimAssignee.deleteMany({ where: { claimId: claim.id, userId: input.userId } });
      if (removed.count === 0) return { articleId: claim.articleId, changed: false };
      await recordEvent(tx, ctx, {
        action: "claim.unassigned",
        entityType: "claim",
        entityId: claim.id,
        articleId: claim.articleId,
        claimId: claim.id,
        before: { userId: input.userId, name: member?.user.name ?? null },
      });
      return { articleId: claim.articleId, changed: true };
    }
    if (!member) throw new AppError("INVALID_INPUT", "That person is not an active member of this workspace.", { userId: ["Choose a member of this workspace."] });
    if (member.role === "VIEWER") throw new AppError("INVALID_INPUT", "Viewers cannot be assigned claims: give them the reviewer role first.", { userId: ["Choose a reviewer, editor or admin."] });
    const created = await tx.claimAssignee.createMany({ data: [{ claimId: claim.id, userId: input.userId, assignedById: ctx.userId }], skipDuplicates: true });
    if (created.count === 0) return { articleId: claim.articleId, changed: false };
    await recordEvent(tx, ctx, {
      action: "claim.assigned",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      claimId: claim.id,
      after: { userId: input.userId, name: member.user.name },
    });
    await notifyUsers(tx, ctx, { userIds: [input.userId], kind: "ASSIGNMENT", claimId: claim.id });
    return { articleId: claim.articleId, changed: true };
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
