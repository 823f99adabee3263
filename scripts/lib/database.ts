// Where the app's database is: DATABASE_URL when set, otherwise the embedded cluster in the data
// folder. Shared by `npm start`, `npm run user:add` and the benchmark.
import path from "node:path";
import pg from "pg";
import { loadSecrets, resolveDataDir } from "./data-dir";
import { type ClusterEvents, startEmbeddedPostgres } from "./embedded-postgres";

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

export type Database = {
  /** The owner's connection: migrations, the demo seed, the user:* commands. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
  /** Starts the embedded PostgreSQL again after it died; false when this process does not run it. */
  restart(): Promise<boolean>;
  /** The application's own, least-privileged connection (see ensureAppRole). */
  appUrl(): Promise<string>;
};

/** The login role the app connects as on the embedded database. */
export const APP_ROLE = "factdesk_app";

export async function openDatabase(log: (line: string) => void, events: ClusterEvents = {}): Promise<Database> {
  if (process.env.DATABASE_URL) {
    // Your own server: DATABASE_URL is the app's role, DATABASE_MIGRATE_URL (when set) the owner.
    const appUrl = process.env.DATABASE_URL;
    return { url: process.env.DATABASE_MIGRATE_URL || appUrl, embedded: false, stop: async () => {}, restart: async () => false, appUrl: async () => appUrl };
  }
  const dataDir = resolveDataDir();
  const { postgresPassword, appPassword } = loadSecrets(dataDir);
  const started = Date.now();
  const server = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres"), password: postgresPassword, ...events });
  log(`PostgreSQL (embedded) on 127.0.0.1:${server.port}, data in ${path.relative(process.cwd(), dataDir) || "."}, ready in ${Date.now() - started} ms`);
  await ensureDatabase(server.urlFor("postgres"), EMBEDDED_DATABASE);
  const url = server.urlFor(EMBEDDED_DATABASE);
  return {
    url,
    embedded: true,
    stop: server.stop,
    restart: server.restart,
    appUrl: () => ensureAppRole(url, APP_ROLE, appPassword),
  };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates or updates `role`, a login without superuser, createdb, createrole or replication, that
 * may read and write the rows of every table in the public schema and use and set its sequences
 * (a restored backup moves them past its ids: setval), but owns
 * nothing and cannot change the schema. Default privileges give it the same on tables and
 * sequences the owner (the role of `ownerUrl`) creates later, in new migrations. The migration
 * history stays the owner's alone. Run after the migrations, as the owner; idempotent. Returns the
 * role's connection string.
 */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ database: string; owner: string }>("SELECT current_database() AS database, current_user AS owner");
    const { database, owner } = rows[0]!;
    const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount;
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`;
    await client.query(`${exists ? "ALTER" : "CREATE"} ROLE ${ident(role)} WITH ${attributes}`);
    await client.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(role)}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${ident(role)}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident(role)}`);
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${ident(role)}`);
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(owner)} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ident(role)}`);
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(owner)} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${ident(role)}`);
    if ((await client.query(`SELECT to_regclass('public._prisma_migrations') AS t`)).rows[0]?.t) {
      await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${ident(role)}`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
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
