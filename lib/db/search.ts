import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { chooseSearchPlan, MARK_START, MARK_STOP, PROBE_ROWS, SEARCH_KINDS, toTsQuery, type SearchKind, type SearchPlan, type SearchProbe } from "@/lib/domain/search";
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

/** How many of the newest matches of a kind are ranked when its words are common (see SearchPlan). */
export const CANDIDATES = 50;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The latest published verdict's rating of the claim aliased `c`. */
const latestRating = Prisma.sql`(SELECT d."rating" FROM "Decision" d WHERE d."claimId" = c."id" AND d."workspaceId" = c."workspaceId" ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1)`;

function claimConditions(f: SearchFilters, options: { status?: boolean } = {}): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.status && options.status !== false) where.push(Prisma.sql`c."status" = ${f.status}::"ClaimStatus"`);
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

const TABLES: Record<SearchKind, { table: string; alias: string }> = {
  article: { table: `"Article"`, alias: "x" },
  claim: { table: `"Claim"`, alias: "c" },
  source: { table: `"Source"`, alias: "x" },
  comment: { table: `"Comment"`, alias: "x" },
};

/** How each kind's matches were found in the last search (for tests and the benchmark). */
export type SearchPlans = Partial<Record<SearchKind, SearchPlan>>;

/**
 * Searches one workspace. With words: every match of every kind, best first. With only filters:
 * the claims that pass them, newest first. With neither: nothing.
 */
