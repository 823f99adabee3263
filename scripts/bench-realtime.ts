// npm run bench:realtime [-- --changes N --streams N --claims N]: how long a save takes to reach another browser's live
// stream, on the production build and a scratch database (DATABASE_URL's server when set, else
// an embedded PostgreSQL). Each change is a PATCH through the JSON API on one connection; the
// clock stops when its `change` event arrives on an SSE stream opened with another session.
// Printed beside the floors measured in the same run: a bare LISTEN/NOTIFY round trip on the same
// database, and GET /api/health.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuilt } from "./lib/build";
import { signIn } from "./lib/bench-kit";
import { ensureDatabase } from "./lib/database";
import { findFreePort, makeScratchDir, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { runNext, stopProcess, waitForExit, waitForHealth } from "./lib/next-process";
import { applyMigrations } from "./lib/schema-engine";

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const CHANGES = argument("--changes", 200);
// The desk's load: this many browsers open on one article with at least CLAIMS claims.
const STREAMS = argument("--streams", 50);
const CLAIMS = argument("--claims", 300);
const WARMUP = 10;

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}

function report(label: string, samples: number[], floorLabel?: string) {
  const { p50, p95, max } = summarize(samples);
  const line = `${label.padEnd(40)} p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   max ${max.toFixed(1).padStart(6)} ms   (${samples.length})`;
  console.log(floorLabel ? `${line}   floor: ${floorLabel}` : line);
  return { p50, p95, max };
}


type StreamChange = { id: string; kind: string; claimId: string | null; after?: { statement?: string } };

/** Reads an SSE stream and calls `onChange` with each change's data as it arrives. */
async function followStream(url: string, cookie: string, onChange: (change: StreamChange) => void, signal: AbortSignal) {
  const response = await fetch(url, { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal });
  if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = "";
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === "ready") ready();
          if (event === "change" && data) onChange(JSON.parse(data) as StreamChange);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  await isReady;
}

