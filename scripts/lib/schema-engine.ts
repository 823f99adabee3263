// Prisma's schema engine, compiled to WebAssembly, driven through the pg driver adapter. This is
// what lets `npm start` and `npm test` apply migrations without the native engine binary, which
// the Prisma CLI would download on first use. The migrations folder and the `_prisma_migrations`
// table are the standard ones, so `prisma migrate deploy` works on the same database elsewhere.
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type * as SchemaEngineWasm from "@prisma/schema-engine-wasm";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
const NO_FILTER = { externalTables: [], externalEnums: [] };
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type Bindings = typeof SchemaEngineWasm;
let bindingsPromise: Promise<Bindings> | undefined;

// Node 20 cannot import a .wasm file as an ES module without a flag, so instantiate it by hand
// with the glue module as its import object.
async function loadBindings(): Promise<Bindings> {
  bindingsPromise ??= (async () => {
    // The engine reports a Rust panic's message through this global before it throws.
    const registry = { message: "", set_message(text: string) { registry.message = text; } };
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof registry }).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindingsPromise;
}

type Field = { dataTypeID: number };
type Queryable = {
  performIO(query: object): Promise<{ fields: Field[] }>;
  queryRaw(query: object): Promise<{ columnTypes: number[] }>;
};

// adapter-pg refuses PostgreSQL's internal "char" type (which the engine's catalog queries return
// when it reads a live database's structure), while the engine expects those columns as
// Character values. Read them as text, then label them Character.
function acceptInternalCharType(adapter: Queryable): void {
  const charColumns = new WeakMap<object, number[]>();
  const performIO = adapter.performIO.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      indexes.push(i);
    });
    if (indexes.length > 0) charColumns.set(query, indexes);
    return result;
  };
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

type ScriptRunner = {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
};

// adapter-pg runs a migration by splitting it at every ";", which cuts a function body (or any
// string holding a semicolon) in half. Send the script whole instead: PostgreSQL's simple query
// protocol takes many statements at once, and runs them as one implicit transaction, so a
// migration that fails half-way leaves nothing behind.
function runScriptsWhole(adapter: ScriptRunner): void {
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
}

// The engine never disposes the adapters it connects, and their pool connection keeps Prisma's
// migration advisory lock: the next process to migrate this database would wait ~10 s, then fail.
// Keep a handle on each adapter so that closing the engine closes its connections too.
function createAdapterFactory(connectionString: string) {
  const factory = new PrismaPg({ connectionString });
  const adapters: Array<{ dispose(): Promise<void> }> = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapters.push(adapter);
    acceptInternalCharType(adapter as unknown as Queryable);
    runScriptsWhole(adapter as unknown as ScriptRunner);
    return adapter;
  };
  const dispose = async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.dispose()));
  };
  return { factory: bindMigrationAwareSqlAdapterFactory(factory), dispose };
}

/** The engine with its database connections; `close()` frees the engine and ends them. */
export async function openSchemaEngine(connectionString: string, log: (line: string) => void = () => {}) {
  const { SchemaEngine } = await loadBindings();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const { factory, dispose } = createAdapterFactory(connectionString);
  let engine: SchemaEngine;
  try {
    engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, (message: string) => log(message), factory);
  } catch (error) {
    await dispose();
    throw error;
  }
  const close = async () => {
    engine.free();
    await dispose();
  };
  return { engine, schema, close };
}

export async function readMigrationsList(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => {
      const content = await readFile(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8");
      return { path: dir, migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: content } } };
    }),
  );
  const lockfile = await readFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  } as MigrationList;
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`; returns their names. Refuses
 * (MigrationHistoryError) a database whose applied migrations differ from the folder.
 */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  await verifyMigrationHistory(connectionString);
  const { engine, close } = await openSchemaEngine(connectionString);
  try {
    const migrationsList = await readMigrationsList();
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * SQL that would bring a database to schema.prisma: from nothing when `from` is "empty", or from
 * the live database at `connectionString` when it is "database". Empty when they agree.
 */
export async function diffToSchema(connectionString: string, from: "empty" | "database"): Promise<string> {
  const { engine, schema, close } = await openSchemaEngine(connectionString);
  try {
    const files = [{ path: SCHEMA_PATH, content: schema }];
    const result = await engine.diff({
      from: from === "empty" ? { tag: "empty" } : { tag: "schemaDatasource", files, configDir: path.resolve(".") },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const script = (result.stdout ?? "").trim();
    return script === "-- This is an empty migration." ? "" : script;
  } finally {
    await close();
  }
}

export class MigrationHistoryError extends Error {
  override name = "MigrationHistoryError";
}

// The init migration was edited once, in place, before this check existed (the composite foreign
// keys of decision 005). Databases created before that edit recorded the first version's checksum.
// Accepted for that migration only, and only while its file is exactly the edited version; any
// other edit of an applied migration is refused.
const EDITS_BEFORE_THE_CHECK = [
  {
    migration: "20261127000000_init",
    applied: "6f354fbdde3a9c2f2b3e1de7a5dfebe357197394e4c53d971df651f8295f1f60", // as first committed
    file: "14996afc8f16d2ad9d001c012e1462037fa61a753e5341539313040cfbf12a38", // with composite keys
  },
];

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

// Prisma records sha256(migration.sql) in hex, and accepts the file with either line ending, since
// git may check it out with CRLF on Windows.
function fileChecksums(content: string): string[] {
  const lf = content.replace(/\r\n/g, "\n");
  return [sha256(content), sha256(lf), sha256(lf.replace(/\n/g, "\r\n"))];
}

function isKnownChecksum(migration: string, recorded: string, content: string): boolean {
  const current = fileChecksums(content);
  if (current.includes(recorded)) return true;
  return EDITS_BEFORE_THE_CHECK.some((edit) => edit.migration === migration && edit.applied === recorded && current.includes(edit.file));
}

/**
 * Compares the migrations a database has applied with prisma/migrations: an applied migration
 * whose file changed since, or one the folder lacks, is refused with a message saying what to do.
 */
export async function verifyMigrationHistory(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  let applied: Array<{ migration_name: string; checksum: string }>;
  try {
    const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
    if (!rows[0]?.exists) return;
    ({ rows: applied } = await client.query(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    ));
  } finally {
    await client.end();
  }
  const folder = path.relative(process.cwd(), MIGRATIONS_DIR) || MIGRATIONS_DIR;
  const missing: string[] = [];
  for (const { migration_name: name, checksum } of applied) {
    const content = await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8").catch(() => null);
    if (content === null) {
      missing.push(name);
    } else if (!isKnownChecksum(name, checksum, content)) {
      throw new MigrationHistoryError(
        `Migration ${name} was edited after it was applied to this database: ${folder}/${name}/migration.sql no longer matches ` +
          `the checksum recorded in _prisma_migrations. Migrations must never be edited once applied. Restore the file ` +
          `(git checkout -- ${folder}/${name}) and add a new migration for the change instead (npm run db:diff -- NAME).`,
      );
    }
  }
  if (missing.length > 0) {
    throw new MigrationHistoryError(
      `This database has applied migrations that ${folder} does not contain: ${missing.join(", ")}. It was set up by a ` +
        `newer or different version of Factdesk; run that version against it, or point DATABASE_URL at another database.`,
    );
  }
}
