import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { chooseSearchPlan, CLAIM_LOOKUP_COST, claimantIndexable, FILTER_ROW_COST, lastWordPrefix, MARK_START, MARK_STOP, PROBE_ROWS, SEARCH_KINDS, toTsQuery, type SearchKind, type SearchPlan, type SearchProbe } from "@/lib/domain/search";
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
  /** Internal (the benchmark compares bounds): how many newest matches of a walked kind are ranked. */
  candidates?: number;
  /** Internal (tests and the benchmark): how every kind's matches are found, instead of the probe's choice. */
  plan?: SearchPlan["find"] | SearchPlan;
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

/**
 * The latest published verdict's rating of the claim aliased `c`: kept on the claim by triggers on
 * "Decision" (migration claim_published_rating), so a rating filter walks its own index.
 */
const latestRating = Prisma.sql`c."publishedRating"`;

/**
 * The claim filters, on the claim aliased `c`. `walked` is left out: the one filter whose index
 * the newest-first walk reads, (workspaceId, publishedRating, createdAt) or (workspaceId,
 * status, createdAt), which is then part of the range instead.
 */
function claimConditions(f: SearchFilters, walked: "rating" | "status" | null = null): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.status && walked !== "status") where.push(Prisma.sql`c."status" = ${f.status}::"ClaimStatus"`);
  if (f.rating && walked !== "rating") where.push(Prisma.sql`${latestRating} = ${f.rating}`);
  if (f.assignee) where.push(Prisma.sql`EXISTS (SELECT 1 FROM "ClaimAssignee" ca WHERE ca."claimId" = c."id" AND ca."userId" = ${f.assignee})`);
  if (f.claimant) where.push(Prisma.sql`c."claimant" ILIKE ${`%${likeEscape(f.claimant)}%`}`);
  return where;
}

/** The claim filter whose index a claim search walks (a rating is usually the rarer). */
const walkedFilter = (f: SearchFilters): "rating" | "status" | null => (f.rating ? "rating" : f.status ? "status" : null);

function dateConditions(column: Prisma.Sql, f: SearchFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.from) where.push(Prisma.sql`${column} >= ${f.from}`);
  // "To" is a whole day: everything before the next midnight.
  if (f.to) where.push(Prisma.sql`${column} < ${new Date(f.to.getTime() + 86_400_000)}`);
  return where;
}

const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.sql` AND ${Prisma.join(parts, " AND ")}` : Prisma.empty);

export const hasClaimFilter = (f: SearchFilters) => Boolean(f.status || f.rating || f.assignee || f.claimant);

