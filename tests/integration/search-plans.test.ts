import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { searchWorkspace, type SearchFilters, type SearchPlans } from "@/lib/db/search";
import { PROBE_ROWS, toTsQuery } from "@/lib/domain/search";
import { createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// How search finds each kind's matches (docs/decisions/025-search-and-matching.md): a probe of the
// newest rows chooses between the GIN index (every match ranked) and a walk newest first (the
// newest matches ranked). Whatever it chooses, the results must be exactly those of the plain
// query it stands for, with every filter, and never a row of another workspace. The claims'
// "publishedRating" (kept by triggers on Decision) must follow the latest decision.

let ws: TestWorkspace;
let other: TestWorkspace;
const CLAIMS = 1_200;

/** Claims, decisions, sources, comments and assignees written in bulk, the same in both workspaces. */
async function fill(workspaceId: string, prefix: string, assignee: string) {
  const db = getDb();
  await db.$executeRawUnsafe(`
    INSERT INTO "Article" ("id", "workspaceId", "title", "outlet", "body", "createdAt", "updatedAt")
    SELECT '${prefix}a' || g, '${workspaceId}', 'Report ' || g, 'Plan Wire', 'Desk notes on wages.', timestamp '2026-01-01' + g * interval '1 minute', now()
    FROM generate_series(1, 12) g`);
  // "wages" is in every statement, "zeppelin" in 4 of them, "ohio" in a third; Zora Quill is the
  // claimant of 1 % of the claims.
  await db.$executeRawUnsafe(`
    INSERT INTO "Claim" ("id", "workspaceId", "articleId", "quote", "prefix", "suffix", "start", "end", "statement", "claimant", "score", "status", "createdAt", "updatedAt")
    SELECT '${prefix}c' || g, '${workspaceId}', '${prefix}a' || (1 + g % 12), s, '', '', 0, length(s), s,
      CASE g % 4 WHEN 0 THEN 'Greg Abbott' WHEN 1 THEN 'Ana Ruiz' ELSE CASE WHEN g % 100 = 2 THEN 'Zora Quill' END END, 0.5,
      (ARRAY['DETECTED','QUEUED','RESEARCHING','IN_REVIEW','PUBLISHED','DISMISSED'])[1 + g % 6]::"ClaimStatus",
      timestamp '2026-01-01' + g * interval '1 hour', now()
    FROM (SELECT g, 'Wages ' || CASE WHEN g % 300 = 0 THEN 'and zeppelin fares ' ELSE '' END || 'rose in ' || (ARRAY['Ohio','Texas','Utah'])[1 + g % 3] || ' by ' || g || ' percent' || repeat(' wages', g % 3) AS s
          FROM generate_series(1, ${CLAIMS}) g) x`);
  // Every fifth claim has a verdict; every fiftieth a later second one (the latest counts).
  await db.$executeRawUnsafe(`
    INSERT INTO "Decision" ("id", "workspaceId", "claimId", "rating", "summary", "createdAt")
    SELECT '${prefix}d' || g, '${workspaceId}', '${prefix}c' || g, (ARRAY['true','false'])[1 + (g / 5) % 2], 'Checked.', timestamp '2026-03-01' + g * interval '1 hour'
    FROM generate_series(5, ${CLAIMS}, 5) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Decision" ("id", "workspaceId", "claimId", "rating", "summary", "createdAt")
    SELECT '${prefix}e' || g, '${workspaceId}', '${prefix}c' || g, 'half-true', 'Corrected.', timestamp '2026-06-01' + g * interval '1 hour'
    FROM generate_series(50, ${CLAIMS}, 50) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Source" ("id", "workspaceId", "claimId", "url", "title", "publisher", "quotation", "createdAt", "updatedAt")
    SELECT '${prefix}s' || g, '${workspaceId}', '${prefix}c' || g, 'https://data.example.org/' || g, 'Wages statistics ' || CASE WHEN g % 40 = 0 THEN 'zeppelin' ELSE 'table' END, 'Bureau', 'Table ' || g, timestamp '2026-01-01' + g * interval '1 hour' + interval '5 minutes', now()
    FROM generate_series(10, ${CLAIMS}, 10) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Comment" ("id", "workspaceId", "claimId", "body", "createdAt", "updatedAt")
    SELECT '${prefix}m' || g, '${workspaceId}', '${prefix}c' || g, 'Check the wages figures first.', timestamp '2026-01-01' + g * interval '1 hour' + interval '10 minutes', now()
    FROM generate_series(7, ${CLAIMS}, 7) g`);
  await db.$executeRawUnsafe(`INSERT INTO "ClaimAssignee" ("claimId", "userId") SELECT '${prefix}c' || g, '${assignee}' FROM generate_series(11, ${CLAIMS}, 11) g`);
  await db.$executeRawUnsafe(`ANALYZE "Claim", "Source", "Comment", "Article", "Decision"`);
}

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  const tag = ws.id.slice(-6);
  await fill(ws.id, `p${tag}`, ws.users.reviewer);
  await fill(other.id, `q${tag}`, other.users.reviewer);
}, 60_000);

