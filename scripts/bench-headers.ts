// `npx tsx --conditions=react-server scripts/bench-headers.ts [--seconds N] [--connections C]`:
// throughput (requests/s) of the demo article page, an API read and /api/health on the
// production build, with C concurrent connections for N seconds each, to see what the proxy
// (security headers, nonce) and the rate limits cost. Builds first when the sources changed.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { buildIsCurrent, markBuilt } from "./lib/build";
import { benchDatabaseServer, signIn } from "./lib/bench-kit";
import { findFreePort } from "./lib/embedded-postgres";
import { runNext, waitForExit } from "./lib/next-process";

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SECONDS = arg("--seconds", 10);
const CONNECTIONS = arg("--connections", 10);

async function load(label: string, url: string, headers: Record<string, string>) {
  // Warm up, then C loops fetching one after another until the time is up.
  for (let i = 0; i < 5; i++) await (await fetch(url, { headers })).arrayBuffer();
  const latencies: number[] = [];
  let failed = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (!response.ok) failed += 1;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(`${label.padEnd(28)} ${(latencies.length / SECONDS).toFixed(1).padStart(7)} req/s   p50 ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms${failed ? `   ${failed} failed` : ""}`);
}

const server = await benchDatabaseServer("headers");
try {
  const databaseUrl = await server.migratedDatabase("headers");
  process.env.DATABASE_URL = databaseUrl;
  const { seedDemo } = await import("../prisma/seed");
  const { hashPassword } = await import("../lib/auth/password");
  const { ensureWorkspace, upsertMember } = await import("../lib/db/members");
  const { getDb } = await import("../lib/db/client");
  await seedDemo();
  const workspace = await ensureWorkspace("demo", "Demo Desk");
  const password = randomBytes(12).toString("base64url");
  await upsertMember({ workspaceId: workspace.id, email: "bench@factdesk.test", name: "Bench", role: "EDITOR", passwordHash: await hashPassword(password), actorId: null });
  const article = await getDb().article.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true } });
  if (!buildIsCurrent()) {
    console.log("Building the production app first…");
    const buildEnv = { NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(32).toString("hex") };
    if ((await waitForExit(runNext(["build"], buildEnv))) !== 0) throw new Error("next build failed");
    markBuilt();
  }
  const port = await findFreePort(3300);
  const baseUrl = `http://localhost:${port}`;
  const app = runNext(["start", "-p", String(port)], {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: baseUrl,
    // Measure the work, not the refusals: one person's load here is far past a desk's limits.
    FACTDESK_API_RATE_LIMIT: "10000000",
    FACTDESK_API_RATE_LIMIT_PER_PERSON: "10000000",
  }, "pipe");
  server.cleanups.unshift(async () => {
    app.kill("SIGTERM");
    await waitForExit(app);
  });
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const cookie = await signIn(baseUrl, "bench@factdesk.test", password);
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores, Node ${process.version}\n`);
  await load("GET /api/health", `${baseUrl}/api/health`, {});
  await load("GET /api/v1/workspaces", `${baseUrl}/api/v1/workspaces`, { Cookie: cookie });
  await load("article page", `${baseUrl}/w/demo/articles/${article.id}`, { Cookie: cookie });
  await getDb().$disconnect();
} finally {
  await server.close();
}
