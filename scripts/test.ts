// `npm test`: the whole suite on a database made for this run.
//   npm test                      unit + integration (Vitest), then end-to-end (Playwright)
//   npm test -- unit|integration|e2e [runner args]   one part, e.g. `npm test -- e2e -g "wrong password"`
// Uses DATABASE_URL's server when set (a fresh database on it), else an embedded PostgreSQL.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureBuilt } from "./lib/build";
import { APP_ROLE, ensureAppRole, ensureDatabase } from "./lib/database";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { findFreePorts, runNext, runServer, stopProcess, waitForExit, waitForHealth } from "./lib/next-process";
import { MigrationHistoryError, applyMigrations } from "./lib/schema-engine";

const PARTS = ["unit", "integration", "e2e"] as const;
type Part = (typeof PARTS)[number];
const [first, ...rest] = process.argv.slice(2);
const only = PARTS.includes(first as Part) ? (first as Part) : null;
const runnerArgs = only ? rest : process.argv.slice(2);
const wants = (part: Part) => only === null || only === part;

// One folder per run, so two runs on one machine never share a cluster or a report.
const workDir = path.resolve(".test-data", `run-${process.pid}-${Date.now()}`);
mkdirSync(workDir, { recursive: true });
const log = (line: string) => console.log(`[test] ${line}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const cleanups: Array<() => Promise<void>> = [];

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return waitForExit(child);
}

/**
 * The run's database: created, migrated and cleaned up by its owner, used by the tests and the
 * app servers through a least-privileged role, as `npm start` runs the app (ensureAppRole).
 */
async function createTestDatabase(): Promise<{ ownerUrl: string; appUrl: string }> {
  const name = `factdesk_test_${randomBytes(4).toString("hex")}`;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const server = await startEmbeddedPostgres({ dir: path.join(workDir, "postgres"), password: randomBytes(12).toString("hex"), persistent: false });
    cleanups.push(server.stop);
    serverUrl = server.urlFor("postgres");
  }
  await ensureDatabase(serverUrl, name);
  if (process.env.DATABASE_URL) {
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  const applied = await applyMigrations(ownerUrl);
  log(`Test database ready; applied ${applied.length} migration(s).`);
  // Roles belong to the whole server: on a shared one, a role of the run's own, dropped after it.
  const role = process.env.DATABASE_URL ? `${name}_app` : APP_ROLE;
  let appUrl: string;
  try {
    appUrl = await ensureAppRole(ownerUrl, role, randomBytes(12).toString("hex"));
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
    log("DATABASE_URL's user may not create roles: the tests run as that user, not as a restricted role.");
    return { ownerUrl, appUrl: ownerUrl };
  }
  if (process.env.DATABASE_URL) {
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS "${role}"`);
      await client.end();
    });
  }
  return { ownerUrl, appUrl };
}

async function runVitest(project: "unit" | "integration", env: Record<string, string>) {
  const report = path.join(workDir, `vitest-${project}.json`);
  const code = await run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...(only ? runnerArgs : [])], env);
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    if (code !== 0 && result.numFailedTests === 0) totals.failed += 1; // a suite that failed to load
  } else if (code !== 0) {
    totals.failed += 1;
  }
}

/** A production server on `port`, healthy when this resolves, stopped at the end of the run. */
async function startApp(env: Record<string, string>, port: number): Promise<string> {
  const baseUrl = `http://localhost:${port}`;
  const server = runServer({ ...env, NEXTAUTH_URL: baseUrl, PORT: String(port) }, "pipe");
  server.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[app ${port}] ${chunk}`));
  server.stdout?.resume(); // unread, a full pipe would block the server
  cleanups.unshift(async () => void (await stopProcess(server)));
  await waitForHealth(baseUrl, 60_000, server);
  return baseUrl;
}

async function runPlaywright(env: Record<string, string>) {
  const built = await ensureBuilt(() => waitForExit(runNext(["build"], { ...env, NODE_ENV: "production" })), log);
  if (!built) {
    totals.failed += 1;
    log("next build failed");
    return;
  }
  // The fixtures are seeded as the owner, as `npm start` seeds the demo.
  process.env.DATABASE_URL = env.FACTDESK_TEST_OWNER_URL;
  const { createE2EFixtures } = await import("./lib/e2e-fixtures");
  const fixtures = await createE2EFixtures();
  // Two instances on one database, as a deployment behind a load balancer runs them.
  const [baseUrl = "", secondBaseUrl = ""] = await Promise.all((await findFreePorts(2)).map((port) => startApp(env, port)));
  const report = path.join(workDir, "playwright.json");
  await run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json", ...(only ? runnerArgs : [])], {
    BASE_URL: baseUrl,
    SECOND_BASE_URL: secondBaseUrl,
    FACTDESK_E2E: JSON.stringify(fixtures),
    // For specs that start more app processes (e2e/startup.spec.ts) on this database's server.
    // The owner's connection: these specs create databases.
    FACTDESK_E2E_SERVER_ENV: JSON.stringify({ DATABASE_URL: env.FACTDESK_TEST_OWNER_URL ?? "", NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? "" }),
    // Only for specs that act as an administrator would before the admin screens exist.
    FACTDESK_E2E_DATABASE_URL: env.FACTDESK_TEST_OWNER_URL ?? "",
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (!existsSync(report)) {
    totals.failed += 1;
    return;
  }
  const { stats } = JSON.parse(readFileSync(report, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
}

let exitCode = 0;
try {
  const { ownerUrl, appUrl } = await createTestDatabase();
  // DATABASE_URL is the app's restricted role; FACTDESK_TEST_OWNER_URL is for the few tests that
  // must act as the owner (creating databases and roles, checking what only a superuser can do).
  const env = { DATABASE_URL: appUrl, FACTDESK_TEST_OWNER_URL: ownerUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NODE_ENV: "test" };
  if (wants("unit")) await runVitest("unit", env);
  if (wants("integration")) await runVitest("integration", env);
  if (wants("e2e")) await runPlaywright({ ...env, NODE_ENV: "production" });
} catch (error) {
  if (error instanceof MigrationHistoryError) log(error.message);
  else console.error(error);
  totals.failed += 1;
} finally {
  for (const cleanup of cleanups) await cleanup().catch((e: unknown) => console.error(e));
  rmSync(workDir, { recursive: true, force: true });
  if (totals.failed > 0 || totals.passed === 0) exitCode = 1;
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : "";
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
}
process.exit(exitCode);
