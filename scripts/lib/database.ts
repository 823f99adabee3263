// Where the app's database is: DATABASE_URL when set, otherwise the embedded cluster in the data
// folder. Shared by `npm start`, `npm run user:add` and the benchmark.
import path from "node:path";
import pg from "pg";
import { loadSecrets, resolveDataDir } from "./data-dir";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const EMBEDDED_DATABASE = "factdesk";

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export type Database = { url: string; embedded: boolean; stop(): Promise<void> };

export async function openDatabase(log: (line: string) => void): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const dataDir = resolveDataDir();
  const { postgresPassword } = loadSecrets(dataDir);
  const started = Date.now();
  const server = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres"), password: postgresPassword });
  log(`PostgreSQL (embedded) on 127.0.0.1:${server.port}, data in ${path.relative(process.cwd(), dataDir) || "."}, ready in ${Date.now() - started} ms`);
  await ensureDatabase(server.urlFor("postgres"), EMBEDDED_DATABASE);
  return { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, stop: server.stop };
}

// Held while `npm start` migrates and seeds: instances starting together on one database take
// turns, so the migrations and the demo seed each run once.
export const STARTUP_LOCK = 0x66616374; // "fact"

/** Runs `work` while holding a PostgreSQL advisory lock on its own connection. */
export async function withAdvisoryLock<T>(url: string, key: number, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [key]);
    return await work();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}