type Row = Omit<SearchResult, "rank" | "snippet"> & { rank: number | string; found: number | null };

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
  // For claims, the walked filter is part of the range (see claimConditions).
  const walked = walkedFilter(filters);
  const filtersOf = (kind: SearchKind, alias: string) =>
    kind === "claim" ? and(claimConditions(filters, walked)) : claimFilter && kind !== "article" ? Prisma.sql` AND EXISTS (SELECT 1 FROM "Claim" c WHERE c."id" = ${col(alias, "claimId")} AND c."workspaceId" = ${col(alias, "workspaceId")}${claimWhere})` : Prisma.empty;
  const inRange = (kind: SearchKind, alias: string) =>
    Prisma.sql`${col(alias, "workspaceId")} = ${workspaceId}${kind === "claim" && walked ? and(claimConditions({ q: "", [walked]: filters[walked] })) : Prisma.empty}${and(dateConditions(Prisma.sql`${col(alias, "createdAt")}`, filters))}`;

  // Each kind is searched by its own queries, the kinds at once (each on its own connection):
  // first a probe of its newest rows chooses how its matches are found (the GIN index: every
  // match, all ranked; or a walk newest first: the newest `bound` matches ranked; see
  // chooseSearchPlan), then its best `limit` rows. Without words, claims are listed newest first.
  const bound = filters.candidates ?? CANDIDATES;
  // The claim filter whose index finds claims, for the filter plan: a claimant the trigram index
  // can find. (An assignee's claims are reached through "ClaimAssignee" and each claim read:
  // PostgreSQL already starts there in the index plan when they are few.)
  const indexedOnly: SearchFilters = { q: "", claimant: claimantIndexable(filters.claimant) ? filters.claimant : undefined };
  const indexedFilter = Boolean(indexedOnly.claimant);
  const order = tsquery ? Prisma.sql`ORDER BY "rank" DESC, "createdAt" DESC, "id"` : Prisma.sql`ORDER BY "createdAt" DESC, "id"`;
  // A kind's probe (see chooseSearchPlan). `countFilter`: also count the rows passing the
  // claimant filter, when the trigram index can find it (the filter plan reads that many claims).
  const probeOf = async (kind: SearchKind, countFilter: boolean): Promise<SearchProbe> => {
    const { table, alias } = TABLES[kind];
    const a = Prisma.raw(alias);
    const filterHits = countFilter
      ? Prisma.sql`count(*) FILTER (WHERE TRUE${kind === "claim" ? and(claimConditions(indexedOnly)) : Prisma.sql` AND EXISTS (SELECT 1 FROM "Claim" c WHERE c."id" = ${col(alias, "claimId")} AND c."workspaceId" = ${col(alias, "workspaceId")}${and(claimConditions(indexedOnly))})`})::int`
      : Prisma.sql`NULL::int`;
    const [probe] = await getDb().$queryRaw<SearchProbe[]>`
      SELECT count(*)::int AS "sampled", count(*) FILTER (WHERE ${a}."hit")::int AS "wordHits",
        count(*) FILTER (WHERE ${a}."hit"${filtersOf(kind, alias)})::int AS "hits",
        count(*) FILTER (WHERE ${col(alias, "searchVector")} @@ to_tsquery('english', ${lastWordPrefix(filters.q) ?? ""}))::int AS "prefixHits",
        ${filterHits} AS "filterHits",
        (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = ${table}::regclass)::float8 AS "rows",
        (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = '"Claim"'::regclass)::float8 AS "claimRows"
      FROM (SELECT ${a}.*, ${col(alias, "searchVector")} @@ q.q AS "hit" FROM ${Prisma.raw(table)} ${a} ${q}
        WHERE ${inRange(kind, alias)} ORDER BY ${col(alias, "createdAt")} DESC LIMIT ${PROBE_ROWS}) ${a}`;
    return probe!;
  };
  const probing = tsquery !== null && !filters.plan;
  // The claims' probe counts the claimant's share of the newest claims from rows it reads anyway;
  // sources and comments searched with them take that share instead of looking up the claim of
  // each of their own 1,000 rows (6 ms more per kind).
  const claimProbe = probing && wanted.includes("claim") ? probeOf("claim", indexedFilter) : null;
  const planFor = async (kind: SearchKind): Promise<SearchPlan> => {
    if (!tsquery) return { find: "newest", bound: limit };
    if (typeof filters.plan === "object") return filters.plan;
    if (filters.plan) return filters.plan === "index" || filters.plan === "filter" ? { find: filters.plan } : { find: "newest", bound };
    let probe: SearchProbe;
    if (kind === "claim" && claimProbe) probe = await claimProbe;
    else if (claimProbe && indexedFilter) {
      const [own, claims] = await Promise.all([probeOf(kind, false), claimProbe]);
      probe = { ...own, filterHits: claims.sampled > 0 ? ((claims.filterHits ?? 0) * own.sampled) / claims.sampled : 0 };
    } else probe = await probeOf(kind, indexedFilter);
    return chooseSearchPlan({ ...probe, filterBitmap: kind === "claim" && indexedFilter }, bound, {
      filterRowCost: kind === "claim" ? FILTER_ROW_COST.claim : FILTER_ROW_COST.other,
      claimLookupCost: kind !== "claim" && claimFilter ? CLAIM_LOOKUP_COST : 0,
    });
  };
  // The best `limit` rows of a kind among the matches its plan finds.
  const ranked = (kind: SearchKind, plan: SearchPlan) => {
    const { table, alias } = TABLES[kind];
    const a = Prisma.raw(alias);
    if (!tsquery) return Prisma.sql`(SELECT ${a}.*, 0::real AS "rank", NULL::int AS "found" FROM ${Prisma.raw(table)} ${a} WHERE ${inRange(kind, alias)}${filtersOf(kind, alias)} ${order} LIMIT ${limit})`;
    if (plan.find === "index" || (plan.find === "filter" && kind === "article")) {
      return Prisma.sql`(SELECT ${a}.*, ts_rank(${col(alias, "searchVector")}, q.q) AS "rank", NULL::int AS "found" FROM ${Prisma.raw(table)} ${a} ${q}
        WHERE ${inRange(kind, alias)}${filtersOf(kind, alias)} AND ${col(alias, "searchVector")} @@ q.q ${order} LIMIT ${limit})`;
    }
    if (plan.find === "filter") {
      // The claims passing the filters first, through the claimant's index; the words hidden in a
      // CASE so that PostgreSQL does not ask the GIN index for them instead.
      const words = Prisma.sql`CASE WHEN ${col(alias, "searchVector")} @@ q.q THEN TRUE END`;
      if (kind === "claim") {
        return Prisma.sql`(SELECT c.*, ts_rank(c."searchVector", q.q) AS "rank", NULL::int AS "found" FROM "Claim" c ${q}
          WHERE ${inRange(kind, alias)}${filtersOf(kind, alias)} AND ${words} ${order} LIMIT ${limit})`;
      }
      // Each passing claim's sources or comments, looked up by claim (OFFSET 0 keeps the claims
      // first: the (workspaceId, claimId) index then answers each one).
      return Prisma.sql`(SELECT x.*, ts_rank(x."searchVector", q.q) AS "rank", NULL::int AS "found"
        FROM (SELECT c."id" FROM "Claim" c WHERE c."workspaceId" = ${workspaceId}${claimWhere} OFFSET 0) c
          CROSS JOIN LATERAL (SELECT x.* FROM ${Prisma.raw(table)} x WHERE ${inRange(kind, alias)} AND x."claimId" = c."id" OFFSET 0) x ${q}
        WHERE ${words} ${order} LIMIT ${limit})`;
    }
    // The walk: the range's index newest first (at most `budget` rows of it), each row checked in
    // turn (words first, then the filters). The CASE keeps the match out of the GIN index's reach
    // and hides the filters' selectivity, so PostgreSQL walks instead of reading and sorting the
    // whole range. "found" tells whether the walk found its `bound` matches.
    const range = plan.budget
      ? Prisma.sql`(SELECT ${a}.* FROM ${Prisma.raw(table)} ${a} WHERE ${inRange(kind, alias)} ORDER BY ${col(alias, "createdAt")} DESC LIMIT ${plan.budget}) ${a}`
      : Prisma.sql`${Prisma.raw(table)} ${a}`;
    return Prisma.sql`(SELECT n.*, ts_rank(n."searchVector", q.q) AS "rank", (count(*) OVER ())::int AS "found" FROM (
        SELECT ${a}.* FROM ${range} ${q}
        WHERE ${inRange(kind, alias)} AND CASE WHEN ${col(alias, "searchVector")} @@ q.q${filtersOf(kind, alias)} THEN TRUE END
        ORDER BY ${col(alias, "createdAt")} DESC LIMIT ${plan.bound}) n ${q}
      ${order} LIMIT ${limit})`;
  };
  const page = (kind: SearchKind, plan: SearchPlan) => {
    if (kind === "claim") {
      return Prisma.sql`SELECT 'claim' AS "kind", c."id", c."articleId", a."title" AS "articleTitle", c."id" AS "claimId", c."statement" AS "heading",
          c."rank", c."status"::text AS "status", c."claimant", ${latestRating} AS "publishedRating", c."createdAt", c."found"
        FROM ${ranked(kind, plan)} c JOIN "Article" a ON a."id" = c."articleId" AND a."workspaceId" = c."workspaceId"`;
    }
    if (kind === "article") {
      return Prisma.sql`SELECT 'article' AS "kind", x."id", x."id" AS "articleId", x."title" AS "articleTitle", NULL::text AS "claimId", x."title" AS "heading",
          x."rank", NULL::text AS "status", NULL::text AS "claimant", NULL::text AS "publishedRating", x."createdAt", x."found"
        FROM ${ranked(kind, plan)} x`;
    }
    return Prisma.sql`SELECT ${kind} AS "kind", x."id", c."articleId", a."title" AS "articleTitle", c."id" AS "claimId", c."statement" AS "heading",
        x."rank", c."status"::text AS "status", c."claimant", ${latestRating} AS "publishedRating", x."createdAt", x."found"
      FROM ${ranked(kind, plan)} x
        JOIN "Claim" c ON c."id" = x."claimId" AND c."workspaceId" = x."workspaceId"
        JOIN "Article" a ON a."id" = c."articleId" AND a."workspaceId" = c."workspaceId"`;
  };
  const pages = await Promise.all(
    wanted.map(async (kind) => {
      const plan = await planFor(kind);
      const rows = await getDb().$queryRaw<Row[]>`${page(kind, plan)}`;
      // A walk that read its budget without finding its matches gives way to the index.
      if (plan.find === "newest" && plan.budget && (rows[0]?.found ?? 0) < plan.bound) {
        if (plans) plans[kind] = { find: "index", fellBack: true };
        return getDb().$queryRaw<Row[]>`${page(kind, { find: "index" })}`;
      }
      if (plans) plans[kind] = plan;
      return rows;
    }),
  );
  const byOrder = (x: Row, y: Row) =>
    (tsquery ? Number(y.rank) - Number(x.rank) : 0) || y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const top = pages.flat().sort(byOrder).slice(0, limit);
  if (top.length === 0) return [];

  // The snippets are made for the page of results only: ts_headline reads the whole text.
  const text = Prisma.sql`CASE p."kind"
      WHEN 'claim' THEN (SELECT c."statement" FROM "Claim" c WHERE c."id" = p."id" AND c."workspaceId" = ${workspaceId})
      WHEN 'article' THEN (SELECT left(x."body", 100000) FROM "Article" x WHERE x."id" = p."id" AND x."workspaceId" = ${workspaceId})
      WHEN 'source' THEN (SELECT x."title" || ' — ' || coalesce(x."publisher" || ' — ', '') || coalesce(x."quotation", x."url") FROM "Source" x WHERE x."id" = p."id" AND x."workspaceId" = ${workspaceId})
      ELSE (SELECT left(x."body", 100000) FROM "Comment" x WHERE x."id" = p."id" AND x."workspaceId" = ${workspaceId})
    END`;
  const snippet = tsquery ? Prisma.sql`ts_headline('english', ${text}, q.q, ${HEADLINE_OPTIONS})` : Prisma.sql`left(${text}, 240)`;
  const snippets = await getDb().$queryRaw<Array<{ snippet: string | null }>>`
    SELECT ${snippet} AS "snippet"
    FROM unnest(${top.map((r) => r.kind)}::text[], ${top.map((r) => r.id)}::text[]) WITH ORDINALITY AS p("kind", "id", "n") ${q}
    ORDER BY p."n"`;
  return top.map(({ found: _found, ...row }, i) => ({ ...row, snippet: snippets[i]?.snippet ?? "", rank: Number(row.rank), status: (row.status as ClaimStatus | null) ?? null }));
}
