import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { BUILD_LOCK, buildIsCurrent, withBuildLock } from "../scripts/lib/build";
import { findFreePorts } from "../scripts/lib/next-process";

// Two `npm start` on one fresh database at the same moment, as two app servers behind a load
// balancer deploy: both come up, and the migrations and the demo seed happen exactly once.
type Started = { child: ChildProcess; output: () => string; port: number };

function serverEnv(): { DATABASE_URL: string; NEXTAUTH_SECRET: string } {
  const raw = process.env.FACTDESK_E2E_SERVER_ENV;
  const env = raw ? (JSON.parse(raw) as { DATABASE_URL?: string; NEXTAUTH_SECRET?: string }) : {};
  const databaseUrl = env.DATABASE_URL || process.env.FACTDESK_E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("FACTDESK_E2E_SERVER_ENV is not set: run the end-to-end tests through `npm test`.");
  return { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET || randomBytes(32).toString("base64url") };
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function startFactdesk(env: Record<string, string>, port: number): Started {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), NEXTAUTH_URL: `http://localhost:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a failed test can still end the app it started
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, port };
}

async function waitForHealthy({ child, output, port }: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start on port ${port} exited with ${child.exitCode}:\n${output()}`);
    const response = await fetch(`http://localhost:${port}/api/health`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm start on port ${port} was not healthy after ${timeoutMs / 1000} s:\n${output()}`);
}

async function stop({ child }: Started): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, 20_000);
  await exited;
  clearTimeout(timer);
}

const adminUrl = () => serverEnv().DATABASE_URL;
const database = `factdesk_startup_${randomBytes(4).toString("hex")}`;
const started: Started[] = [];

test.afterEach(async () => {
  await Promise.all(started.splice(0).map(stop));
  await sql(adminUrl(), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

test("two instances starting together on a fresh database both come up, migrating and seeding once", async () => {
  test.setTimeout(120_000);
  expect(buildIsCurrent(), "the production build is current (npm test builds it before this spec)").toBe(true);
  const { DATABASE_URL, NEXTAUTH_SECRET } = serverEnv();
  await sql(DATABASE_URL, `CREATE DATABASE "${database}"`);
  const url = Object.assign(new URL(DATABASE_URL), { pathname: `/${database}` }).toString();

  const ports = await findFreePorts(2);
  started.push(...ports.map((port) => startFactdesk({ DATABASE_URL: url, NEXTAUTH_SECRET }, port)));
  await Promise.all(started.map((instance) => waitForHealthy(instance, 90_000)));

  const folders = readdirSync(path.resolve("prisma/migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrations = await sql<{ migration_name: string; runs: number }>(
    url,
    "SELECT migration_name, count(*)::int AS runs FROM _prisma_migrations WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY migration_name",
  );
  expect(migrations).toEqual(folders.map((folder) => ({ migration_name: folder, runs: 1 })));
  expect(await sql(url, `SELECT id FROM "Workspace" WHERE slug = 'demo'`)).toHaveLength(1);
  const members = await sql(url, `SELECT m."userId" FROM "Membership" m JOIN "Workspace" w ON w.id = m."workspaceId" WHERE w.slug = 'demo'`);
  expect(members).toHaveLength(4);
  expect(await sql(url, `SELECT id FROM "User"`)).toHaveLength(4);
  const articles = await sql(url, `SELECT a.id FROM "Article" a JOIN "Workspace" w ON w.id = a."workspaceId" WHERE w.slug = 'demo'`);
  expect(articles).toHaveLength(1);

  const outputs = started.map((instance) => instance.output());
  expect(outputs.filter((output) => output.includes("Applied migrations:"))).toHaveLength(1);
  const withPasswords = outputs.filter((output) => output.includes("These passwords are shown once"));
  expect(withPasswords).toHaveLength(1);
  expect(withPasswords[0]?.match(/@factdesk\.test +\S+/g)).toHaveLength(4);
  for (const output of outputs) expect(output).not.toContain("Building the app");
});

// Two `npm start` in one folder must not run two `next build` into the same .next: the second
// waits for the build lock. Exercised on the lock itself, since rebuilding would pull the
// production build from under the servers this suite runs against.
test("the build lock makes a second process wait, and takes over a lock whose process died", async () => {
  const holder = spawn(
    process.execPath,
    ["--import", "tsx", "-e", `const { withBuildLock } = await import("./scripts/lib/build.ts");
      await withBuildLock(async () => { console.log("held"); await new Promise((r) => setTimeout(r, 1500)); });`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => holder.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve()));
  const heldAt = Date.now();
  let waited = false;
  await withBuildLock(
    async () => {
      expect(Date.now() - heldAt, "the lock is ours only once the first holder let go").toBeGreaterThanOrEqual(1_000);
      expect(readFileSync(BUILD_LOCK, "utf8")).toBe(String(process.pid));
    },
    () => (waited = true),
  );
  expect(waited).toBe(true);
  expect(await new Promise((resolve) => (holder.exitCode !== null ? resolve(holder.exitCode) : holder.once("exit", resolve)))).toBe(0);
  expect(existsSync(BUILD_LOCK)).toBe(false);

  // A build killed with SIGKILL leaves its lock behind; nobody waits for a dead process.
  const dead = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => dead.once("exit", resolve));
  writeFileSync(BUILD_LOCK, String(dead.pid));
  waited = false;
  await withBuildLock(async () => expect(readFileSync(BUILD_LOCK, "utf8")).toBe(String(process.pid)), () => (waited = true));
  expect(waited).toBe(false);
  expect(existsSync(BUILD_LOCK)).toBe(false);
});