export async function searchWorkspace(workspaceId: string, filters: SearchFilters, plans?: SearchPlans): Promise<SearchResult[]> {
  const tsquery = toTsQuery(filters.q);
  const limit = Math.min(Math.max(filters.limit ?? 20, 1), 50);
  const claimFilter = hasClaimFilter(filters);
  if (!tsquery && !claimFilter && !filters.from && !filters.to) return [];
  const wanted = SEARCH_KINDS.filter((kind) => (!filters.type || filters.type === kind) && (tsquery !== null || kind === "claim") && !(kind === "article" && claimFilter));
  if (wanted.length === 0) return [];
  const q = Prisma.sql`CROSS JOIN (SELECT to_tsquery('english', ${tsquery ?? ""}) AS q) q`;
  const claimWhere = and(claimConditions(filters));
  const col = (alias: string, column: string) => Prisma.raw(`${alias}."${column}"`);
  // The filters a row of each kind must pass besides the words and dates: claim filters apply to
  // sources and comments through their claim.
  // A claim's status is part of the range its walk reads (the (workspaceId, status, createdAt) index).
  const filtersOf = (kind: SearchKind, alias: string) =>
    kind === "claim" ? and(claimConditions(filters, { status: false })) : claimFilter && kind !== "article" ? Prisma.sql` AND EXISTS (SELECT 1 FROM "Claim" c WHERE c."id" = ${col(alias, "claimId")} AND c."workspaceId" = ${col(alias, "workspaceId")}${claimWhere})` : Prisma.empty;
  const inRange = (kind: SearchKind, alias: string) =>
    Prisma.sql`${col(alias, "workspaceId")} = ${workspaceId}${kind === "claim" && filters.status ? Prisma.sql` AND c."status" = ${filters.status}::"ClaimStatus"` : Prisma.empty}${and(dateConditions(Prisma.sql`${col(alias, "createdAt")}`, filters))}`;

  // How each kind's matches are found: the GIN index (every match, all ranked) or a walk down
  // (workspaceId, createdAt) newest first (the newest matches ranked), chosen from a probe of the
  // newest rows; see chooseSearchPlan. Without words, claims are listed newest first.
  const bound = filters.candidates ?? CANDIDATES;
  const chosen = new Map<SearchKind, SearchPlan>();
  if (tsquery) {
    const probes = wanted.map((kind) => {
      const { table, alias } = TABLES[kind];
      return Prisma.sql`(SELECT ${kind} AS "kind", count(*)::int AS "sampled", count(*) FILTER (WHERE ${Prisma.raw(alias)}."hit")::int AS "wordHits",
          count(*) FILTER (WHERE ${Prisma.raw(alias)}."hit"${filtersOf(kind, alias)})::int AS "hits",
          (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = ${table}::regclass)::float8 AS "rows"
        FROM (SELECT ${Prisma.raw(alias)}.*, ${col(alias, "searchVector")} @@ q.q AS "hit" FROM ${Prisma.raw(table)} ${Prisma.raw(alias)} ${q}
          WHERE ${inRange(kind, alias)} ORDER BY ${col(alias, "createdAt")} DESC LIMIT ${PROBE_ROWS}) ${Prisma.raw(alias)})`;
    });
    const counts = await getDb().$queryRaw<Array<SearchProbe & { kind: SearchKind }>>`${Prisma.join(probes, " UNION ALL ")}`;
    for (const row of counts) chosen.set(row.kind, chooseSearchPlan(row, bound));
  }
  for (const kind of wanted) {
    const plan = chosen.get(kind) ?? { find: "newest", bound: limit };
    chosen.set(kind, plan);
    if (plans) plans[kind] = plan;
  }

  // The page of each kind, ranked: `limit` rows, the best of the matches the plan found.
  const order = tsquery ? Prisma.sql`ORDER BY "rank" DESC, "createdAt" DESC, "id"` : Prisma.sql`ORDER BY "createdAt" DESC, "id"`;
  const ranked = (kind: SearchKind) => {
    const { table, alias } = TABLES[kind];
    const a = Prisma.raw(alias);
    const where = Prisma.sql`${inRange(kind, alias)}${filtersOf(kind, alias)}`;
    if (!tsquery) return Prisma.sql`(SELECT ${a}.*, 0::real AS "rank" FROM ${Prisma.raw(table)} ${a} WHERE ${where} ${order} LIMIT ${limit})`;
    const plan = chosen.get(kind)!;
    if (plan.find === "index") {
      return Prisma.sql`(SELECT ${a}.*, ts_rank(${col(alias, "searchVector")}, q.q) AS "rank" FROM ${Prisma.raw(table)} ${a} ${q}
        WHERE ${where} AND ${col(alias, "searchVector")} @@ q.q ${order} LIMIT ${limit})`;
    }
    // "IS TRUE" keeps the match out of the GIN index's reach, so PostgreSQL walks newest first.
    return Prisma.sql`(SELECT n.*, ts_rank(n."searchVector", q.q) AS "rank" FROM (
        SELECT ${a}.* FROM ${Prisma.raw(table)} ${a} ${q}
        WHERE ${where} AND (${col(alias, "searchVector")} @@ q.q) IS TRUE ORDER BY ${col(alias, "createdAt")} DESC LIMIT ${plan.bound}) n ${q}
      ${order} LIMIT ${limit})`;
  };
  const parts: Prisma.Sql[] = [];
  for (const kind of wanted) {
    if (kind === "claim") {
      parts.push(Prisma.sql`(SELECT 'claim' AS "kind", c."id", c."articleId", a."title" AS "articleTitle", c."id" AS "claimId", c."statement" AS "heading",
          c."statement" AS "body", c."rank", c."status"::text AS "status", c."claimant", ${latestRating} AS "publishedRating", c."createdAt"
        FROM ${ranked(kind)} c JOIN "Article" a ON a."id" = c."articleId" AND a."workspaceId" = c."workspaceId")`);
    } else if (kind === "article") {
      parts.push(Prisma.sql`(SELECT 'article' AS "kind", x."id", x."id" AS "articleId", x."title" AS "articleTitle", NULL::text AS "claimId", x."title" AS "heading",
          left(x."body", 100000) AS "body", x."rank", NULL::text AS "status", NULL::text AS "claimant", NULL::text AS "publishedRating", x."createdAt"
        FROM ${ranked(kind)} x)`);
    } else {
      const body = kind === "source" ? Prisma.sql`x."title" || ' — ' || coalesce(x."publisher" || ' — ', '') || coalesce(x."quotation", x."url")` : Prisma.sql`left(x."body", 100000)`;
      parts.push(Prisma.sql`(SELECT ${kind} AS "kind", x."id", c."articleId", a."title" AS "articleTitle", c."id" AS "claimId", c."statement" AS "heading",
          ${body} AS "body", x."rank", c."status"::text AS "status", c."claimant", ${latestRating} AS "publishedRating", x."createdAt"
        FROM ${ranked(kind)} x
          JOIN "Claim" c ON c."id" = x."claimId" AND c."workspaceId" = x."workspaceId"
          JOIN "Article" a ON a."id" = c."articleId" AND a."workspaceId" = c."workspaceId")`);
    }
  }

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
