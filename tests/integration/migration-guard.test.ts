import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase } from "../../scripts/lib/database";
import { MIGRATIONS_DIR, applyMigrations } from "../../scripts/lib/schema-engine";

// A database of its own on the test server: these tests rewrite `_prisma_migrations`.
// The owner may create databases; the app's own role may not.
const serverUrl = process.env.FACTDESK_TEST_OWNER_URL || process.env.DATABASE_URL || "";
const name = `factdesk_guard_${randomBytes(4).toString("hex")}`;
const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const INIT = "20261127000000_init";
const INIT_AS_FIRST_COMMITTED = "6f354fbdde3a9c2f2b3e1de7a5dfebe357197394e4c53d971df651f8295f1f60";

const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const fileChecksum = (migration: string) =>
  createHash("sha256").update(readFileSync(path.join(MIGRATIONS_DIR, migration, "migration.sql"))).digest("hex");

async function query<T extends pg.QueryResultRow>(database: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const setChecksum = (checksum: string) => query(url, "UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2", [checksum, INIT]);

beforeAll(async () => {
  await ensureDatabase(serverUrl, name);
});

afterAll(async () => {
  await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("applying migrations", () => {
  it("records sha256(migration.sql) per migration and leaves no connection or lock behind", async () => {
    expect(await applyMigrations(url)).toEqual(folders);
    const rows = await query<{ migration_name: string; checksum: string }>(url, "SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name");
    expect(rows).toEqual(folders.map((folder) => ({ migration_name: folder, checksum: fileChecksum(folder) })));
    const sessions = await query(url, "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
    expect(sessions).toEqual([]);
    // A second run finds nothing to do, at once: no wait on a lock left by the first.
    const started = Date.now();
    expect(await applyMigrations(url)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses a database where an applied migration was edited since", async () => {
    await setChecksum(createHash("sha256").update("an earlier text").digest("hex"));
    try {
      await expect(applyMigrations(url)).rejects.toThrow(new RegExp(`Migration ${INIT} was edited after it was applied.*must never be edited.*add a new migration`));
    } finally {
      await setChecksum(fileChecksum(INIT));
    }
  });

  it("accepts the init migration's checksum from before its one recorded edit", async () => {
    await setChecksum(INIT_AS_FIRST_COMMITTED);
    try {
      expect(await applyMigrations(url)).toEqual([]);
    } finally {
      await setChecksum(fileChecksum(INIT));
    }
  });

  it("refuses a database that has applied migrations the folder lacks", async () => {
    const future = "29991231000000_from_a_newer_version";
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomBytes(16).toString("hex"), "0".repeat(64), future],
    );
    try {
      await expect(applyMigrations(url)).rejects.toThrow(new RegExp(`does not contain: ${future}.*newer or different version`));
    } finally {
      await query(url, "DELETE FROM _prisma_migrations WHERE migration_name = $1", [future]);
    }
    expect(await applyMigrations(url)).toEqual([]);
  });
});
