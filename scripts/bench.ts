// npm run bench [-- --runs N]: median and p95 times of the hot paths on the production build,
// against a scratch database (DATABASE_URL's server when set, else an embedded PostgreSQL):
// the article page with its claims, saving a review, the report in each format, and the desk's
// screens on a 1,000-claim article (triage, the article list, My queue). Each figure prints beside
// two floors measured in the same run: a bare query and GET /api/health.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { buildIsCurrent, markBuilt } from "./lib/build";
import { benchDatabaseServer, signIn } from "./lib/bench-kit";
import { findFreePort } from "./lib/embedded-postgres";
import { runNext, waitForExit } from "./lib/next-process";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 40;
const WARMUP = 5;

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(label: string, fn: () => Promise<void>, runs = RUNS) {
  for (let i = 0; i < Math.min(WARMUP, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const { median, p95 } = summarize(samples);
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   (${runs} runs)`);
}


const server = await benchDatabaseServer("pages");
const cleanups = server.cleanups;
try {
  const databaseUrl = await server.migratedDatabase("pages");
  process.env.DATABASE_URL = databaseUrl;

  const { seedDemo } = await import("../prisma/seed");
  const { hashPassword } = await import("../lib/auth/password");
  const { ensureWorkspace, upsertMember } = await import("../lib/db/members");
  const { saveReview } = await import("../lib/db/reviews");
  const { getDb } = await import("../lib/db/client");
  const { DEFAULT_RATING_SCALE } = await import("../lib/domain/rating-scale");
  await seedDemo();
  const workspace = await ensureWorkspace("demo", "Demo Desk");
  const password = randomBytes(12).toString("base64url");
  const { userId } = await upsertMember({ workspaceId: workspace.id, email: "bench@factdesk.test", name: "Bench", role: "EDITOR", passwordHash: await hashPassword(password), actorId: null });
  const article = await getDb().article.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true, claims: { select: { id: true } } } });
  const claimCount = article.claims.length;
  const claimId = article.claims[0]?.id ?? "";

  if (!buildIsCurrent()) {
    console.log("Building the production app first…");
    // The build renders pages that read the session, so it needs a signing key like the server.
    const buildEnv = { NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(32).toString("hex") };
    if ((await waitForExit(runNext(["build"], buildEnv))) !== 0) throw new Error("next build failed");
    markBuilt();
  }
  const port = await findFreePort(3200);
  const baseUrl = `http://localhost:${port}`;
  const app = runNext(["start", "-p", String(port)], { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("hex"), NEXTAUTH_URL: baseUrl }, "pipe");
  cleanups.unshift(async () => {
    app.kill("SIGTERM");
    await waitForExit(app);
  });
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const cookie = await signIn(baseUrl, "bench@factdesk.test", password);
  const get = async (pathname: string) => {
    const response = await fetch(`${baseUrl}${pathname}`, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`${pathname}: ${response.status}`);
    await response.arrayBuffer();
  };

  console.log(`\nFactdesk benchmark: demo article with ${claimCount} claims, ${os.cpus().length} cores, Node ${process.version}\n`);
  await time("floor: bare query (SELECT 1)", async () => void (await getDb().$queryRaw`SELECT 1`));
  await time("floor: GET /api/health (HTTP)", async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    await response.arrayBuffer();
  });
  await time("article page with claims (HTTP, rendered)", () => get(`/w/demo/articles/${article.id}`));
  await time("article page with a claim panel open (HTTP)", () => get(`/w/demo/articles/${article.id}?claim=${claimId}`));
  let n = 0;
  let version: number | undefined;
  await time("save a review (transaction + audit event)", async () => {
    n += 1;
    const ctx = { workspaceId: workspace.id, userId, origin: "SYSTEM" as const };
    ({ version } = await saveReview(ctx, DEFAULT_RATING_SCALE, { claimId, rating: n % 2 ? "true" : "mostly-true", rationale: `Benchmark rationale ${n}`, confidence: 2, version }));
  });
  await time("report, Markdown (HTTP)", () => get(`/api/v1/articles/${article.id}/report?format=md`));
  await time("report, JSON (HTTP)", () => get(`/api/v1/articles/${article.id}/report?format=json`));

  const { importArticle } = await import("../lib/db/articles");
  const { importArticleSchema } = await import("../lib/validation/article");
  const { readFile } = await import("node:fs/promises");
  const demoText = await readFile("prisma/seed/articles/border-concessions.txt", "utf8");
  const big = importArticleSchema.parse({ title: "Bench import", body: Array.from({ length: 15 }, () => demoText).join("\n") });
  await time(`import a ${Math.round(big.body.length / 1000)} KB article (detect + store)`, async () => {
    await importArticle({ workspaceId: workspace.id, userId }, big);
  }, 10);

  // The desk's screens at scale: an article of about 1,000 claims, a third of them assigned to
  // the benchmark's user.
  const huge = importArticleSchema.parse({ title: "Bench 1,000 claims", body: Array.from({ length: 72 }, () => demoText).join("\n") });
  const { id: hugeId, claimCount: hugeClaims } = await importArticle({ workspaceId: workspace.id, userId }, huge);
  const toAssign = await getDb().claim.findMany({ where: { articleId: hugeId }, select: { id: true }, take: Math.ceil(hugeClaims / 3) });
  await getDb().claimAssignee.createMany({ data: toAssign.map((c) => ({ claimId: c.id, userId })) });
  console.log(`\nAt scale: an article with ${hugeClaims} claims, ${toAssign.length} of them assigned to the user\n`);
  await time(`triage page, ${hugeClaims} claims (HTTP)`, () => get(`/w/demo/articles/${hugeId}/triage`), 20);
  await time(`article page, ${hugeClaims} claims, panel open (HTTP)`, () => get(`/w/demo/articles/${hugeId}?claim=${toAssign[0]?.id ?? ""}`), 20);
  await time("article list with progress by status (HTTP)", () => get(`/w/demo`), 20);
  await time("dashboard, all time (HTTP)", () => get(`/w/demo/dashboard?period=all`), 20);
  await time(`My queue, ${toAssign.length} assignments (HTTP)`, () => get(`/queue`), 20);
  await getDb().$disconnect();
} finally {
  await server.close();
}
