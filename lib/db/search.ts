import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { MARK_START, MARK_STOP, toTsQuery, type SearchKind } from "@/lib/domain/search";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { getDb } from "./client";

// One search over a workspace's articles, claims, sources and comments: PostgreSQL full-text
// search on the generated "searchVector" columns (GIN indexes), ranked with ts_rank, with
// highlighted snippets from ts_headline computed only for the page of results shown. The
// workspace id is part of every subquery. See docs/decisions/025-search-and-matching.md.

export type SearchFilters = {
  q: string;
  type?: SearchKind;
  status?: ClaimStatus;
  rating?: string;
  assignee?: string;
  claimant?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  /** Internal (the benchmark compares bounds): how many newest matches of each kind are ranked. */
  candidates?: number;
};

export type SearchResult = {
  kind: SearchKind;
  id: string;
  articleId: string;
  articleTitle: string;
  claimId: string | null;
  /** The claim's statement for claims, sources and comments; the article's title for articles. */
  heading: string;
  /** Text around the matches, the matched words between MARK_START and MARK_STOP. */
  snippet: string;
  rank: number;
  status: ClaimStatus | null;
  claimant: string | null;
  publishedRating: string | null;
  createdAt: Date;
};

/** How many of the newest matches of each kind are ranked. */
export const CANDIDATES = 50;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The latest published verdict's rating of the claim aliased `c`. */
const latestRating = Prisma.sql`(SELECT d."rating" FROM "Decision" d WHERE d."claimId" = c."id" AND d."workspaceId" = c."workspaceId" ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1)`;

function claimConditions(f: SearchFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.status) where.push(Prisma.sql`c."status" = ${f.status}::"ClaimStatus"`);
  if (f.rating) where.push(Prisma.sql`${latestRating} = ${f.rating}`);
  if (f.assignee) where.push(Prisma.sql`EXISTS (SELECT 1 FROM "ClaimAssignee" ca WHERE ca."claimId" = c."id" AND ca."userId" = ${f.assignee})`);
  if (f.claimant) where.push(Prisma.sql`c."claimant" ILIKE ${`%${likeEscape(f.claimant)}%`}`);
  return where;
}

function dateConditions(column: Prisma.Sql, f: SearchFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.from) where.push(Prisma.sql`${column} >= ${f.from}`);
  // "To" is a whole day: everything before the next midnight.
  if (f.to) where.push(Prisma.sql`${column} < ${new Date(f.to.getTime() + 86_400_000)}`);
  return where;
}

const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.sql` AND ${Prisma.join(parts, " AND ")}` : Prisma.empty);

export const hasClaimFilter = (f: SearchFilters) => Boolean(f.status || f.rating || f.assignee || f.claimant);

type Row = Omit<SearchResult, "rank"> & { rank: number | string };

/**
 * Searches one workspace. With words: every match of every kind, best first. With only filters:
 * the claims that pass them, newest first. With neither: nothing.
 */
