// npm run bench:reports [-- --runs N]: the time to produce the fact-check report of a generated
// article with 1,000 claims (each published, with 3 sources, a review and an assignee) in each
// format, for both audiences: reading the report model from the database and rendering it. On a
// scratch database (DATABASE_URL's server when set, else an embedded PostgreSQL) in a fresh
// workspace. Each figure is the median of the runs, printed beside a floor measured in the same
// run: a bare query (SELECT 1).
import { randomBytes } from "node:crypto";
import os from "node:os";
import { benchDatabaseServer } from "./lib/bench-kit";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const CLAIMS = 1000;
const SOURCES_PER_CLAIM = 3;

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function measure(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn(); // warm-up: module loading, font parsing, query plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const server = await benchDatabaseServer("reports");
try {
  process.env.DATABASE_URL = await server.migratedDatabase("reports");

  const { getDb } = await import("../lib/db/client");
  const { ensureWorkspace, upsertMember } = await import("../lib/db/members");
  const { getArticleReport } = await import("../lib/db/reports");
  const { renderReport, formatsFor } = await import("../lib/reports/index");
  const { getClaimReviewPublisher } = await import("../lib/db/report-publisher");
  const { AUDIENCES } = await import("../lib/reports/document");
  const db = getDb();

  const slug = `bench-${randomBytes(3).toString("hex")}`;
  const workspace = await ensureWorkspace(slug, "Bench Desk");
  await db.workspace.update({ where: { id: workspace.id }, data: { organizationName: "Bench Fact-Check Desk" } });
  const member = async (role: "EDITOR" | "REVIEWER", name: string) =>
    (await upsertMember({ workspaceId: workspace.id, email: `${name.toLowerCase()}-${slug}@factdesk.test`, name, role, passwordHash: "x", actorId: null })).userId;
  const editor = await member("EDITOR", "Edna Editor");
  const reviewer = await member("REVIEWER", "Rex Reviewer");

  // The data is written in bulk: the benchmark measures reading and rendering, not the desk's work.
  const sentence = (i: number) => `Officials said the city hired ${200 + i} new teachers in 2023 — “a record”, according to Vanessa Cárdenas’s office (${i}).`;
  const sentences = Array.from({ length: CLAIMS }, (_, i) => sentence(i));
  const article = await db.article.create({ data: { workspaceId: workspace.id, title: "Bench: 1,000 claims", outlet: "Bench Wire", body: sentences.join("\n"), createdById: editor } });
  let offset = 0;
  const claims = sentences.map((quote, i) => {
    const claim = { id: `bench-claim-${i}`, workspaceId: workspace.id, articleId: article.id, quote, prefix: "", suffix: "", start: offset, end: offset + quote.length, statement: quote, claimant: i % 2 ? "Mayor Ana Cárdenas" : null, score: 0.9, status: "PUBLISHED" as const };
    offset += quote.length + 1;
    return claim;
  });
  await db.claim.createMany({ data: claims });
  await db.source.createMany({
    data: claims.flatMap((c, i) =>
      Array.from({ length: SOURCES_PER_CLAIM }, (_, s) => ({ workspaceId: workspace.id, claimId: c.id, url: `https://example.org/data/${i}/${s}`, title: `Payroll table ${i}.${s}`, publisher: "City Budget Office", kind: "OFFICIAL_RECORD" as const, stance: "SUPPORTS" as const, quotation: s === 0 ? "Hires rose to a record in 2023." : null, addedById: reviewer })),
    ),
  });
  await db.review.createMany({ data: claims.map((c) => ({ workspaceId: workspace.id, claimId: c.id, reviewerId: reviewer, rating: "mostly-true", rationale: "The payroll tables agree within a few hires.", confidence: 2 })) });
  await db.decision.createMany({ data: claims.map((c) => ({ workspaceId: workspace.id, claimId: c.id, rating: "mostly-true", summary: "Close: the payroll tables show a record year, by a few hires.", approvedById: editor })) });
  await db.claimAssignee.createMany({ data: claims.map((c) => ({ claimId: c.id, userId: reviewer })) });

  const viewer = { userId: editor, role: "EDITOR" as const };
  const floor = await measure(async () => db.$queryRaw`SELECT 1`, Math.max(RUNS, 20));
  const query = await measure(() => getArticleReport(workspace.id, article.id, viewer));
  console.log(`\nFactdesk report benchmark: ${CLAIMS} claims × ${SOURCES_PER_CLAIM} sources, ${os.cpus().length} cores, Node ${process.version}, median of ${RUNS} runs\n`);
  const line = (label: string, ms: number, extra = "") => console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms   (floor: SELECT 1 ${floor.toFixed(2)} ms)${extra}`);
  line("read the report model (query)", query);
  for (const audience of AUDIENCES) {
    for (const format of formatsFor(audience)) {
      let size = 0;
      const ms = await measure(async () => {
        const data = await getArticleReport(workspace.id, article.id, viewer);
        if (!data) throw new Error("the bench article is missing");
        // ClaimReview also reads its publisher, as the API does.
        const publisher = format.id === "claimreview" ? await getClaimReviewPublisher(workspace.id, article.id) : null;
        const claimReview = publisher ? { ...publisher, reviewUrl: `http://localhost:3000/w/bench/articles/${article.id}/report` } : undefined;
        const { body } = await renderReport(data, { format: format.id, audience, claimReview });
        size = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
      });
      const goal = format.id === "pdf" ? 3000 : 1000;
      line(`${audience} ${format.label}`, ms, `   ${(size / 1024).toFixed(0)} KB   goal < ${goal / 1000} s ${ms < goal ? "ok" : "MISSED"}`);
    }
  }
  await db.$disconnect();
} finally {
  await server.close();
}
