import "server-only";
import { buildSelector, snapToWords } from "@/lib/domain/anchoring";
import { reanchorAll } from "@/lib/domain/reanchor";
import { AppError, conflict, notFound } from "@/lib/errors";
import { recordEvent, type Ctx } from "./audit";
import { getDb } from "./client";

// Article revisions. The article row keeps the current text; ArticleRevision keeps every text it
// has had. Replacing the text re-anchors every claim (lib/domain/reanchor.ts) in the same
// transaction: claims are updated in place, so their sources, reviews, decisions and comments
// stay theirs. A claim that cannot be placed with confidence is orphaned: it keeps its old quote,
// leaves the text (start = end = 0) and waits for an editor to re-attach or dismiss it.

export type RevisionSummary = { number: number; note: string | null; createdAt: Date; createdBy: string | null; length: number };

export async function listRevisions(workspaceId: string, articleId: string): Promise<RevisionSummary[]> {
  const rows = await getDb().$queryRaw<Array<{ number: number; note: string | null; createdAt: Date; createdBy: string | null; length: number }>>`
    SELECT r."number", r."note", r."createdAt", u."name" AS "createdBy", length(r."body")::int AS "length"
    FROM "ArticleRevision" r LEFT JOIN "User" u ON u."id" = r."createdById"
    WHERE r."workspaceId" = ${workspaceId} AND r."articleId" = ${articleId}
    ORDER BY r."number" DESC`;
  return rows;
}

