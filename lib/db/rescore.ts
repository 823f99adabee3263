import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { rescoreClaims, type StoredScore } from "@/lib/domain/detection/rescore";
import { archivedWorkspace, notFound } from "@/lib/errors";
import { recordEvent, type Ctx, type SystemCtx } from "./audit";
import { getDb, type Tx } from "./client";

// Stored claims scored again by the current detector (docs/decisions/029): by default only the
// claims still as detection left them; with `all`, every claim the detector found, whatever
// happened to it since. Only the score changes: never the words, the statement or the status.
// One transaction per article, with one summary event naming each claim's old and new score.

export type RescoreOptions = {
  /** Every detector-found claim, reviewed, published and reworded ones too. */
  all?: boolean;
  /** Count what would change, write nothing. */
  dryRun?: boolean;
};

export type RescoreSummary = {
  /** Articles with at least one claim whose score changed. */
  articles: number;
  /** Claims looked at. */
  checked: number;
  /** Claims whose score changed (or would, in a dry run). */
  rescored: number;
  crossedUp: number;
  crossedDown: number;
  all: boolean;
  dryRun: boolean;
};

/**
 * The claims re-scoring may touch, as SQL: found by the detector, and unless `all`, still
 * detected (never triaged, researched, reviewed, published or dismissed), never changed by anyone
 * (version 1: a rewording, a new span, a duplicate mark or a move all raise it), with no review
 * and no verdict. Claims people added or split off have no detector score and keep none.
 */
function candidates(all: boolean) {
  if (all) return Prisma.sql`c."origin" = 'DETECTED'`;
  return Prisma.sql`c."origin" = 'DETECTED' AND c."status" = 'DETECTED' AND c."version" = 1
    AND NOT EXISTS (SELECT 1 FROM "Review" r WHERE r."claimId" = c."id")
    AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."claimId" = c."id")`;
}

async function claimsOf(db: Tx | ReturnType<typeof getDb>, workspaceId: string, articleId: string, all: boolean, lock: boolean): Promise<StoredScore[]> {
  const rows = await db.$queryRaw<Array<{ id: string; quote: string; score: number | null }>>`
    SELECT c."id", c."quote", c."score" FROM "Claim" c
    WHERE c."workspaceId" = ${workspaceId} AND c."articleId" = ${articleId} AND ${candidates(all)}
    ORDER BY c."id" ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  return rows.map((r) => ({ id: r.id, quote: r.quote, score: r.score === null ? null : Number(r.score) }));
}

/** One article's claims re-scored in a transaction with its event; the tally, written or not. */
async function rescoreArticle(ctx: Ctx | SystemCtx, articleId: string, all: boolean, dryRun: boolean) {
  if (dryRun) return rescoreClaims(await claimsOf(getDb(), ctx.workspaceId, articleId, all, false));
  return getDb().$transaction(
    async (tx) => {
      // The article first, as every claim write does, then its claims in id order.
      const [article] = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Article" WHERE "id" = ${articleId} AND "workspaceId" = ${ctx.workspaceId} FOR NO KEY UPDATE`;
      if (!article) return rescoreClaims([]);
      const tally = rescoreClaims(await claimsOf(tx, ctx.workspaceId, articleId, all, true));
      if (tally.changed.length === 0) return tally;
      const eventId = await recordEvent(tx, ctx, {
        action: "article.claims_rescored",
        entityType: "article",
        entityId: articleId,
        articleId,
        before: { scores: Object.fromEntries(tally.changed.map((c) => [c.id, c.before === null ? null : Math.round(c.before * 100) / 100])) },
        after: { scores: Object.fromEntries(tally.changed.map((c) => [c.id, c.after])), checked: tally.checked, crossedUp: tally.crossedUp, crossedDown: tally.crossedDown, scope: all ? "all" : "untouched" },
      });
      const ids = tally.changed.map((c) => c.id);
      const scores = tally.changed.map((c) => c.after);
      // `rev` names the event, so an open page's older copy of the claim never wins over this one.
      await tx.$executeRaw`
        UPDATE "Claim" c SET "score" = v."score", "rev" = ${eventId}, "updatedAt" = now()
        FROM unnest(${ids}::text[], ${scores}::float8[]) AS v("id", "score")
        WHERE c."id" = v."id" AND c."workspaceId" = ${ctx.workspaceId}`;
      return tally;
    },
    { timeout: 60_000 },
  );
}

/** Every candidate claim of the workspace re-scored, article by article. */
export async function rescoreWorkspaceClaims(ctx: Ctx | SystemCtx, options: RescoreOptions = {}): Promise<RescoreSummary> {
  const all = options.all ?? false;
  const dryRun = options.dryRun ?? false;
  const articles = await getDb().$queryRaw<Array<{ articleId: string }>>`
    SELECT DISTINCT c."articleId" FROM "Claim" c WHERE c."workspaceId" = ${ctx.workspaceId} AND ${candidates(all)} ORDER BY c."articleId"`;
  const summary: RescoreSummary = { articles: 0, checked: 0, rescored: 0, crossedUp: 0, crossedDown: 0, all, dryRun };
  for (const { articleId } of articles) {
    const tally = await rescoreArticle(ctx, articleId, all, dryRun);
    summary.checked += tally.checked;
    summary.rescored += tally.changed.length;
    summary.crossedUp += tally.crossedUp;
    summary.crossedDown += tally.crossedDown;
    if (tally.changed.length > 0) summary.articles++;
  }
  return summary;
}

/**
 * The command line's entry (npm run detector:rescore): the workspace by its slug, acted on by
 * nobody in particular (origin SYSTEM). An archived workspace is refused: nothing in it changes.
 */
export async function rescoreWorkspaceBySlug(slug: string, options: RescoreOptions = {}): Promise<RescoreSummary> {
  const workspace = await getDb().workspace.findUnique({ where: { slug }, select: { id: true, archivedAt: true } });
  if (!workspace) throw notFound(`The workspace "${slug}"`);
  if (workspace.archivedAt) throw archivedWorkspace();
  return rescoreWorkspaceClaims({ workspaceId: workspace.id, userId: null, origin: "SYSTEM" }, options);
}

/** How many claims re-scoring would look at, by default and with `all` (for the settings page). */
export async function countRescoreCandidates(workspaceId: string): Promise<{ untouched: number; all: number }> {
  const [row] = await getDb().$queryRaw<Array<{ untouched: bigint; all: bigint }>>`
    SELECT count(*) FILTER (WHERE ${candidates(false)}) AS "untouched", count(*) FILTER (WHERE ${candidates(true)}) AS "all"
    FROM "Claim" c WHERE c."workspaceId" = ${workspaceId}`;
  return { untouched: Number(row?.untouched ?? 0), all: Number(row?.all ?? 0) };
}
