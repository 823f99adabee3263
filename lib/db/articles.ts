import "server-only";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { detectClaims } from "@/lib/domain/detection/detect";
import { conflict, notFound } from "@/lib/errors";
import { articleFormValues, type ArticleFieldsInput, type ImportArticleInput } from "@/lib/validation/article";
import { recordEvent, type Ctx, type SystemCtx } from "./audit";
import { getDb } from "./client";

const articleSummarySelect = {
  id: true,
  title: true,
  outlet: true,
  author: true,
  url: true,
  publishedAt: true,
  createdAt: true,
} as const;

export type ArticleSummary = {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  url: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  claimCount: number;
  publishedCount: number;
  /** Claims by workflow status, dismissed included: the article's progress. */
  byStatus: Partial<Record<ClaimStatus, number>>;
};

export async function listArticles(workspaceId: string): Promise<ArticleSummary[]> {
  return listArticlesIn([workspaceId]);
}

/** Articles across several workspaces (the API's view of everything a user may read). */
export async function listArticlesIn(workspaceIds: string[]): Promise<Array<ArticleSummary & { workspaceId: string }>> {
  const db = getDb();
  const where = { workspaceId: { in: workspaceIds } };
  const [articles, counts] = await Promise.all([
    db.article.findMany({ where, orderBy: { createdAt: "desc" }, select: { ...articleSummarySelect, workspaceId: true } }),
    db.claim.groupBy({ by: ["articleId", "status"], where, _count: { _all: true } }),
  ]);
  return articles.map((article) => {
    const mine = counts.filter((c) => c.articleId === article.id);
    const live = mine.filter((c) => c.status !== "DISMISSED");
    return {
      ...article,
      claimCount: live.reduce((n, c) => n + c._count._all, 0),
      publishedCount: live.filter((c) => c.status === "PUBLISHED").reduce((n, c) => n + c._count._all, 0),
      byStatus: Object.fromEntries(mine.map((c) => [c.status, c._count._all])),
    };
  });
}

export async function getArticle(workspaceId: string, articleId: string) {
  return getDb().article.findFirst({
    where: { id: articleId, workspaceId },
    select: { ...articleSummarySelect, body: true, createdBy: { select: { name: true } } },
  });
}

/**
 * What the article page shows of the article, with the id of its latest event (0 when none), in
 * one statement: the page reads it before the claims, and its live stream resumes after that
 * event, so a change that commits while the page renders arrives through the stream.
 */
export async function getArticleForPage(workspaceId: string, articleId: string): Promise<{
  article: { id: string; title: string; outlet: string | null; author: string | null; url: string | null; publishedAt: Date | null; body: string } | null;
  since: bigint;
}> {
  const [row] = await getDb().$queryRaw<Array<{ id: string; title: string; outlet: string | null; author: string | null; url: string | null; publishedAt: Date | null; body: string; since: bigint | null }>>`
    SELECT a."id", a."title", a."outlet", a."author", a."url", a."publishedAt", a."body",
      (SELECT e."id" FROM "Event" e WHERE e."workspaceId" = a."workspaceId" AND e."articleId" = a."id" ORDER BY e."id" DESC LIMIT 1) AS "since"
    FROM "Article" a
    WHERE a."id" = ${articleId} AND a."workspaceId" = ${workspaceId}`;
  if (!row) return { article: null, since: 0n };
  const { since, ...article } = row;
  return { article, since: since === null ? 0n : BigInt(since) };
}

/** The slug of the article's workspace, if the user is a member there; null otherwise. */
export async function findArticleWorkspaceSlug(articleId: string, userId: string): Promise<string | null> {
  const row = await getDb().article.findFirst({
    where: { id: articleId, workspace: { memberships: { some: { userId } } } },
    select: { workspace: { select: { slug: true } } },
  });
  return row?.workspace.slug ?? null;
}

export type ArticleDetail = NonNullable<Awaited<ReturnType<typeof getArticle>>>;

/** Stores an article and the claims detected in it, in one transaction with its audit event. */
export async function importArticle(ctx: Ctx | SystemCtx, input: ImportArticleInput) {
  const detected = detectClaims(input.body);
  return getDb().$transaction(async (tx) => {
    const article = await tx.article.create({
      data: {
        workspaceId: ctx.workspaceId,
        title: input.title,
        outlet: input.outlet ?? null,
        author: input.author ?? null,
        url: input.url ?? null,
        publishedAt: input.publishedAt ?? null,
        body: input.body,
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await tx.claim.createMany({
      data: detected.map((claim) => ({
        workspaceId: ctx.workspaceId,
        articleId: article.id,
        quote: claim.quote,
        prefix: claim.prefix,
        suffix: claim.suffix,
        start: claim.start,
        end: claim.end,
        statement: claim.statement,
        claimant: claim.claimant,
        score: claim.score,
        origin: "DETECTED" as const,
      })),
    });
    await recordEvent(tx, ctx, {
      action: "article.imported",
      entityType: "article",
      entityId: article.id,
      articleId: article.id,
      after: { title: input.title, bodyLength: input.body.length, claimsDetected: detected.length },
    });
    return { id: article.id, claimCount: detected.length };
  // A 1 MB article holds thousands of claims: allow more than Prisma's default five seconds.
  }, { timeout: 60_000 });
}


/** The article's own fields (not its text), from the version the caller saw. */
export async function updateArticle(ctx: Ctx, input: ArticleFieldsInput & { articleId: string; version: number }) {
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Article" WHERE "id" = ${input.articleId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
    const article = await tx.article.findFirst({ where: { id: input.articleId, workspaceId: ctx.workspaceId }, select: { id: true, version: true, title: true, outlet: true, author: true, url: true, publishedAt: true } });
    if (!article) throw notFound("That article");
    const { id: _id, version, ...before } = article;
    if (version !== input.version) throw conflict({ version, fields: articleFormValues(before) }, "Someone else changed this article since you read it.");
    const after = { title: input.title, outlet: input.outlet ?? null, author: input.author ?? null, url: input.url ?? null, publishedAt: input.publishedAt ?? null };
    await tx.article.update({ where: { id: article.id }, data: { ...after, version: { increment: 1 } } });
    await recordEvent(tx, ctx, { action: "article.updated", entityType: "article", entityId: article.id, articleId: article.id, before: articleFormValues(before), after: articleFormValues(after) });
    return { version: version + 1 };
  });
}
