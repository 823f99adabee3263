// npm run bench:search [-- --claims N] [--keep DIR]: search and claim-matching latency on a generated workspace
// of 1,000,000 claims (20 per article; with sources, comments and published verdicts), next to a
// second workspace the searches must never see. The rows are written in bulk by SQL (seeded
// random words from a vocabulary), then every query runs through the same lib/db functions the
// page and the API call. Figures: p50 and p95 of each set, beside a floor measured in the same
// run (SELECT 1), and the plans (EXPLAIN ANALYZE) of a claim search and a claim match, to show
// the GIN indexes at work. On DATABASE_URL's server when set, else an embedded PostgreSQL.
// With --keep DIR the embedded cluster stays in DIR after the run and the next run with the same
// DIR and --claims reuses the generated workspace (new migrations are applied to it first), so
// trying a change does not mean generating a million claims again.
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { SearchPlans } from "../lib/db/search";
import { benchDatabaseServer } from "./lib/bench-kit";

const claimsArg = process.argv.indexOf("--claims");
const CLAIMS = claimsArg > 0 ? Number(process.argv[claimsArg + 1]) : 1_000_000;
const keepArg = process.argv.indexOf("--keep");
const KEEP_DIR = keepArg > 0 ? process.argv[keepArg + 1] : undefined;
if (keepArg > 0 && !KEEP_DIR) throw new Error("--keep needs a folder");
const PER_ARTICLE = 20;
const ARTICLES = Math.ceil(CLAIMS / PER_ARTICLE);

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const SUBJECTS = ["unemployment", "inflation", "the murder rate", "crime", "the deficit", "gas prices", "the minimum wage", "immigration", "border crossings", "health insurance premiums", "the national debt", "rent", "tuition", "child poverty", "carbon emissions", "the trade deficit", "manufacturing jobs", "wages", "home prices", "drug overdoses", "vaccination rates", "the budget", "property taxes", "school funding", "electricity bills", "food prices", "the jobless rate", "police funding", "teacher salaries", "hospital wait times"];
const VERBS = ["fell", "rose", "doubled", "tripled", "dropped", "climbed", "declined", "increased", "soared", "plunged", "grew", "shrank", "stayed flat", "hit a record", "reached its highest level", "reached its lowest level"];
const PLACES = ["Texas", "Ohio", "Florida", "California", "Arizona", "Georgia", "Michigan", "Pennsylvania", "Wisconsin", "Nevada", "New York", "Illinois", "Colorado", "Virginia", "the country", "the city", "the county", "the state", "Chicago", "Houston", "Phoenix", "Atlanta", "Detroit", "Denver", "Miami", "Seattle", "Boston", "Portland", "El Paso", "Las Vegas"];
const TAILS = ["since the last election", "under the current administration", "in the past decade", "over the last four years", "since the pandemic", "compared with last year", "according to federal data", "the highest in fifty years", "the lowest on record", "faster than anywhere else", "more than in any other state", "while the governor was in office", "after the new law took effect", "despite record spending", "for the first time in history"];
const CLAIMANTS = ["Veronica Escobar", "Alex Padilla", "Greg Abbott", "Ron DeSantis", "Gavin Newsom", "Kathy Hochul", "Gretchen Whitmer", "Josh Shapiro", "Tony Evers", "Katie Hobbs", "Brian Kemp", "Jared Polis", "Glenn Youngkin", "J.B. Pritzker", "Joe Lombardo", "Marco Rubio", "Ted Cruz", "John Cornyn", "Sherrod Brown", "Raphael Warnock"];
const arr = (words: string[]) => `ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]`;
// Zipf-like: low indexes come up far more often than high ones (random() squared).
const pick = (words: string[], seed = "random()") => `(${arr(words)})[1 + floor(${words.length} * ${seed} * ${seed})::int]`;

