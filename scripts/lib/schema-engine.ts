// Prisma's schema engine, compiled to WebAssembly, driven through the pg driver adapter. This is
// what lets `npm start` and `npm test` apply migrations without the native engine binary, which
// the Prisma CLI would download on first use. The migrations folder and the `_prisma_migrations`
// table are the standard ones, so `prisma migrate deploy` works on the same database elsewhere.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
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

function createAdapterFactory(connectionString: string) {
  const factory = new PrismaPg({ connectionString });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    acceptInternalCharType(adapter as unknown as Queryable);
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

export async function openSchemaEngine(connectionString: string, log: (line: string) => void = () => {}) {
  const { SchemaEngine } = await loadBindings();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const engine: SchemaEngine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (message: string) => log(message),
    createAdapterFactory(connectionString),
  );
  return { engine, schema };
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

/** Applies every migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const { engine } = await openSchemaEngine(connectionString);
  try {
    const migrationsList = await readMigrationsList();
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * SQL that would bring a database to schema.prisma: from nothing when `from` is "empty", or from
 * the live database at `connectionString` when it is "database". Empty when they agree.
 */
export async function diffToSchema(connectionString: string, from: "empty" | "database"): Promise<string> {
  const { engine, schema } = await openSchemaEngine(connectionString);
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
    engine.free();
  }
}
