import "server-only";
import { alignToCharacters, buildSelector } from "@/lib/domain/anchoring";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { AdjustSpanInput, SplitClaimInput } from "@/lib/validation/claim-span";
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