const statement = `initcap(${pick(SUBJECTS)}) || ' in ' || ${pick(PLACES)} || ' ' || ${pick(VERBS)} || ' by ' || (1 + floor(random() * 90))::int || ' percent ' || ${pick(TAILS)} || ', ' || (1990 + floor(random() * 36))::int || '.'`;

const server = await benchDatabaseServer("search", { keepDir: KEEP_DIR });
try {
  process.env.DATABASE_URL = await server.migratedDatabase(`search_${CLAIMS}`, Boolean(KEEP_DIR));
  const { getDb } = await import("../lib/db/client");
  const { ensureWorkspace, upsertMember } = await import("../lib/db/members");
  const { searchWorkspace, CANDIDATES } = await import("../lib/db/search");
  const { findSimilarClaims } = await import("../lib/db/similar-claims");
  const db = getDb();

  const step = async (label: string, sql: string) => {
    const start = performance.now();
    await db.$executeRawUnsafe(sql);
    console.log(`  ${label.padEnd(52)} ${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s`);
  };
  // A finished generation leaves its workspaces' ids as the database's comment.
  const [kept] = await db.$queryRawUnsafe<Array<{ comment: string | null }>>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`);
  const reused = KEEP_DIR && kept?.comment?.startsWith("factdesk bench ") ? (JSON.parse(kept.comment.slice("factdesk bench ".length)) as { workspace: string; other: string }) : null;
  const workspace = reused ? { id: reused.workspace } : await generate();
  if (reused) console.log(`Reusing the ${CLAIMS.toLocaleString("en")} claims generated earlier in ${KEEP_DIR}`);

  async function generate(): Promise<{ id: string }> {
    const slug = `bench-${randomBytes(3).toString("hex")}`;
    const workspace = await ensureWorkspace(slug, "Bench Desk");
    const other = await ensureWorkspace(`${slug}-other`, "Other Desk");
    const editor = (await upsertMember({ workspaceId: workspace.id, email: `edna-${slug}@factdesk.test`, name: "Edna Editor", role: "EDITOR", passwordHash: "x", actorId: null })).userId;

    const t0 = performance.now();
    console.log(`Generating ${CLAIMS.toLocaleString("en")} claims in ${ARTICLES.toLocaleString("en")} articles…`);
    await db.$executeRawUnsafe(`SELECT setseed(0.42)`);
    // Bulk load without the search indexes, then build them once (as a restore would).
    const indexes = ["Claim_searchVector_idx", "Article_searchVector_idx", "Source_searchVector_idx", "Comment_searchVector_idx"];
    const definitions = await db.$queryRawUnsafe<Array<{ indexdef: string }>>(`SELECT indexdef FROM pg_indexes WHERE indexname = ANY($1::text[])`, indexes);
    for (const name of indexes) await db.$executeRawUnsafe(`DROP INDEX "${name}"`);
    for (const [ws, count, prefix] of [[workspace.id, ARTICLES, "a"], [other.id, 500, "o"]] as const) {
      await step(`articles (${prefix})`, `
        INSERT INTO "Article" ("id", "workspaceId", "title", "outlet", "body", "createdById", "createdAt", "updatedAt")
        SELECT '${prefix}' || g, '${ws}', 'Report ' || g || ': ' || ${pick(SUBJECTS)} || ' in ' || ${pick(PLACES)}, 'Bench Wire',
               'The debate over ' || ${pick(SUBJECTS)} || ' continued in ' || ${pick(PLACES)} || ' as officials traded figures.', ${ws === workspace.id ? `'${editor}'` : "NULL"},
               now() - (random() * interval '900 days'), now()
        FROM generate_series(1, ${count}) g`);
      await step(`claims (${prefix})`, `
        INSERT INTO "Claim" ("id", "workspaceId", "articleId", "quote", "prefix", "suffix", "start", "end", "statement", "claimant", "score", "status", "createdAt", "updatedAt")
        SELECT '${prefix}c' || g, '${ws}', '${prefix}' || (1 + (g - 1) / ${PER_ARTICLE}), s, '', '', 0, length(s), s,
               CASE WHEN random() < 0.7 THEN ${pick(CLAIMANTS)} END, random(),
               (ARRAY['DETECTED','QUEUED','RESEARCHING','IN_REVIEW','PUBLISHED','DISMISSED'])[1 + floor(random() * 6)::int]::"ClaimStatus",
               now() - (random() * interval '900 days'), now()
        FROM (SELECT g, ${statement} AS s FROM generate_series(1, ${count * PER_ARTICLE}) g) x`);
  }
  await step("decisions for published claims", `
    INSERT INTO "Decision" ("id", "workspaceId", "claimId", "rating", "summary", "createdAt")
    SELECT 'd' || c."id", c."workspaceId", c."id", (ARRAY['true','mostly-true','half-true','mostly-false','false'])[1 + floor(random() * 5)::int], 'Checked against the official figures.', c."createdAt"
    FROM "Claim" c WHERE c."status" = 'PUBLISHED'`);
  await step("sources (1 per 10 claims)", `
    INSERT INTO "Source" ("id", "workspaceId", "claimId", "url", "title", "publisher", "quotation", "createdAt", "updatedAt")
    SELECT 's' || c."id", c."workspaceId", c."id", 'https://data.example.org/' || c."id", 'Official statistics on ' || ${pick(SUBJECTS)}, 'Bureau of Statistics', 'Table ' || (1 + floor(random() * 40))::int, c."createdAt", now()
    FROM "Claim" c WHERE random() < 0.1`);
  await step("comments (1 per 10 claims)", `
    INSERT INTO "Comment" ("id", "workspaceId", "claimId", "body", "createdAt", "updatedAt")
    SELECT 'm' || c."id", c."workspaceId", c."id", 'Check the ' || ${pick(PLACES)} || ' figures for ' || ${pick(SUBJECTS)} || ' first.', c."createdAt", now()
    FROM "Claim" c WHERE random() < 0.1`);
  await db.$executeRawUnsafe(`SET maintenance_work_mem = '512MB'`);
  for (const { indexdef } of definitions) await step(indexdef.replace(/ ON .*USING/, " USING").slice(0, 52), indexdef);
  await step("VACUUM ANALYZE", `VACUUM ANALYZE`);
  console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (KEEP_DIR) await db.$executeRawUnsafe(`COMMENT ON DATABASE "${(await db.$queryRawUnsafe<Array<{ d: string }>>(`SELECT current_database() AS d`))[0]!.d}" IS 'factdesk bench ${JSON.stringify({ workspace: workspace.id, other: other.id })}'`);
  return workspace;
  }

  // Assignees: 0.5 % of the claims (5,000 of a million) assigned to one editor (added to a kept
  // workspace that has none).
  const [assigned] = await db.$queryRawUnsafe<Array<{ n: number; editor: string | null }>>(
    `SELECT (SELECT count(*)::int FROM "ClaimAssignee" ca JOIN "Claim" c ON c."id" = ca."claimId" WHERE c."workspaceId" = $1) AS n,
       (SELECT m."userId" FROM "Membership" m WHERE m."workspaceId" = $1 ORDER BY m."userId" LIMIT 1) AS editor`, workspace.id);
  if (!assigned?.editor) throw new Error("The bench workspace has no member to assign claims to");
  if (assigned.n === 0) {
    await db.$executeRawUnsafe(`SELECT setseed(0.23)`);
    await step("assignees (0.5 % of the claims)", `INSERT INTO "ClaimAssignee" ("claimId", "userId") SELECT c."id", '${assigned.editor}' FROM "Claim" c WHERE c."workspaceId" = '${workspace.id}' AND random() < 0.005`);
    await step("ANALYZE assignees", `ANALYZE "ClaimAssignee"`);
  }
  const [{ newest }] = (await db.$queryRawUnsafe<Array<{ newest: Date }>>(`SELECT max("createdAt") AS newest FROM "Claim" WHERE "workspaceId" = $1`, workspace.id)) as [{ newest: Date }];
  const daysBefore = (days: number) => new Date(newest.getTime() - days * 86_400_000);

  type Query = { q: string; status?: "PUBLISHED" | "QUEUED"; claimant?: string; rating?: string; assignee?: string; from?: Date; to?: Date };
  const queries: Query[] = [
    { q: "unemployment" }, { q: "inflation texas" }, { q: "murder rate chicago" }, { q: "gas prices dou" }, { q: "tuition" },
    { q: "deficit record" }, { q: "carbon emissions since pandemic" }, { q: "wages" }, { q: "Detroit" }, { q: "hospital wait" },
    { q: "rent", status: "PUBLISHED" }, { q: "crime", claimant: "Abbott" }, { q: "inflation", rating: "false" }, { q: "teacher salar" },
    { q: "the" }, { q: "'); DROP TABLE \"Claim\"; --" }, { q: "a & | ! : * ( ) ' \\ b" }, { q: "x".repeat(400) }, { q: "border crossings el paso" }, { q: "electricity bills florida soared" },
  ];
  // A common word with a filter that passes few of its matches (measured apart, so the first set
  // stays comparable with earlier runs): "wages" is in about 7 % of the claims, "unemployment"
  // 15 %; Ted Cruz has 0.7 % of the claims, Jared Polis 1.9 %, a rating "false" 3 %, the assignee 0.5 %.
  const filtered: Query[] = [
    { q: "wages", claimant: "Ted Cruz" }, { q: "unemployment", claimant: "Ted Cruz" }, { q: "wages", claimant: "Polis" },
    { q: "wages", claimant: "Ted Cruz", status: "PUBLISHED" }, { q: "wages", rating: "false" }, { q: "unemployment", rating: "false" },
    { q: "wages", assignee: assigned.editor }, { q: "unemployment", from: daysBefore(400), to: daysBefore(370) },
  ];
  const RUNS = 10;
  const floorSamples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    await db.$queryRaw`SELECT 1`;
    floorSamples.push(performance.now() - start);
  }
  const searchSamples: number[] = [];
  const filteredSamples: number[] = [];
  const perQuery: Array<{ q: string; p50: number; p95: number; results: number; otherWorkspace: number; plans: string }> = [];
  for (const [set, query] of [...queries.map((q) => [searchSamples, q] as const), ...filtered.map((q) => [filteredSamples, q] as const)]) {
    const plans: SearchPlans = {};
    const results = await searchWorkspace(workspace.id, query, plans); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await searchWorkspace(workspace.id, query);
      samples.push(performance.now() - start);
    }
    set.push(...samples);
    perQuery.push({
      q:
        query.q.slice(0, 40) +
        (query.status ? ` [status ${query.status}]` : "") +
        (query.claimant ? ` [claimant ${query.claimant}]` : "") +
        (query.rating ? ` [rating ${query.rating}]` : "") +
        (query.assignee ? ` [assignee]` : "") +
        (query.from && query.to ? ` [${query.from.toISOString().slice(0, 10)}..${query.to.toISOString().slice(0, 10)}]` : ""),
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      results: results.length,
      otherWorkspace: results.filter((r) => !r.articleId.startsWith("a")).length,
      // How each kind's matches were found: i = the GIN index (all ranked), w = walked newest
      // first, f = a walk that gave way to the index, c = the claims passing the filters first.
      plans: Object.entries(plans).map(([kind, plan]) => `${kind.slice(0, 2)}:${plan.find === "newest" ? "w" : plan.find === "filter" ? "c" : plan.fellBack ? "f" : "i"}`).sort().join(" "),
    });
  }
  // The same queries with other bounds on the ranked candidates (CANDIDATES in lib/db/search.ts).
  const boundSamples = new Map<number, number[]>();
  for (const candidates of [200, 1000]) {
    const samples: number[] = [];
    for (const query of queries) {
      await searchWorkspace(workspace.id, { ...query, candidates });
      for (let i = 0; i < RUNS / 2; i++) {
        const start = performance.now();
        await searchWorkspace(workspace.id, { ...query, candidates });
        samples.push(performance.now() - start);
      }
    }
    boundSamples.set(candidates, samples);
  }

  // New claims: generated the same way, so they resemble (without equalling) what is stored.
  await db.$executeRawUnsafe(`SELECT setseed(0.7)`);
  const fresh = await db.$queryRawUnsafe<Array<{ s: string }>>(`SELECT ${statement} AS s FROM generate_series(1, 40)`);
  const matchSamples: number[] = [];
  let matched = 0;
  for (const [i, { s }] of fresh.entries()) {
    const start = performance.now();
    const found = await findSimilarClaims(workspace.id, s);
    if (i > 0) matchSamples.push(performance.now() - start); // the first warms up
    if (found.length > 0) matched++;
  }

  const sampleText = fresh[0]!.s;
  const explain = async (label: string, sql: string, ...params: unknown[]) => {
    const plan = await db.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN (ANALYZE, BUFFERS OFF) ${sql}`, ...params);
    console.log(`\n${label}\n${plan.map((r) => `  ${r["QUERY PLAN"]}`).join("\n")}`);
  };

  const floor = percentile(floorSamples, 50);
  const line = (label: string, samples: number[]) =>
    console.log(`${label.padEnd(40)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms   (floor: SELECT 1 p50 ${floor.toFixed(2)} ms)`);
  console.log(`\nFactdesk search benchmark: ${CLAIMS.toLocaleString("en")} claims, ${os.cpus().length} cores, Node ${process.version}`);
  line(`search (${queries.length} queries × ${RUNS}), ${CANDIDATES} cand.`, searchSamples);
  for (const [candidates, samples] of boundSamples) line(`  the same, ranking ${candidates} candidates`, samples);
  line(`common word + filter (${filtered.length} queries × ${RUNS})`, filteredSamples);
  line(`claim matching (${matchSamples.length} new claims)`, matchSamples);
  console.log(`  new claims with at least one match: ${matched} of ${fresh.length}`);
  console.log("\nPer query (p50, p95, results on the page, results from the other workspace, plan per kind (ar, cl, so, co): i index, w walk, f a walk that gave way to the index, c claims passing the filters first):");
  for (const row of perQuery) console.log(`  ${row.q.padEnd(66)} ${row.p50.toFixed(1).padStart(7)} ms ${row.p95.toFixed(1).padStart(7)} ms  ${String(row.results).padStart(3)}  ${row.otherWorkspace}  ${row.plans}`);

  await explain("EXPLAIN ANALYZE: claims matching 'inflation & texas:*'",
    `SELECT c."id", ts_rank(c."searchVector", q) AS r FROM "Claim" c CROSS JOIN to_tsquery('english', $2) q WHERE c."workspaceId" = $1 AND c."searchVector" @@ q ORDER BY r DESC LIMIT 20`, workspace.id, "'inflation' & 'texas':*");
  const words = await db.$queryRawUnsafe<Array<{ lexeme: string }>>(`SELECT lexeme FROM unnest(to_tsvector('english', $1)) LIMIT 3`, sampleText);
  const pairs = `('${words[0]?.lexeme}' & '${words[1]?.lexeme}') | ('${words[0]?.lexeme}' & '${words[2]?.lexeme}')`;
  await explain(`EXPLAIN ANALYZE: similar-claim candidates for "${sampleText}" (${pairs})`,
    `SELECT c."id", similarity(c."statement", $2) AS s FROM (SELECT "id", "statement" FROM "Claim" WHERE "workspaceId" = $1 AND "searchVector" @@ to_tsquery('simple', $3) LIMIT 1000) c ORDER BY s DESC LIMIT 20`, workspace.id, sampleText, pairs);
} finally {
  await server.close();
}
