import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { buildIsCurrent } from "../scripts/lib/build";
import { findFreePorts } from "../scripts/lib/next-process";

// `npm start` looking after itself, on the embedded PostgreSQL in a data folder of its own:
// PostgreSQL killed under the running app; SIGTERM under write load; a stale postmaster.pid whose
// pid now belongs to another process; the start script itself killed with SIGKILL. One folder
// for the file (the steps follow each other), so PostgreSQL is initialised once.

type Started = { child: ChildProcess; output: () => string };

let dataDir = "";
let clusterDir = "";
let port = 0;
let current: Started | undefined;
const token = `fd_${randomBytes(32).toString("base64url")}`;
let claimId = "";
let articleId = "";
let answeredWrites = 0;

function startFactdesk(): Started {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The embedded database of the data folder, not the test run's.
  for (const name of ["DATABASE_URL", "DATABASE_MIGRATE_URL", "FACTDESK_TEST_OWNER_URL"]) delete env[name];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...env,
      FACTDESK_DATA_DIR: dataDir,
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      FACTDESK_API_RATE_LIMIT: "1000000",
      FACTDESK_SHUTDOWN_GRACE_SECONDS: "10",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a failed test can still end what it started
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  current = { child, output: () => output };
  return current;
}

const health = () =>
  fetch(`http://localhost:${port}/api/health`, { signal: AbortSignal.timeout(8_000) })
    .then((r) => r.status)
    .catch(() => 0);

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, started?: Started): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}${started ? `:\n${started.output()}` : ""}`);
}

const waitHealthy = (started: Started) => waitFor("a healthy app", async () => (await health()) === 200, 90_000, started);

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const postmasterPid = () => Number(readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0]);

/** The production server (scripts/serve.mjs) that `npm start` with this pid spawned. */
function serverPidOf(startPid: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === startPid && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("serve.mjs")) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return 0;
}

/** The owner's connection to the embedded database (its password is in the data folder). */
async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const { postgresPassword } = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { postgresPassword: string };
  const clusterPort = readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[3];
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${clusterPort}/factdesk` });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  expect(buildIsCurrent(), "the production build is current (npm test builds it before this spec)").toBe(true);
  // Made here, not at load: Playwright also loads spec files in its main process, to list them.
  // Traversable by others: run as root, PostgreSQL runs as its own user and must reach its folder.
  dataDir = mkdtempSync(path.join(os.tmpdir(), "factdesk-supervision-"));
  chmodSync(dataDir, 0o711);
  clusterDir = path.join(dataDir, "postgres");
  port = (await findFreePorts(1))[0] ?? 0;
});