type Reference = { kind: "claim" | "source" | "comment"; newest?: number };

/**
 * The plain query a search stands for, written independently: every match (or the `newest`
 * newest ones) ranked, the rating from the latest Decision row itself (not the kept column).
 */
async function reference(workspaceId: string, f: SearchFilters, { kind, newest }: Reference): Promise<string[]> {
  const params: unknown[] = [workspaceId, toTsQuery(f.q)];
  const p = (value: unknown) => `$${params.push(value)}`;
  const claimWhere: string[] = [];
  if (f.status) claimWhere.push(`c."status" = ${p(f.status)}::"ClaimStatus"`);
  if (f.rating) claimWhere.push(`(SELECT d."rating" FROM "Decision" d WHERE d."claimId" = c."id" ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1) = ${p(f.rating)}`);
  if (f.claimant) claimWhere.push(`c."claimant" ILIKE ${p(`%${f.claimant}%`)}`);
  if (f.assignee) claimWhere.push(`EXISTS (SELECT 1 FROM "ClaimAssignee" ca WHERE ca."claimId" = c."id" AND ca."userId" = ${p(f.assignee)})`);
  const table = { claim: `"Claim"`, source: `"Source"`, comment: `"Comment"` }[kind];
  const where = [`x."workspaceId" = $1`, `x."searchVector" @@ to_tsquery('english', $2)`];
  if (f.from) where.push(`x."createdAt" >= ${p(f.from)}`);
  if (f.to) where.push(`x."createdAt" < ${p(new Date(f.to.getTime() + 86_400_000))}`);
  if (claimWhere.length) {
    where.push(kind === "claim" ? claimWhere.join(" AND ").replaceAll(`c."`, `x."`) : `EXISTS (SELECT 1 FROM "Claim" c WHERE c."id" = x."claimId" AND ${claimWhere.join(" AND ")})`);
  }
  const matches = `SELECT x."id", x."createdAt", ts_rank(x."searchVector", to_tsquery('english', $2)) AS "rank" FROM ${table} x WHERE ${where.join(" AND ")}`;
  const pool = newest ? `(${matches} ORDER BY x."createdAt" DESC LIMIT ${newest})` : `(${matches})`;
  const rows = await getDb().$queryRawUnsafe<Array<{ id: string }>>(`SELECT m."id" FROM ${pool} m ORDER BY m."rank" DESC, m."createdAt" DESC, m."id" LIMIT ${f.limit ?? 20}`, ...params);
  return rows.map((r) => r.id);
}

const ids = async (f: SearchFilters, plans?: SearchPlans) => (await searchWorkspace(ws.id, f, plans)).map((r) => r.id);