export async function getRevision(workspaceId: string, articleId: string, number: number) {
  return getDb().articleRevision.findFirst({
    where: { workspaceId, articleId, number },
    select: { number: true, body: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

export async function listOrphanedClaims(workspaceId: string, articleId: string) {
  return getDb().claim.findMany({
    where: { workspaceId, articleId, orphaned: true, status: { not: "DISMISSED" } },
    orderBy: { createdAt: "asc" },
    select: { id: true, quote: true, statement: true, status: true, version: true, anchorConfidence: true },
  });
}

export type ReplaceTextInput = { articleId: string; version: number; body: string; note?: string | null };

export type ReplaceTextResult = { version: number; revision: number; kept: number; moved: number; orphaned: number };

export async function replaceArticleText(ctx: Ctx, input: ReplaceTextInput): Promise<ReplaceTextResult> {
  return getDb().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Article" WHERE "id" = ${input.articleId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
      const article = await tx.article.findFirst({
        where: { id: input.articleId, workspaceId: ctx.workspaceId },
        select: { id: true, version: true, body: true, createdById: true, createdAt: true },
      });
      if (!article) throw notFound("That article");
      if (article.version !== input.version) throw conflict(undefined, "Someone else changed this article since you opened it. Reload to see their version; your text is still here.");
      if (article.body === input.body) throw new AppError("INVALID_INPUT", "The text is unchanged: there is nothing to save.", { body: ["The text is unchanged."] });

      const last = await tx.articleRevision.findFirst({ where: { articleId: article.id, workspaceId: ctx.workspaceId }, orderBy: { number: "desc" }, select: { number: true } });
      let number = last?.number ?? 0;
      if (number === 0) {
        // The first replacement records the original text as revision 1.
        await tx.articleRevision.create({
          data: { workspaceId: ctx.workspaceId, articleId: article.id, number: 1, body: article.body, note: "Original text", createdById: article.createdById, createdAt: article.createdAt },
        });
        number = 1;
      }
      number += 1;
      await tx.articleRevision.create({ data: { workspaceId: ctx.workspaceId, articleId: article.id, number, body: input.body, note: input.note ?? null, createdById: ctx.userId } });
      await tx.article.update({ where: { id: article.id }, data: { body: input.body, version: { increment: 1 } } });

      const claims = await tx.claim.findMany({
        where: { workspaceId: ctx.workspaceId, articleId: article.id, orphaned: false },
        select: { id: true, start: true, end: true, quote: true, prefix: true, suffix: true },
      });
      const results = reanchorAll(article.body, input.body, claims);
      const eventId = await recordEvent(tx, ctx, {
        action: "article.text_replaced",
        entityType: "article",
        entityId: article.id,
        articleId: article.id,
        before: { revision: number - 1, bodyLength: article.body.length },
        after: {
          revision: number,
          bodyLength: input.body.length,
          note: input.note ?? null,
          kept: results.filter((r) => r.result.status === "anchored" && r.result.method === "position").length,
          moved: results.filter((r) => r.result.status === "anchored" && r.result.method !== "position").length,
          orphaned: results.filter((r) => r.result.status === "orphaned").map((r) => r.anchor.id),
        },
      });
      let kept = 0;
      let moved = 0;
      let orphaned = 0;
      for (const { anchor, result } of results) {
        if (result.status === "anchored") {
          const unchanged = result.start === anchor.start && result.end === anchor.end && result.quote === anchor.quote && result.prefix === anchor.prefix && result.suffix === anchor.suffix;
          if (result.method === "position") kept++;
          else moved++;
          await tx.claim.update({
            where: { id: anchor.id },
            data: {
              start: result.start,
              end: result.end,
              quote: result.quote,
              prefix: result.prefix,
              suffix: result.suffix,
              anchorConfidence: result.confidence,
              anchorMethod: result.method,
              ...(unchanged ? {} : { rev: eventId }),
            },
          });
        } else {
          orphaned++;
          await tx.claim.update({
            where: { id: anchor.id },
            data: { start: 0, end: 0, orphaned: true, anchorConfidence: result.confidence, anchorMethod: null, rev: eventId, version: { increment: 1 } },
          });
        }
      }
      return { version: article.version + 1, revision: number, kept, moved, orphaned };
    },
    { timeout: 60_000 },
  );
}

export type ReattachInput = { claimId: string; version: number; start: number; end: number };

/** Puts an orphaned (or any) claim on words an editor selected in the current text. */
export async function reattachClaim(ctx: Ctx, input: ReattachInput): Promise<{ articleId: string; version: number }> {
  return getDb().$transaction(async (tx) => {
    const found = await tx.claim.findFirst({ where: { id: input.claimId, workspaceId: ctx.workspaceId }, select: { articleId: true } });
    if (!found) throw notFound("That claim");
    // The article first, then the claim: the same order as replacing the text takes them.
    await tx.$queryRaw`SELECT 1 FROM "Article" WHERE "id" = ${found.articleId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
    await tx.$queryRaw`SELECT 1 FROM "Claim" WHERE "id" = ${input.claimId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
    const claim = await tx.claim.findFirst({ where: { id: input.claimId, workspaceId: ctx.workspaceId }, select: { id: true, version: true, quote: true, orphaned: true, article: { select: { body: true } } } });
    if (!claim) throw notFound("That claim");
    if (claim.version !== input.version) throw conflict();
    const span = snapToWords(claim.article.body, input.start, input.end);
    if (!span) throw new AppError("INVALID_INPUT", "Select the words the claim is about.", { start: ["Select the words the claim is about."] });
    const selector = buildSelector(claim.article.body, span.start, span.end);
    const eventId = await recordEvent(tx, ctx, {
      action: "claim.reattached",
      entityType: "claim",
      entityId: claim.id,
      articleId: found.articleId,
      claimId: claim.id,
      before: { quote: claim.quote, orphaned: claim.orphaned },
      after: { quote: selector.quote, start: span.start, end: span.end },
    });
    await tx.claim.update({
      where: { id: claim.id },
      data: { ...span, ...selector, orphaned: false, anchorConfidence: 1, anchorMethod: "manual", version: { increment: 1 }, rev: eventId },
    });
    return { articleId: found.articleId, version: claim.version + 1 };
  });
}