test.afterAll(async () => {
  if (current && current.child.exitCode === null && current.child.signalCode === null) {
    current.child.kill("SIGTERM");
    const timer = setTimeout(() => current?.child.pid && process.kill(-current.child.pid, "SIGKILL"), 20_000);
    await exited(current.child);
    clearTimeout(timer);
  }
  if (!dataDir) return;
  // A cluster left behind by a failed step: stop it before removing its folder.
  if (existsSync(path.join(clusterDir, "postmaster.pid"))) {
    const pid = postmasterPid();
    if (isAlive(pid)) process.kill(pid, "SIGQUIT");
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test("PostgreSQL killed under the running app: 503 while it is down, restarted, the app recovers", async () => {
  test.setTimeout(120_000);
  const app = startFactdesk();
  await waitHealthy(app);
  expect(app.output()).toMatch(/Factdesk is ready on http:\/\/localhost:\d+/);
  expect(app.output().match(/http:\/\/localhost:\d+/g), "one address printed").toHaveLength(1);
  // What the next steps use: a write token for the demo editor, and a demo claim.
  await sql(
    `INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix", "scope")
     SELECT $1, "id", 'supervision', $2, $3, 'WRITE' FROM "User" WHERE "email" = 'editor@factdesk.test'`,
    [`tok${randomBytes(8).toString("hex")}`, createHash("sha256").update(token).digest("hex"), token.slice(0, 9)],
  );
  const claim = (await sql<{ id: string; articleId: string }>(`SELECT c."id", c."articleId" FROM "Claim" c JOIN "Workspace" w ON w."id" = c."workspaceId" WHERE w."slug" = 'demo' LIMIT 1`))[0]!;
  claimId = claim.id;
  articleId = claim.articleId;

  const killed = postmasterPid();
  process.kill(killed, "SIGKILL");
  const statuses: number[] = [];
  await waitFor(
    "the app to answer 200 again",
    async () => {
      const status = await health();
      statuses.push(status);
      return status === 200 && statuses.includes(503);
    },
    60_000,
    app,
  );
  expect(statuses.filter((s) => s !== 200 && s !== 503), "nothing but 503 while the database is down").toEqual([]);
  expect(app.output()).toContain("PostgreSQL stopped unexpectedly (killed by SIGKILL)");
  expect(app.output()).toContain("PostgreSQL is running again");
  expect(isAlive(killed)).toBe(false);
  expect(postmasterPid()).not.toBe(killed);
  // Not only the health check: an authenticated read through the app's own role works again.
  await waitFor("an API read", async () => (await fetch(`http://localhost:${port}/api/v1/workspaces`, { headers: { Authorization: `Bearer ${token}` } })).status === 200, 15_000, app);
});

test("SIGTERM under write load: every request received gets an answer, the live stream ends, and the rows match the answers", async () => {
  test.setTimeout(90_000);
  const app = current!;
  // An open live stream, which never ends by itself: it must not hold the shutdown up.
  const stream = await fetch(`http://localhost:${port}/api/v1/articles/${articleId}/events?tab=supervision-tab`, { headers: { Authorization: `Bearer ${token}` } });
  expect(stream.status).toBe(200);
  const reader = stream.body!.getReader();
  let streamed = "";
  while (!streamed.includes("event: ready")) streamed += new TextDecoder().decode((await reader.read()).value);
  const streamEnded = (async () => {
    for (;;) if ((await reader.read()).done) return "ended";
  })().catch((error: unknown) => `failed: ${String(error)}`);
  const outcomes: Array<{ status: number } | { error: string }> = [];
  let stop = false;
  const worker = async (n: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const response = await fetch(`http://localhost:${port}/api/v1/claims/${claimId}/comments`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ body: `load ${n}-${i}` }),
        });
        await response.arrayBuffer();
        outcomes.push({ status: response.status });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        outcomes.push({ error: cause?.code ?? String(error) });
        // Refused: the server no longer accepts connections. That request was never received.
        if (cause?.code === "ECONNREFUSED") return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const workers = Array.from({ length: 8 }, (_, n) => worker(n));
  await waitFor("writes under way", async () => outcomes.length >= 40, 30_000, app);
  const serverPid = serverPidOf(app.child.pid!);
  expect(serverPid).toBeGreaterThan(0);
  const clusterPid = postmasterPid();
  const signalledAt = Date.now();
  app.child.kill("SIGTERM");
  const code = await exited(app.child);
  const shutdownMs = Date.now() - signalledAt;
  stop = true;
  await Promise.all(workers);

  expect(code).toBe(0);
  expect(await streamEnded, "the live stream ended cleanly").toBe("ended");
  expect(shutdownMs, "well within the 10 s grace period: nothing held it up").toBeLessThan(8_000);
  const errors = outcomes.filter((o): o is { error: string } => "error" in o);
  expect(errors.filter((e) => e.error !== "ECONNREFUSED"), "no request was reset or left without an answer").toEqual([]);
  const statuses = outcomes.filter((o): o is { status: number } => "status" in o).map((o) => o.status);
  expect(statuses.filter((s) => s !== 201), "every answer is a success").toEqual([]);
  answeredWrites = statuses.length;
  expect(answeredWrites).toBeGreaterThan(40);
  expect(app.output()).toContain("SIGTERM received: finishing requests in progress");
  expect(app.output()).toContain("PostgreSQL stopped; data kept.");
  // Nothing stays behind.
  expect(isAlive(serverPid)).toBe(false);
  expect(isAlive(clusterPid)).toBe(false);
  expect(await health()).toBe(0);
});

test("a stale postmaster.pid whose pid belongs to a live, unrelated process does not block the start", async () => {
  test.setTimeout(120_000);
  const unrelated = spawn("sleep", ["120"], { stdio: "ignore" });
  try {
    const pidFile = path.join(clusterDir, "postmaster.pid");
    writeFileSync(pidFile, `${unrelated.pid}\n${clusterDir}\n${Math.floor(Date.now() / 1000)}\n54329\n/tmp\n127.0.0.1\n  1234567   7\nready   \n`);
    const app = startFactdesk();
    await waitHealthy(app);
    expect(isAlive(unrelated.pid!), "the unrelated process is left alone").toBe(true);
    expect(postmasterPid()).not.toBe(unrelated.pid);
    // The writes answered 201 before the SIGTERM are all there, and nothing else is.
    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Comment" WHERE "claimId" = $1 AND "body" LIKE 'load %'`, [claimId]);
    expect(row?.n).toBe(answeredWrites);
  } finally {
    unrelated.kill("SIGKILL");
  }
});

test("kill -9 of the start script: its server lets go of the port, and the next start stops the orphaned PostgreSQL", async () => {
  test.setTimeout(120_000);
  const app = current!;
  const startPid = app.child.pid!;
  const serverPid = serverPidOf(startPid);
  const orphan = postmasterPid();
  expect(serverPid).toBeGreaterThan(0);
  process.kill(startPid, "SIGKILL");
  await exited(app.child);
  await waitFor("the server to exit with its parent", async () => !isAlive(serverPid), 15_000);
  expect(isAlive(orphan), "PostgreSQL outlives a SIGKILL of its parent").toBe(true);

  const next = startFactdesk();
  await waitHealthy(next);
  expect(next.output()).toContain(`Stopped PostgreSQL (pid ${orphan}) left running by an earlier start that was killed.`);
  expect(next.output()).not.toContain("EADDRINUSE");
  expect(isAlive(orphan)).toBe(false);
});