export async function searchWorkspace(workspaceId: string, filters: SearchFilters): Promise<SearchResult[]> {
  const tsquery = toTsQuery(filters.q);
  const limit = Math.min(Math.max(filters.limit ?? 20, 1), 50);
  const claimFilter = hasClaimFilter(filters);
  if (!tsquery && !claimFilter && !filters.from && !filters.to) return [];
  const wanted = (kind: SearchKind) => (!filters.type || filters.type === kind) && (tsquery !== null || kind === "claim");
  const match = (alias: string) => (tsquery ? Prisma.sql`${Prisma.raw(`${alias}."searchVector"`)} @@ q.q` : Prisma.sql`TRUE`);
  const rank = (alias: string) => (tsquery ? Prisma.sql`ts_rank(${Prisma.raw(`${alias}."searchVector"`)}, q.q)` : Prisma.sql`0::real`);
  const order = tsquery ? Prisma.sql`ORDER BY "rank" DESC, "createdAt" DESC, "id"` : Prisma.sql`ORDER BY "createdAt" DESC, "id"`;
  const q = Prisma.sql`CROSS JOIN (SELECT to_tsquery('english', ${tsquery ?? ""}) AS q) q`;
  const claimWhere = and(claimConditions(filters));

  // Candidates: the newest CANDIDATES matches of each kind, which PostgreSQL finds either through
  // the GIN index (few matches) or by walking (workspaceId, createdAt) backwards (words found in
  // a large share of the rows); only they are ranked. Ranking every match of a common word in a
  // million claims would read them all (docs/decisions/025-search-and-matching.md).
  const bound = filters.candidates ?? CANDIDATES;
  const candidates = (table: string, alias: string, where: Prisma.Sql) =>
    Prisma.sql`(SELECT ${Prisma.raw(alias)}.* FROM ${Prisma.raw(table)} ${Prisma.raw(alias)} ${q} WHERE ${Prisma.raw(alias)}."workspaceId" = ${workspaceId} AND ${match(alias)}${where}${and(dateConditions(Prisma.sql`${Prisma.raw(alias)}."createdAt"`, filters))} ORDER BY ${Prisma.raw(alias)}."createdAt" DESC LIMIT ${bound})`;
  const parts: Prisma.Sql[] = [];
  if (wanted("claim")) {
    parts.push(Prisma.sql`(SELECT 'claim' AS "kind", c."id", c."articleId", a."title" AS "articleTitle", c."id" AS "claimId", c."statement" AS "heading",
        c."statement" AS "body", ${rank("c")} AS "rank", c."status"::text AS "status", c."claimant", ${latestRating} AS "publishedRating", c."createdAt"
      FROM ${candidates(`"Claim"`, "c", claimWhere)} c ${q} JOIN "Article" a ON a."id" = c."articleId" AND a."workspaceId" = c."workspaceId"
      ${order} LIMIT ${limit})`);
  }
  if (wanted("article") && !claimFilter) {
    parts.push(Prisma.sql`(SELECT 'article' AS "kind", x."id", x."id" AS "articleId", x."title" AS "articleTitle", NULL::text AS "claimId", x."title" AS "heading",
        left(x."body", 100000) AS "body", ${rank("x")} AS "rank", NULL::text AS "status", NULL::text AS "claimant", NULL::text AS "publishedRating", x."createdAt"
      FROM ${candidates(`"Article"`, "x", Prisma.empty)} x ${q}
      ${order} LIMIT ${limit})`);
  }
  for (const kind of ["source", "comment"] as const) {
    if (!wanted(kind)) continue;
    const table = kind === "source" ? `"Source"` : `"Comment"`;
    const body = kind === "source" ? Prisma.sql`x."title" || ' — ' || coalesce(x."publisher" || ' — ', '') || coalesce(x."quotation", x."url")` : Prisma.sql`left(x."body", 100000)`;
    // Claim filters apply to the claim a source or comment is on.
    const onClaim = claimFilter ? Prisma.sql` AND EXISTS (SELECT 1 FROM "Claim" c WHERE c."id" = x."claimId" AND c."workspaceId" = x."workspaceId"${claimWhere})` : Prisma.empty;
    parts.push(Prisma.sql`(SELECT ${kind} AS "kind", x."id", c."articleId", a."title" AS "articleTitle", c."id" AS "claimId", c."statement" AS "heading",
        ${body} AS "body", ${rank("x")} AS "rank", c."status"::text AS "status", c."claimant", ${latestRating} AS "publishedRating", x."createdAt"
      FROM ${candidates(table, "x", onClaim)} x ${q}
        JOIN "Claim" c ON c."id" = x."claimId" AND c."workspaceId" = x."workspaceId"
        JOIN "Article" a ON a."id" = c."articleId" AND a."workspaceId" = c."workspaceId"
      ${order} LIMIT ${limit})`);
  }
  if (parts.length === 0) return [];

  // The snippets are made for the page of results only: ts_headline reads the whole text.
  const snippet = tsquery
    ? Prisma.sql`ts_headline('english', r."body", q.q, ${HEADLINE_OPTIONS})`
    : Prisma.sql`left(r."body", 240)`;
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT r."kind", r."id", r."articleId", r."articleTitle", r."claimId", r."heading", ${snippet} AS "snippet", r."rank", r."status", r."claimant", r."publishedRating", r."createdAt"
    FROM (SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) u ${order} LIMIT ${limit}) r ${q}
    ${order}`;
  return rows.map((row) => ({ ...row, rank: Number(row.rank), status: (row.status as ClaimStatus | null) ?? null }));
}
