import "server-only";
import { alignToCharacters, buildSelector } from "@/lib/domain/anchoring";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { AdjustSpanInput, MergeClaimsInput, SplitClaimInput } from "@/lib/validation/claim-span";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";

// Changing which words a claim covers (docs/decisions/027-spans-and-import.md). Each operation
// locks the article row, then the claim row (the order createManualClaim uses too), checks the
// version the person saw, and writes with its audit event, which is also what the live feed sends
// to every open page of the article (lib/db/audit.ts). A published claim keeps its words: its verdict was
// given on them, so it must be reopened first.

const PUBLISHED = "This claim's verdict is published, and a verdict belongs to the words it was given on. Reopen the claim before changing its words.";
const OUTSIDE = "That position is outside the article's text. Reload the page and try again.";

/** The span without white space at its ends; null when nothing but white space is left. */
function trimmed(body: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(body.charAt(s))) s++;
  while (e > s && /\s/.test(body.charAt(e - 1))) e--;
  return e > s ? { start: s, end: e } : null;
}

const statementOf = (quote: string) => quote.replace(/\s+/g, " ").trim();

async function lockForSpan(tx: Tx, ctx: Ctx, claimId: string, expectedVersion: number) {
  const found = await tx.claim.findFirst({ where: { id: claimId, workspaceId: ctx.workspaceId }, select: { articleId: true } });
  if (!found) throw notFound("That claim");
  await tx.$queryRaw`SELECT 1 FROM "Article" WHERE "id" = ${found.articleId} AND "workspaceId" = ${ctx.workspaceId} FOR NO KEY UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "Claim" WHERE "id" = ${claimId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
  const claim = await tx.claim.findFirst({
    where: { id: claimId, workspaceId: ctx.workspaceId },
    select: { id: true, articleId: true, version: true, status: true, start: true, end: true, quote: true, statement: true, article: { select: { body: true } } },
  });
  if (!claim) throw notFound("That claim");
  if (claim.version !== expectedVersion) throw conflict();
  if (claim.status === "PUBLISHED") throw new AppError("INVALID_INPUT", PUBLISHED);
  return claim;
}

/**
 * New ends for a claim's words: aligned to whole characters, white space at the ends left out,
 * inside the article and not empty. A statement still equal to the old words follows the new
 * ones; a statement someone reworded stays as they wrote it.
 */
export async function adjustClaimSpan(ctx: Ctx, input: AdjustSpanInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockForSpan(tx, ctx, input.claimId, input.version);
    const body = claim.article.body;
    if (input.end > body.length || input.start >= body.length) throw new AppError("INVALID_INPUT", OUTSIDE);
    const aligned = alignToCharacters(body, input.start, input.end);
    const span = trimmed(body, aligned.start, aligned.end);
    if (!span) throw new AppError("INVALID_INPUT", "The claim must keep at least one word.");
    if (span.start === claim.start && span.end === claim.end) return { articleId: claim.articleId, version: claim.version, changed: false };
    const selector = buildSelector(body, span.start, span.end);
    const statement = claim.statement === statementOf(claim.quote) ? statementOf(selector.quote) : claim.statement;
    await tx.claim.update({ where: { id: claim.id }, data: { ...selector, start: span.start, end: span.end, statement, version: { increment: 1 } } });
    await recordEvent(tx, ctx, {
      action: "claim.span_changed",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      claimId: claim.id,
      before: { start: claim.start, end: claim.end, quote: claim.quote },
      after: { start: span.start, end: span.end, quote: selector.quote },
    });
    return { articleId: claim.articleId, version: claim.version + 1, changed: true };
  });
}

/**
 * A claim cut in two at a position strictly inside its words. The first part keeps the claim
 * with everything on it (sources, reviews, comments, assignees, history): that work was done on
 * it. The words after the cut become a new claim of the same article, queued, with nothing on
 * it yet, created by the person who split. Both events name the other claim.
 */
export async function splitClaim(ctx: Ctx, input: SplitClaimInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockForSpan(tx, ctx, input.claimId, input.version);
    const body = claim.article.body;
    if (input.at > body.length) throw new AppError("INVALID_INPUT", OUTSIDE);
    const at = alignToCharacters(body, input.at, input.at).start;
    const first = trimmed(body, claim.start, Math.min(at, claim.end));
    const second = trimmed(body, Math.max(at, claim.start), claim.end);
    if (at <= claim.start || at >= claim.end || !first || !second) {
      throw new AppError("INVALID_INPUT", "Split inside the claim's words, so that each part keeps at least one word.");
    }
    const firstSelector = buildSelector(body, first.start, first.end);
    const secondSelector = buildSelector(body, second.start, second.end);
    const statement = claim.statement === statementOf(claim.quote) ? statementOf(firstSelector.quote) : claim.statement;
    await tx.claim.update({ where: { id: claim.id }, data: { ...firstSelector, start: first.start, end: first.end, statement, version: { increment: 1 } } });
    const created = await tx.claim.create({
      data: {
        workspaceId: ctx.workspaceId,
        articleId: claim.articleId,
        ...secondSelector,
        start: second.start,
        end: second.end,
        statement: statementOf(secondSelector.quote),
        origin: "MANUAL",
        status: "QUEUED",
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await recordEvent(tx, ctx, {
      action: "claim.split",
      entityType: "claim",
      entityId: claim.id,
      articleId: claim.articleId,
      claimId: claim.id,
      before: { start: claim.start, end: claim.end, quote: claim.quote },
      after: { start: first.start, end: first.end, quote: firstSelector.quote, newClaimId: created.id },
    });
    await recordEvent(tx, ctx, {
      action: "claim.split",
      entityType: "claim",
      entityId: created.id,
      articleId: claim.articleId,
      claimId: created.id,
      before: { fromClaimId: claim.id, quote: claim.quote },
      after: { start: second.start, end: second.end, quote: secondSelector.quote },
    });
    return { articleId: claim.articleId, version: claim.version + 1, newClaimId: created.id };
  });
}

/**
 * Two claims of one article, one right after the other (no claim between them, no overlap),
 * made one. The first is kept and grows to the end of the second; the second's sources,
 * comments and assignees move to it. The second is dismissed with the reason "Merged into the
 * claim before it", so its history stays readable and links back. Refused when either is
 * published, and when the second carries reviews or a decision: a review judged those words
 * alone, and moving it would put a rating on words its reviewer never read.
 */
export async function mergeClaims(ctx: Ctx, input: MergeClaimsInput) {
  return getDb().$transaction(async (tx) => {
    const found = await tx.claim.findMany({ where: { id: { in: [input.claimId, input.nextId] }, workspaceId: ctx.workspaceId }, select: { id: true, articleId: true } });
    const firstFound = found.find((c) => c.id === input.claimId);
    const nextFound = found.find((c) => c.id === input.nextId);
    if (!firstFound || !nextFound) throw notFound("That claim");
    if (input.claimId === input.nextId || firstFound.articleId !== nextFound.articleId) throw new AppError("INVALID_INPUT", "Only two different claims of the same article can be merged.");
    await tx.$queryRaw`SELECT 1 FROM "Article" WHERE "id" = ${firstFound.articleId} AND "workspaceId" = ${ctx.workspaceId} FOR NO KEY UPDATE`;
    const ids = [input.claimId, input.nextId].sort();
    await tx.$queryRaw`SELECT 1 FROM "Claim" WHERE "id" = ANY(${ids}) AND "workspaceId" = ${ctx.workspaceId} ORDER BY "id" FOR UPDATE`;
    const rows = await tx.claim.findMany({
      where: { id: { in: ids }, workspaceId: ctx.workspaceId },
      select: { id: true, articleId: true, version: true, status: true, start: true, end: true, quote: true, statement: true, _count: { select: { reviews: true, decisions: true } } },
    });
    const first = rows.find((c) => c.id === input.claimId);
    const next = rows.find((c) => c.id === input.nextId);
    if (!first || !next) throw notFound("That claim");
    if (first.version !== input.version || next.version !== input.nextVersion) throw conflict();
    if (first.status === "PUBLISHED" || next.status === "PUBLISHED") throw new AppError("INVALID_INPUT", PUBLISHED);
    const between = await tx.claim.count({
      where: { workspaceId: ctx.workspaceId, articleId: first.articleId, id: { notIn: ids }, status: { not: "DISMISSED" }, start: { lt: next.start }, end: { gt: first.start } },
    });
    if (next.start < first.end || between > 0) throw new AppError("INVALID_INPUT", "Only a claim and the claim right after it can be merged: these two overlap or have another claim between them.");
    if (next._count.reviews > 0 || next._count.decisions > 0) throw new AppError("INVALID_INPUT", "The next claim has reviews of its own. Withdraw them, or dismiss that claim instead of merging it.");
    const article = await tx.article.findFirstOrThrow({ where: { id: first.articleId, workspaceId: ctx.workspaceId }, select: { body: true } });
    const selector = buildSelector(article.body, first.start, next.end);
    const statement = first.statement === statementOf(first.quote) ? statementOf(selector.quote) : first.statement;
    await tx.claim.update({ where: { id: first.id }, data: { ...selector, start: first.start, end: next.end, statement, version: { increment: 1 } } });
    await tx.source.updateMany({ where: { claimId: next.id, workspaceId: ctx.workspaceId }, data: { claimId: first.id } });
    await tx.comment.updateMany({ where: { claimId: next.id, workspaceId: ctx.workspaceId }, data: { claimId: first.id } });
    const assignees = await tx.claimAssignee.findMany({ where: { claimId: next.id }, select: { userId: true, assignedById: true } });
    if (assignees.length) await tx.claimAssignee.createMany({ data: assignees.map((a) => ({ ...a, claimId: first.id })), skipDuplicates: true });
    await tx.claimAssignee.deleteMany({ where: { claimId: next.id } });
    await tx.claim.update({ where: { id: next.id }, data: { status: "DISMISSED", statusReason: "Merged into the claim before it.", version: { increment: 1 } } });
    await recordEvent(tx, ctx, {
      action: "claim.merged",
      entityType: "claim",
      entityId: first.id,
      articleId: first.articleId,
      claimId: first.id,
      before: { start: first.start, end: first.end, quote: first.quote },
      after: { start: first.start, end: next.end, quote: selector.quote, mergedClaimId: next.id, mergedQuote: next.quote },
    });
    await recordEvent(tx, ctx, {
      action: "claim.merged",
      entityType: "claim",
      entityId: next.id,
      articleId: first.articleId,
      claimId: next.id,
      before: { status: next.status, quote: next.quote },
      after: { status: "DISMISSED", mergedInto: first.id },
    });
    return { articleId: first.articleId, version: first.version + 1 };
  });
}