describe("search plans", () => {
  it("asks the index for rare words and walks newest first for common ones, and says so", async () => {
    const rare: SearchPlans = {};
    await searchWorkspace(ws.id, { q: "zeppelin" }, rare);
    expect(rare.claim).toEqual({ find: "index" });
    const common: SearchPlans = {};
    await searchWorkspace(ws.id, { q: "wages" }, common);
    expect(common.claim).toMatchObject({ find: "newest", bound: 50 });
    // Kinds with fewer rows than the probe reads are walked whole: every match ranked.
    expect(common.comment).toEqual({ find: "newest", bound: PROBE_ROWS });
    expect(common.source).toEqual({ find: "newest", bound: PROBE_ROWS });
    // A word found nowhere never walks (a walk would read every row to find nothing).
    const none: SearchPlans = {};
    expect(await searchWorkspace(ws.id, { q: "xxxxxxxxxxxxxxxxxxxx", type: "claim" }, none)).toEqual([]);
    expect(none.claim).toEqual({ find: "index" });
  });

  it("returns, for a rare word, exactly what ranking every match returns", async () => {
    const plans: SearchPlans = {};
    const found = await ids({ q: "zeppelin", type: "claim" }, plans);
    expect(plans.claim).toEqual({ find: "index" });
    expect(found).toHaveLength(4);
    expect(found).toEqual(await reference(ws.id, { q: "zeppelin" }, { kind: "claim" }));
  });

  it("gives up a walk that reads its budget without finding its matches, for the index", async () => {
    const plans: SearchPlans = {};
    const found = await ids({ q: "zeppelin", type: "claim", plan: { find: "newest", bound: 50, budget: 100 } }, plans);
    expect(plans.claim).toEqual({ find: "index", fellBack: true });
    expect(found).toEqual(await reference(ws.id, { q: "zeppelin" }, { kind: "claim" }));
    // A walk that finds its matches within the budget keeps them.
    const kept: SearchPlans = {};
    expect(await ids({ q: "wages", type: "claim", plan: { find: "newest", bound: 50, budget: 100 } }, kept)).toEqual(await reference(ws.id, { q: "wages" }, { kind: "claim", newest: 50 }));
    expect(kept.claim).toEqual({ find: "newest", bound: 50, budget: 100 });
  });

  it("finds a common word said by a claimant with few claims through the claimant's claims, all ranked", async () => {
    const plans: SearchPlans = {};
    const found = await ids({ q: "wages", claimant: "quill", type: "claim" }, plans);
    expect(plans.claim).toEqual({ find: "filter" });
    expect(found).toHaveLength(12);
    expect(found).toEqual(await reference(ws.id, { q: "wages", claimant: "quill" }, { kind: "claim" }));
    // All the kinds at once through the claimant's claims: the same page as the index gives.
    for (const f of [{ q: "wages", claimant: "quill" }, { q: "wages", claimant: "abbott", from: new Date("2026-01-05"), to: new Date("2026-02-10") }, { q: "wages check", claimant: "ruiz", rating: "false" }]) {
      const shared: SearchPlans = {};
      const all = await searchWorkspace(ws.id, { ...f, plan: "filter", limit: 50 }, shared);
      expect(shared).toEqual({ claim: { find: "filter" }, source: { find: "filter" }, comment: { find: "filter" } });
      expect(all.map((r) => `${r.kind} ${r.id}`), JSON.stringify(f)).toEqual((await searchWorkspace(ws.id, { ...f, plan: "index", limit: 50 })).map((r) => `${r.kind} ${r.id}`));
      expect(all.length).toBeGreaterThan(0);
    }
    // A claimant the trigram index cannot find (fewer than three letters) never drives the search.
    const short: SearchPlans = {};
    await searchWorkspace(ws.id, { q: "wages", claimant: "qu", type: "claim" }, short);
    expect(short.claim?.find).not.toBe("filter");
    // Nobody of that name: nothing, found without reading the matches of the word.
    const nobody: SearchPlans = {};
    expect(await ids({ q: "wages", claimant: "nobody by that name", type: "claim" }, nobody)).toEqual([]);
    expect(nobody.claim).toEqual({ find: "filter" });
  });

  it("returns, for a common word, the best of its 50 newest matches", async () => {
    const found = await ids({ q: "wages", type: "claim" });
    expect(found).toEqual(await reference(ws.id, { q: "wages" }, { kind: "claim", newest: 50 }));
    // The index plan ranks every match instead: the most frequent use of the word wins.
    expect(await ids({ q: "wages", type: "claim", plan: "index" })).toEqual(await reference(ws.id, { q: "wages" }, { kind: "claim" }));
  });

  it("applies every filter exactly, whichever plan finds the matches", async () => {
    const cases: SearchFilters[] = [
      { q: "wages texas", status: "PUBLISHED" },
      { q: "wages", rating: "false" },
      { q: "wages", rating: "half-true" },
      { q: "wages", claimant: "abbott" },
      { q: "wages", assignee: ws.users.reviewer },
      { q: "wages", status: "QUEUED", claimant: "ruiz" },
      { q: "wages", rating: "true", status: "PUBLISHED" },
      { q: "wages", from: new Date("2026-01-10"), to: new Date("2026-01-20") },
      { q: "zeppelin", rating: "half-true" },
      { q: "wages", claimant: "quill" },
      { q: "wages ohio", claimant: "abbott", from: new Date("2026-01-05"), to: new Date("2026-02-10") },
      { q: "wages", claimant: "ruiz", rating: "false" },
      { q: "wages", claimant: "abbott", assignee: ws.users.reviewer },
      { q: "wages", assignee: ws.users.reviewer, status: "RESEARCHING" },
      { q: "wages zeppelin", claimant: "ABBOTT" },
      { q: "percent", claimant: "Abbott", status: "PUBLISHED", rating: "true" },
    ];
    for (const f of cases) {
      // A bound above the match count: the walk then ranks every match, like the index.
      const all = await reference(ws.id, f, { kind: "claim" });
      expect(all.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(await ids({ ...f, type: "claim", plan: "index" }), JSON.stringify(f)).toEqual(all);
      // The claims passing the filters first: every match ranked, as by the index.
      expect(await ids({ ...f, type: "claim", plan: "filter" }), JSON.stringify(f)).toEqual(all);
      expect(await ids({ ...f, type: "claim", plan: "newest", candidates: CLAIMS }), JSON.stringify(f)).toEqual(all);
      expect(await ids({ ...f, type: "claim", plan: "newest" }), JSON.stringify(f)).toEqual(await reference(ws.id, f, { kind: "claim", newest: 50 }));
      // Sources and comments are filtered through their claim.
      for (const kind of ["source", "comment"] as const) {
        const expected = await reference(ws.id, f, { kind });
        expect(await ids({ ...f, type: kind }), `${kind} ${JSON.stringify(f)}`).toEqual(expected);
        expect(await ids({ ...f, type: kind, plan: "index" }), `${kind} ${JSON.stringify(f)}`).toEqual(expected);
        expect(await ids({ ...f, type: kind, plan: "filter" }), `${kind} ${JSON.stringify(f)}`).toEqual(expected);
      }
    }
  });

  it("merges the kinds best first and never shows another workspace's rows", async () => {
    const mine = new Set((await getDb().claim.findMany({ where: { workspaceId: ws.id }, select: { id: true } })).map((c) => c.id));
    const assignee = other.users.reviewer;
    for (const f of [{ q: "wages" }, { q: "zeppelin" }, { q: "wages", rating: "false" }, { q: "wages", status: "PUBLISHED" as const }, { q: "", status: "DETECTED" as const }, { q: "wages", claimant: "quill" }, { q: "wages", claimant: "abbott", assignee }]) {
      for (const plan of [undefined, "index", "newest", "filter"] as const) {
        const results = await searchWorkspace(other.id, { ...f, plan });
        expect(results.length).toBeGreaterThan(0);
        for (const r of results) {
          expect(mine.has(r.claimId ?? "")).toBe(false);
          expect(r.id.startsWith("q")).toBe(true);
        }
        const ranks = results.map((r) => r.rank);
        expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
      }
    }
    const mixed = await searchWorkspace(ws.id, { q: "zeppelin" });
    expect(new Set(mixed.map((r) => r.kind))).toEqual(new Set(["claim", "source"]));
    expect(mixed.every((r) => r.snippet.includes("zeppelin") || r.snippet.includes("Zeppelin"))).toBe(true);
  });
});

describe("a claim's kept published rating", () => {
  const rating = async (id: string) => (await getDb().$queryRaw<Array<{ r: string | null }>>`SELECT "publishedRating" AS r FROM "Claim" WHERE "id" = ${id}`)[0]!.r;

  it("follows the latest decision as decisions are added, changed and deleted", async () => {
    const claim = `p${ws.id.slice(-6)}c3`;
    expect(await rating(claim)).toBeNull();
    const db = getDb();
    await db.decision.create({ data: { id: `${claim}-1`, workspaceId: ws.id, claimId: claim, rating: "false", summary: "First.", createdAt: new Date("2026-07-01") } });
    expect(await rating(claim)).toBe("false");
    await db.decision.create({ data: { id: `${claim}-0`, workspaceId: ws.id, claimId: claim, rating: "true", summary: "Older.", createdAt: new Date("2026-06-01") } });
    expect(await rating(claim)).toBe("false");
    await db.decision.update({ where: { id: `${claim}-1` }, data: { rating: "mostly-false" } });
    expect(await rating(claim)).toBe("mostly-false");
    await db.decision.delete({ where: { id: `${claim}-1` } });
    expect(await rating(claim)).toBe("true");
    await db.decision.deleteMany({ where: { claimId: claim } });
    expect(await rating(claim)).toBeNull();
    // Every claim of the bulk load agrees with its latest decision.
    const disagree = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "Claim" c WHERE c."workspaceId" = ${ws.id}
        AND c."publishedRating" IS DISTINCT FROM (SELECT d."rating" FROM "Decision" d WHERE d."claimId" = c."id" ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1)`;
    expect(Number(disagree[0]!.n)).toBe(0);
  });
});
