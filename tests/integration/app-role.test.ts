import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";

// The application connects as a least-privileged role (scripts/lib/database.ts ensureAppRole):
// `npm test` runs every test and app server as that role, as `npm start` does. It reads and writes
// rows, and can change nothing in the schema.

const appUrl = () => process.env.DATABASE_URL ?? "";
const ownerUrl = () => process.env.FACTDESK_TEST_OWNER_URL ?? "";

async function withClient<T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const tables = (client: pg.Client) => client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`).then((r) => r.rows[0]?.n);

// Skipped only when npm test ran on a server whose user may not create roles (it says so).
describe.skipIf(appUrl() === ownerUrl())("the application's database role", () => {
  it("is a separate role from the owner, and neither superuser nor able to create databases or roles", async () => {
    expect(ownerUrl(), "npm test gives the owner's URL").not.toBe("");
    await withClient(appUrl(), async (client) => {
      const { rows } = await client.query<{ rolname: string; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; owns: number }>(
        `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole,
           (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owns
         FROM pg_roles r WHERE rolname = current_user`,
      );
      expect(rows[0]).toMatchObject({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, owns: 0 });
      expect(rows[0]?.rolname).not.toBe(new URL(ownerUrl()).username);
    });
  });

  it("cannot create, alter, drop or truncate tables, nor touch the migration history", async () => {
    await withClient(appUrl(), async (client) => {
      const before = await tables(client);
      const refused = /permission denied|must be owner/;
      await expect(client.query(`CREATE TABLE "Probe_${randomBytes(3).toString("hex")}" (id int)`)).rejects.toThrow(refused);
      await expect(client.query(`DROP TABLE "Comment"`)).rejects.toThrow(refused);
      await expect(client.query(`ALTER TABLE "Comment" ADD COLUMN "probe" int`)).rejects.toThrow(refused);
      await expect(client.query(`TRUNCATE "Comment"`)).rejects.toThrow(refused);
      await expect(client.query(`CREATE INDEX "probe_idx" ON "Comment" ("id")`)).rejects.toThrow(refused);
      await expect(client.query(`CREATE DATABASE "probe_${randomBytes(3).toString("hex")}"`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`SELECT count(*) FROM "_prisma_migrations"`)).rejects.toThrow(refused);
      await expect(client.query(`DELETE FROM "_prisma_migrations"`)).rejects.toThrow(refused);
      expect(await tables(client)).toBe(before);
      // What it is for: rows.
      await client.query("BEGIN");
      await client.query(`SELECT count(*) FROM "Comment"`);
      await client.query(`UPDATE "Workspace" SET "name" = "name" WHERE false`);
      await client.query("ROLLBACK");
    });
  });

  it("gets the same rights on tables a later migration creates (default privileges)", async () => {
    const table = `probe_${randomBytes(3).toString("hex")}`;
    await withClient(ownerUrl(), (client) => client.query(`CREATE TABLE "${table}" (id bigserial PRIMARY KEY, note text)`));
    try {
      await withClient(appUrl(), async (client) => {
        await client.query(`INSERT INTO "${table}" (note) VALUES ('written by the app')`);
        const { rows } = await client.query<{ note: string }>(`SELECT note FROM "${table}"`);
        expect(rows).toEqual([{ note: "written by the app" }]);
        await client.query(`DELETE FROM "${table}"`);
        await expect(client.query(`DROP TABLE "${table}"`)).rejects.toThrow(/must be owner/);
      });
    } finally {
      await withClient(ownerUrl(), (client) => client.query(`DROP TABLE "${table}"`));
    }
  });
});
