import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestArticle, createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";
import { getDb } from "@/lib/db/client";

// The audit trail is append-only in the database itself, whoever connects: the application's
// connection, a superuser, and a role that was granted UPDATE and DELETE on the table.

// The owner's connection (npm test gives the app a restricted role): a superuser that may create roles.
const url = () => process.env.FACTDESK_TEST_OWNER_URL || process.env.DATABASE_URL || "";
let ws: TestWorkspace;
let eventId: bigint;

async function withClient<T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const APPEND_ONLY = /append-only/;

beforeAll(async () => {
  ws = await createTestWorkspace();
  await createTestArticle(ws.id, ws.users.editor);
  const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id }, orderBy: { id: "desc" }, select: { id: true } });
  eventId = event.id;
});

const intact = async () => getDb().event.findFirstOrThrow({ where: { id: eventId }, select: { action: true, actorId: true, after: true } });

describe("the audit trail", () => {
  it("refuses UPDATE and DELETE through the application's own connection", async () => {
    const before = await intact();
    await expect(getDb().$executeRaw`UPDATE "Event" SET "action" = 'rewritten' WHERE "id" = ${eventId}`).rejects.toThrow(APPEND_ONLY);
    await expect(getDb().$executeRaw`DELETE FROM "Event" WHERE "id" = ${eventId}`).rejects.toThrow(APPEND_ONLY);
    await expect(getDb().event.deleteMany({ where: { workspaceId: ws.id } })).rejects.toThrow(APPEND_ONLY);
    expect(await intact()).toEqual(before);
  });

  it("refuses UPDATE, DELETE and TRUNCATE for a superuser too", async () => {
    const before = await intact();
    await withClient(url(), async (client) => {
      const { rows } = await client.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
      expect(rows[0]?.rolsuper).toBe(true);
      await expect(client.query(`UPDATE "Event" SET "after" = '{}' WHERE "id" = $1`, [eventId.toString()])).rejects.toThrow(APPEND_ONLY);
      await expect(client.query(`DELETE FROM "Event" WHERE "id" = $1`, [eventId.toString()])).rejects.toThrow(APPEND_ONLY);
      await expect(client.query(`TRUNCATE "Event" CASCADE`)).rejects.toThrow(APPEND_ONLY);
    });
    expect(await intact()).toEqual(before);
  });

  describe("for a role granted every privilege on the table", () => {
    const role = `factdesk_probe_${randomBytes(3).toString("hex")}`;
    const password = randomBytes(12).toString("hex");
    beforeAll(async () => {
      await withClient(url(), async (client) => {
        await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
        await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
        await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "Event" TO ${role}`);
      });
    });
    afterAll(async () => {
      await withClient(url(), async (client) => {
        await client.query(`REVOKE ALL ON "Event" FROM ${role}`);
        await client.query(`REVOKE USAGE ON SCHEMA public FROM ${role}`);
        await client.query(`DROP ROLE ${role}`);
      });
    });

    it("still cannot rewrite or erase history", async () => {
      const before = await intact();
      const asRole = new URL(url());
      asRole.username = role;
      asRole.password = password;
      await withClient(asRole.toString(), async (client) => {
        await expect(client.query(`UPDATE "Event" SET "action" = 'x' WHERE "id" = $1`, [eventId.toString()])).rejects.toThrow(APPEND_ONLY);
        await expect(client.query(`DELETE FROM "Event" WHERE "id" = $1`, [eventId.toString()])).rejects.toThrow(APPEND_ONLY);
      });
      expect(await intact()).toEqual(before);
    });
  });

  it("keeps its actor: a person with history cannot be deleted, only disabled", async () => {
    await expect(getDb().user.delete({ where: { id: ws.users.editor } })).rejects.toThrow();
    expect(await getDb().user.count({ where: { id: ws.users.editor } })).toBe(1);
    expect((await intact()).actorId).toBe(ws.users.editor);
  });

  it("keeps its workspace: a workspace with events cannot be deleted", async () => {
    await expect(getDb().workspace.delete({ where: { id: ws.id } })).rejects.toThrow();
    expect(await getDb().workspace.count({ where: { id: ws.id } })).toBe(1);
  });
});