/** Arrival times by key, whichever comes first: the wait or the arrival. */
class Arrivals {
  private entries = new Map<string, { at: Promise<number>; resolve: (at: number) => void }>();
  private entry(key: string) {
    let entry = this.entries.get(key);
    if (!entry) {
      let resolve: (at: number) => void = () => {};
      const at = new Promise<number>((r) => (resolve = r));
      entry = { at, resolve };
      this.entries.set(key, entry);
    }
    return entry;
  }
  arrive(key: string, at = performance.now()): void {
    this.entry(key).resolve(at);
  }
  /** When `key` arrived; rejects after `timeoutMs`, so that a lost change fails the run instead of hanging it. */
  async waitFor(key: string, timeoutMs = 10_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${key}: nothing arrived within ${timeoutMs} ms`)), timeoutMs)));
    try {
      return await Promise.race([this.entry(key).at, timeout]);
    } finally {
      clearTimeout(timer);
      this.entries.delete(key);
    }
  }
}

async function notifyRoundTrips(url: string, count: number): Promise<number[]> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await Promise.all([listener.connect(), sender.connect()]);
  await listener.query("LISTEN bench_floor");
  const waiting = new Map<string, () => void>();
  listener.on("notification", (n) => waiting.get(n.payload ?? "")?.());
  const samples: number[] = [];
  for (let i = 0; i < count + WARMUP; i++) {
    const arrived = new Promise<void>((resolve) => waiting.set(String(i), resolve));
    const start = performance.now();
    await sender.query("SELECT pg_notify('bench_floor', $1)", [String(i)]);
    await arrived;
    if (i >= WARMUP) samples.push(performance.now() - start);
  }
  await Promise.all([listener.end(), sender.end()]);
  return samples;
}

const scratch = makeScratchDir("factdesk-bench-rt-");
const cleanups: Array<() => Promise<void>> = [];
try {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const server = await startEmbeddedPostgres({ dir: path.join(scratch, "pg"), password: randomBytes(12).toString("hex"), persistent: false });
    cleanups.push(server.stop);
    serverUrl = server.urlFor("postgres");
  }
  const dbName = `factdesk_bench_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(serverUrl, dbName);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  cleanups.unshift(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });
  await applyMigrations(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;

  const { seedDemo } = await import("../prisma/seed");
  const { hashPassword } = await import("../lib/auth/password");
  const { ensureWorkspace, upsertMember } = await import("../lib/db/members");
  const { getDb } = await import("../lib/db/client");
  await seedDemo();
  const workspace = await ensureWorkspace("demo", "Demo Desk");
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  for (const who of ["writer", "watcher"]) {
    await upsertMember({ workspaceId: workspace.id, email: `bench-${who}@factdesk.test`, name: `Bench ${who}`, role: "REVIEWER", passwordHash, actorId: null });
  }
  const article = await getDb().article.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true, claims: { select: { id: true, version: true }, take: 1 } } });
  const claim = article.claims[0];
  if (!claim) throw new Error("The demo article has no claims");
  // A long article for the desk's load: the demo text repeated until it holds CLAIMS claims.
  const { importArticle } = await import("../lib/db/articles");
  const { importArticleSchema } = await import("../lib/validation/article");
  const { detectClaims } = await import("../lib/domain/detection/detect");
  const { readFile } = await import("node:fs/promises");
  const demoText = await readFile("prisma/seed/articles/border-concessions.txt", "utf8");
  const copies = Math.ceil(CLAIMS / Math.max(1, detectClaims(demoText).length));
  const longBody = Array.from({ length: copies }, () => demoText).join("\n");
  const long = await importArticle({ workspaceId: workspace.id, userId: null }, importArticleSchema.parse({ title: "Bench: a long article", body: longBody }));
  const longClaims = await getDb().claim.findMany({ where: { articleId: long.id }, select: { id: true, version: true } });
  await getDb().$disconnect();

  const env = { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("hex") };
  if (!(await ensureBuilt(() => waitForExit(runNext(["build"], { ...env, NODE_ENV: "production" })), console.log))) throw new Error("next build failed");
  const port = await findFreePort(3300);
  const baseUrl = `http://localhost:${port}`;
  const app = runNext(["start", "-p", String(port)], { ...env, NEXTAUTH_URL: baseUrl }, "pipe");
  cleanups.unshift(async () => void (await stopProcess(app)));
  await waitForHealth(baseUrl, 60_000, app);
  const [writer, watcher] = [await signIn(baseUrl, "bench-writer@factdesk.test", password), await signIn(baseUrl, "bench-watcher@factdesk.test", password)];

  // Listens on the app's own channel too, to split each delivery at the commit: the save up to
  // its NOTIFY, then the hub's reads and the stream's write.
  const { CHANGE_CHANNEL } = await import("../lib/realtime/change");
  const notices = new Arrivals();
  const spy = new pg.Client({ connectionString: databaseUrl });
  await spy.connect();
  cleanups.unshift(async () => void (await spy.end()));
  spy.on("notification", (n) => {
    const eventId = /"e":"(\d+)"/.exec(n.payload ?? "")?.[1];
    if (eventId) notices.arrive(eventId);
  });
  await spy.query(`LISTEN ${CHANGE_CHANNEL}`);

  const frames = new Arrivals();
  const eventIds = new Map<string, string>();
  const abort = new AbortController();
  cleanups.unshift(async () => abort.abort());
  await followStream(`${baseUrl}/api/v1/articles/${article.id}/events?tab=bench-${Date.now()}`, watcher, (change) => {
    const statement = change.after?.statement;
    if (change.kind !== "claim.updated" || change.claimId !== claim.id || !statement) return;
    eventIds.set(statement, change.id);
    frames.arrive(statement);
  }, abort.signal);

  let version = claim.version;
  const saves: number[] = [];
  const deliveries: number[] = [];
  const commits: number[] = [];
  const fanOuts: number[] = [];
  for (let i = 0; i < CHANGES + WARMUP; i++) {
    const statement = `Benchmark wording ${i} ${randomBytes(3).toString("hex")}`;
    const arrived = frames.waitFor(statement);
    const start = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/claims/${claim.id}`, {
      method: "PATCH",
      headers: { Cookie: writer, "Content-Type": "application/json" },
      body: JSON.stringify({ version, statement }),
    });
    if (!response.ok) throw new Error(`save ${i}: ${response.status} ${await response.text()}`);
    const saved = performance.now();
    version = ((await response.json()) as { version: number }).version;
    const at = await arrived;
    const notified = await notices.waitFor(eventIds.get(statement) ?? "");
    eventIds.delete(statement);
    if (i >= WARMUP) {
      saves.push(saved - start);
      deliveries.push(at - start);
      commits.push(notified - start);
      fanOuts.push(at - notified);
    }
  }

  // A desk of STREAMS people on the long article: every change must reach every one of them.
  const arrivals = new Map<string, { count: number; first: number; all: () => void }>();
  for (let i = 0; i < STREAMS; i++) {
    const url = `${baseUrl}/api/v1/articles/${long.id}/events?tab=bench-desk-${i}-${Date.now()}`;
    await followStream(url, watcher, (change) => {
      const entry = arrivals.get(change.after?.statement ?? "");
      if (!entry) return;
      entry.count += 1;
      if (entry.count === 1) entry.first = performance.now();
      if (entry.count === STREAMS) entry.all();
    }, abort.signal);
  }
  // One LISTEN connection per instance, whatever the number of browsers: count them now.
  const probe = new pg.Client({ connectionString: databaseUrl });
  await probe.connect();
  const { rows } = await probe.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
  await probe.end();
  const connections = Number(rows[0]?.n ?? 0);
  const deskFirst: number[] = [];
  const deskAll: number[] = [];
  const versions = new Map(longClaims.map((c) => [c.id, c.version]));
  const deskChanges = Math.min(CHANGES, 100);
  for (let i = 0; i < deskChanges + WARMUP; i++) {
    const target = longClaims[(i * 7) % longClaims.length]!;
    const statement = `Desk wording ${i} ${randomBytes(3).toString("hex")}`;
    let resolveAll: () => void = () => {};
    const everyone = new Promise<void>((resolve) => (resolveAll = resolve));
    const entry = { count: 0, first: 0, all: resolveAll };
    arrivals.set(statement, entry);
    const start = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/claims/${target.id}`, {
      method: "PATCH",
      headers: { Cookie: writer, "Content-Type": "application/json" },
      body: JSON.stringify({ version: versions.get(target.id), statement }),
    });
    if (!response.ok) throw new Error(`desk save ${i}: ${response.status} ${await response.text()}`);
    versions.set(target.id, ((await response.json()) as { version: number }).version);
    await everyone;
    arrivals.delete(statement);
    if (i >= WARMUP) {
      deskFirst.push(entry.first - start);
      deskAll.push(performance.now() - start);
    }
  }
  // The long article's page while the desk is connected.
  const pageTimes: number[] = [];
  for (let i = 0; i < 30 + WARMUP; i++) {
    const start = performance.now();
    const response = await fetch(`${baseUrl}/w/demo/articles/${long.id}?claim=${longClaims[0]!.id}`, { headers: { Cookie: watcher } });
    if (!response.ok) throw new Error(`page: ${response.status}`);
    await response.arrayBuffer();
    if (i >= WARMUP) pageTimes.push(performance.now() - start);
  }

  const health: number[] = [];
  for (let i = 0; i < CHANGES + WARMUP; i++) {
    const start = performance.now();
    await (await fetch(`${baseUrl}/api/health`)).arrayBuffer();
    if (i >= WARMUP) health.push(performance.now() - start);
  }
  const floor = await notifyRoundTrips(databaseUrl, CHANGES);

  console.log(`\nFactdesk live updates: ${CHANGES} changes to one claim, ${os.cpus().length} cores, Node ${process.version}\n`);
  const notify = report("bare LISTEN/NOTIFY round trip", floor);
  const healthFigures = report("GET /api/health round trip", health);
  const save = report("save (PATCH /api/v1/claims/{id})", saves, `/api/health p50 ${healthFigures.p50.toFixed(1)} ms`);
  const delivery = report("save → another browser's stream", deliveries, `NOTIFY p50 ${notify.p50.toFixed(1)} ms, p95 ${notify.p95.toFixed(1)} ms`);
  report("  of which PATCH sent → its NOTIFY", commits, `save p50 ${save.p50.toFixed(1)} ms`);
  report("  and NOTIFY → stream frame", fanOuts, `NOTIFY p50 ${notify.p50.toFixed(1)} ms`);
  const floorNote = `/api/health p50 ${healthFigures.p50.toFixed(1)} ms`;
  console.log(`\nA desk of ${STREAMS} open streams on an article with ${longClaims.length} claims (${deskChanges} changes):`);
  report("save → first of the desk's streams", deskFirst, floorNote);
  report(`save → all ${STREAMS} streams`, deskAll, floorNote);
  report(`article page, ${longClaims.length} claims, panel open`, pageTimes, floorNote);
  console.log(`database connections of the app while ${STREAMS + 1} streams were open: ${connections} (its query pool and one LISTEN connection)`);
  const verdict = delivery.p95 <= 50 ? "met" : "NOT met";
  console.log(`\nsave → stream delivery: p50 ${delivery.p50.toFixed(1)} ms, p95 ${delivery.p95.toFixed(1)} ms, max ${delivery.max.toFixed(1)} ms (${deliveries.length} changes; goal p95 ≤ 50 ms ${verdict}); floors: LISTEN/NOTIFY p95 ${notify.p95.toFixed(1)} ms, /api/health p95 ${healthFigures.p95.toFixed(1)} ms, the save alone p95 ${save.p95.toFixed(1)} ms`);
} finally {
  for (const cleanup of cleanups) await cleanup().catch((e: unknown) => console.error(e));
  rmSync(scratch, { recursive: true, force: true });
}
