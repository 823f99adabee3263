// npm run bench:load [-- --duration S] [--warm S] [--lighthouse] [--lighthouse-only] [--trace N] [--profile DIR]
// [--node-options "FLAGS"]: the article page
// under load, on the production build (built first when the sources changed) against a scratch
// database (DATABASE_URL's server when set, else an embedded PostgreSQL), signed in as an editor.
//   - GET /api/health at 50 concurrent connections: the floor, printed beside every figure;
//   - the demo article page at 50 concurrent connections (req/s, p50, p95, p99);
//   - the demo article page at a steady 25 requests/s, evenly paced (p50, p95, p99);
//   - a generated article with about 1,000 claims: render time and size of its HTML;
//   - with --lighthouse: Lighthouse scores (desktop and mobile) of the sign-in and article pages,
//     driving the Chromium named by CHROME_PATH (default /usr/bin/chromium);
//   - with --trace N (alone): N cold loads of the article page in Chromium with a performance
//     trace each, and the medians of the main thread's scripting time and longest task.
// The machine's other work shows in the figures: compare each with its floor, not across machines.
import autocannon from "autocannon";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { benchDatabaseServer, signIn } from "./lib/bench-kit";
import { ensureBuilt } from "./lib/build";
import { findFreePorts, runNext, runServer, waitForExit, waitForHealth } from "./lib/next-process";

const arg = (name: string) => process.argv.includes(`--${name}`);
const durationArg = process.argv.indexOf("--duration");
const DURATION = durationArg > 0 ? Number(process.argv[durationArg + 1]) : 10;
const warmArg = process.argv.indexOf("--warm");
const WARM_SECONDS = warmArg > 0 ? Math.max(0, Number(process.argv[warmArg + 1]) || 0) : 45;
const LIGHTHOUSE = arg("lighthouse") || arg("lighthouse-only");
const traceArg = process.argv.indexOf("--trace");
const TRACE = traceArg > 0 ? Math.max(1, Number(process.argv[traceArg + 1]) || 5) : 0;
const LOAD = !arg("lighthouse-only") && !TRACE;
// --profile DIR: the app writes a V8 CPU profile (.cpuprofile) into DIR when it stops, and the
// pages' HTML (and with --lighthouse, Lighthouse's last screenshot of each page) is saved there.
const profileArg = process.argv.indexOf("--profile");
const PROFILE = profileArg > 0 ? path.resolve(process.argv[profileArg + 1] ?? "bench-profile") : null;
// --node-options "...": flags for the app's Node process, to try runtime settings.
const nodeOptionsArg = process.argv.indexOf("--node-options");
const NODE_FLAGS = nodeOptionsArg > 0 ? (process.argv[nodeOptionsArg + 1] ?? "").split(/\s+/).filter(Boolean) : [];

type Latencies = { rps: number; p50: number; p95: number; p99: number; errors: number; count: number; cpuMs?: number };

// The app's processor time (user + system), from /proc where there is one: per request it is
// far steadier than the wall clock on a machine doing other work.
let appPid: number | undefined;
// The server and its cluster workers: the pid and every process whose parent is in the set.
function appCpuMs(): number | null {
  if (!appPid || !existsSync(`/proc/${appPid}/stat`)) return null;
  const stats = new Map<number, string[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      stats.set(Number(entry), stat.slice(stat.lastIndexOf(")") + 2).split(" "));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([appPid]);
  let total = 0;
  for (const [pid, fields] of stats) if (pid === appPid || tree.has(Number(fields[1]))) tree.add(pid);
  for (const [pid, fields] of stats) if (tree.has(pid) || tree.has(Number(fields[1]))) total += Number(fields[11]) + Number(fields[12]);
  return (total * 1000) / 100; // utime, stime in 1/100 s
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** One autocannon run; every response's latency is kept, so the percentiles are exact. */
async function load(url: string, headers: Record<string, string>, options: { connections: number; duration?: number }): Promise<Latencies> {
  const samples: number[] = [];
  let errors = 0;
  const cpuBefore = appCpuMs();
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: options.duration ?? DURATION,
    setupClient: (client) => {
      client.on("response", (status: number, _bytes: number, responseTime: number) => {
        if (status !== 200) errors += 1;
        samples.push(responseTime);
      });
    },
  });
  const cpuAfter = appCpuMs();
  samples.sort((a, b) => a - b);
  const seconds = (result.duration ?? options.duration ?? DURATION) || 1;
  const cpuMs = cpuBefore !== null && cpuAfter !== null && samples.length ? (cpuAfter - cpuBefore) / samples.length : undefined;
  return { rps: samples.length / seconds, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99), errors: errors + result.errors + result.timeouts, count: samples.length, cpuMs };
}

/**
 * Open-loop requests at an even pace (one every 1000/rate ms, whether or not earlier ones have
 * answered), as a desk's readers arrive. autocannon's `overallRate` releases each second's
 * requests together, which measures a burst of 25 rather than a steady 25 per second.
 */
async function paced(url: string, headers: Record<string, string>, perSecond: number, seconds: number): Promise<Latencies> {
  const samples: number[] = [];
  let errors = 0;
  const count = Math.round(perSecond * seconds);
  const start = performance.now();
  const requests: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    requests.push(
      fetch(url, { headers }).then(
        async (response) => {
          await response.arrayBuffer();
          if (!response.ok) errors += 1;
          samples.push(performance.now() - sent);
        },
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(requests);
  samples.sort((a, b) => a - b);
  return { rps: samples.length / ((performance.now() - start) / 1000), p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99), errors, count: samples.length };
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
const rate = (n: number) => `${n.toFixed(0).padStart(6)} req/s`;
const kb = (n: number) => `${(n / 1024).toFixed(0).padStart(6)} KB`;

const server = await benchDatabaseServer("load");
const cleanups = server.cleanups;
try {
  const databaseUrl = await server.migratedDatabase("load");
  process.env.DATABASE_URL = databaseUrl;
  const { seedDemo } = await import("../prisma/seed");
  const { hashPassword } = await import("../lib/auth/password");
  const { ensureWorkspace, upsertMember } = await import("../lib/db/members");
  const { getDb } = await import("../lib/db/client");
  const { importArticle } = await import("../lib/db/articles");
  const { importArticleSchema } = await import("../lib/validation/article");
  await seedDemo();
  const workspace = await ensureWorkspace("demo", "Demo Desk");
  const password = randomBytes(12).toString("base64url");
  const email = "bench-load@factdesk.test";
  const { userId } = await upsertMember({ workspaceId: workspace.id, email, name: "Bench", role: "EDITOR", passwordHash: await hashPassword(password), actorId: null });
  const demo = await getDb().article.findFirstOrThrow({ where: { workspaceId: workspace.id }, orderBy: { createdAt: "asc" }, select: { id: true, body: true, _count: { select: { claims: true } } } });
  // About 1,000 claims: the demo text repeated, as `npm run bench` does.
  const demoText = await readFile("prisma/seed/articles/border-concessions.txt", "utf8");
  const huge = importArticleSchema.parse({ title: "Bench 1,000 claims", body: Array.from({ length: 72 }, () => demoText).join("\n") });
  const { id: hugeId, claimCount: hugeClaims } = await importArticle({ workspaceId: workspace.id, userId }, huge);
  await getDb().$disconnect();

  const built = await ensureBuilt(
    () => waitForExit(runNext(["build"], { NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(32).toString("hex") })),
    (line) => console.log(line),
  );
  if (!built) throw new Error("next build failed");
  const [port] = await findFreePorts(1);
  const baseUrl = `http://localhost:${port}`;
  // The production server as `npm start` runs it (one worker per core; FACTDESK_WORKERS=1 for one process).
  const app = runServer({ DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("hex"), NEXTAUTH_URL: baseUrl, PORT: String(port) }, "pipe", [...NODE_FLAGS, ...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE}`] : [])]);
  appPid = app.pid;
  app.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  cleanups.unshift(async () => {
    app.kill("SIGTERM");
    await waitForExit(app);
  });
  await waitForHealth(baseUrl, 60_000, app);
  const cookie = await signIn(baseUrl, email, password);
  const headers = { cookie };
  const articleUrl = `${baseUrl}/w/demo/articles/${demo.id}`;
  const hugeUrl = `${baseUrl}/w/demo/articles/${hugeId}`;
  const page = async (url: string) => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  };
  // Warm up: compile-once costs and the connection pool are not what a desk feels.
  for (let i = 0; i < 10; i++) {
    await page(articleUrl);
    await page(hugeUrl);
  }
  // Those went down one kept-alive connection, so to one worker (node:cluster hands out
  // connections in turn). A server that has just started is slower until V8 has optimised its
  // code and sized its heap: on 2 cores, 50 connections gave 100, 133, 153, 176, 187, 188 and 190
  // pages a second in consecutive 5-second runs from a cold start, then about 200. A desk's server
  // runs for days, so the figures below are taken after WARM_SECONDS (default 45, `--warm S`) at
  // 50 connections; the cold start's figures are printed first.
  if (LOAD && WARM_SECONDS > 0) {
    const cold = await load(articleUrl, headers, { connections: 50, duration: Math.min(5, WARM_SECONDS) });
    const rest = WARM_SECONDS > 5 ? await load(articleUrl, headers, { connections: 50, duration: WARM_SECONDS - 5 }) : null;
    console.log(`Warm-up: the article page at 50 connections, ${cold.rps.toFixed(0)} req/s in the first ${Math.min(5, WARM_SECONDS)} s after start${rest ? `, ${rest.rps.toFixed(0)} req/s over the next ${WARM_SECONDS - 5} s` : ""}.`);
  }

  console.log(`\nFactdesk load benchmark: ${os.cpus().length} cores, Node ${process.version}, ${DURATION} s per run, FACTDESK_WORKERS=${process.env.FACTDESK_WORKERS || `cores (${os.availableParallelism()})`}`);
  console.log(`Demo article: ${demo._count.claims} claims, ${(demo.body.length / 1024).toFixed(0)} KB of text. Large article: ${hugeClaims} claims, ${(huge.body.length / 1024).toFixed(0)} KB of text.`);
  console.log("");
  if (LOAD) {
    const floor = await load(`${baseUrl}/api/health`, {}, { connections: 50 });
    const floorText = `(floor: /api/health ${floor.rps.toFixed(0)} req/s, p50 ${floor.p50.toFixed(1)} ms)`;
    const row = (label: string, r: Latencies, extra = "") =>
      console.log(`${label.padEnd(40)} ${rate(r.rps)}  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}${r.cpuMs !== undefined ? `  app CPU ${r.cpuMs.toFixed(2)} ms/req` : ""}${r.errors ? `  ${r.errors} errors` : ""}  ${extra}`);
    row("GET /api/health, 50 connections", floor);
    const busy = await load(articleUrl, headers, { connections: 50 });
    row("article page, 50 connections", busy, `${(busy.rps / floor.rps).toFixed(3)}× floor ${floorText}`);
    const steady = await paced(articleUrl, headers, 25, Math.max(DURATION, 15));
    row("article page, steady 25 req/s", steady, `goal p95 < 100 ms ${steady.p95 < 100 ? "ok" : "MISSED"} ${floorText}`);

    const html = await page(hugeUrl);
    const flight = [...html.matchAll(/self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce((sum, m) => sum + (m[1]?.length ?? 0), 0);
    const renders: number[] = [];
    const hugeCpuBefore = appCpuMs();
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await page(hugeUrl);
      renders.push(performance.now() - start);
    }
    const hugeCpuAfter = appCpuMs();
    const hugeCpu = hugeCpuBefore !== null && hugeCpuAfter !== null ? `  app CPU ${((hugeCpuAfter - hugeCpuBefore) / 20).toFixed(1)} ms/req` : "";
    renders.sort((a, b) => a - b);
    const size = Buffer.byteLength(html);
    console.log(
      `${`article page, ${hugeClaims} claims (one at a time)`.padEnd(40)} median ${ms(percentile(renders, 0.5))}  p95 ${ms(percentile(renders, 0.95))}  goal < 100 ms ${percentile(renders, 0.5) < 100 ? "ok" : "MISSED"}${hugeCpu}  ${floorText}`,
    );
    console.log(
      `${`  its HTML`.padEnd(40)} ${kb(size)}  (gzip ${kb(gzipSync(html).length).trim()}, flight data ${kb(flight).trim()})  goal < 1 MB ${size < 1024 * 1024 ? "ok" : "MISSED"}`,
    );
    const demoHtml = await page(articleUrl);
    if (PROFILE) {
      mkdirSync(PROFILE, { recursive: true });
      writeFileSync(path.join(PROFILE, "article.html"), demoHtml);
      writeFileSync(path.join(PROFILE, "article-1000-claims.html"), html);
    }
    console.log(`${"  the demo article's HTML".padEnd(40)} ${kb(Buffer.byteLength(demoHtml))}  (gzip ${kb(gzipSync(demoHtml).length).trim()})`);
  }
  if (TRACE) {
    if (PROFILE) mkdirSync(PROFILE, { recursive: true });
    const { median, tracePageLoad } = await import("./lib/page-trace");
    const sessionCookie = cookie.split("; ").find((c) => c.includes("session-token=")) ?? cookie;
    console.log(`\nThe article page's main thread while it loads (${TRACE} cold loads each, medians; load average ${os.loadavg()[0]!.toFixed(1)}):`);
    for (const [label, cpuSlowdown] of [["no CPU throttling", 1], ["CPU 4x slower (as mobile)", 4]] as const) {
      const runs: Awaited<ReturnType<typeof tracePageLoad>>[] = [];
      for (let i = 0; i < TRACE; i++) runs.push(await tracePageLoad(articleUrl, sessionCookie, { cpuSlowdown, saveTo: PROFILE ? path.join(PROFILE, `article-trace-cpu${cpuSlowdown}x-${i + 1}.json`) : undefined }));
      const m = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
      console.log(
        `${label.padEnd(28)} scripting ${ms(m((r) => r.scriptingMs))}  longest task ${ms(m((r) => r.longestTaskMs))} (after first paint ${ms(m((r) => r.longestAfterPaintMs)).trim()})  main thread ${ms(m((r) => r.mainThreadMs))}  blocking after first paint ${ms(m((r) => r.blockingMs))}  JS ${kb(m((r) => r.scriptBytes)).trim()} in ${m((r) => r.scripts)} files`,
      );
      console.log(`${"".padEnd(28)} runs: scripting ${runs.map((r) => r.scriptingMs.toFixed(0)).join(", ")}; longest ${runs.map((r) => r.longestTaskMs.toFixed(0)).join(", ")}; longest after first paint ${runs.map((r) => r.longestAfterPaintMs.toFixed(0)).join(", ")}`);
    }
  }
  if (LIGHTHOUSE) {
    const { runLighthouse } = await import("./lib/lighthouse");
    console.log("\nLighthouse (scores out of 100; layout shift goal < 0.05):");
    const sessionCookie = cookie.split("; ").find((c) => c.includes("session-token=")) ?? cookie;
    for (const [label, url, cookieHeader] of [
      ["sign-in page", `${baseUrl}/login`, null],
      ["article page", articleUrl, sessionCookie],
    ] as const) {
      for (const formFactor of ["desktop", "mobile"] as const) {
        const r = await runLighthouse(url, formFactor, cookieHeader);
        if (PROFILE && r.screenshot) {
          mkdirSync(PROFILE, { recursive: true });
          writeFileSync(path.join(PROFILE, `${label.replace(/\W+/g, "-")}-${formFactor}.jpg`), Buffer.from(r.screenshot.split(",")[1] ?? "", "base64"));
        }
        console.log(
          `${`${label}, ${formFactor}`.padEnd(24)} performance ${String(r.performance).padStart(3)}  accessibility ${String(r.accessibility).padStart(3)}  best practices ${String(r.bestPractices).padStart(3)}  LCP ${(r.lcp / 1000).toFixed(2)} s  TBT ${r.tbt.toFixed(0)} ms  CLS ${r.cls.toFixed(3)}  JS ${kb(r.scriptBytes).trim()}${r.consoleErrors.length ? `  console errors: ${r.consoleErrors.join(" | ")}` : ""}${r.failing.length ? `  to improve: ${r.failing.join(", ")}` : ""}`,
        );
      }
    }
  }
} finally {
  await server.close();
}
