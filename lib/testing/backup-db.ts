import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ensureDatabase } from "@/scripts/lib/database";
import { applyMigrations } from "@/scripts/lib/schema-engine";

// A second, freshly migrated database on the test database's server: "another server" for a
// backup to be restored on with every id kept.

function serverUrl(): { server: string; url: (name: string) => string } {
  // The owner's connection: the app's own role may not create databases.
  const base = new URL(process.env.FACTDESK_TEST_OWNER_URL || process.env.DATABASE_URL || "");
  const url = (name: string) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return { server: url("postgres"), url };
}

export async function createRestoreDatabase(): Promise<{ url: string; db: PrismaClient; drop: () => Promise<void> }> {
  const { server, url } = serverUrl();
  const name = `factdesk_restore_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(server, name);
  await applyMigrations(url(name));
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url(name), max: 4 }) });
  return {
    url: url(name),
    db,
    drop: async () => {
      await db.$disconnect();
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const TABLES = ["Membership", "Article", "ArticleRevision", "Claim", "Source", "Review", "Decision", "Comment", "Invitation", "Notification", "Event", "Webhook"] as const;

/** Every row a workspace holds, table by table, as PostgreSQL prints it (ids and timestamps to the microsecond). */
export async function dumpWorkspace(db: PrismaClient, workspaceId: string): Promise<Record<string, Array<Record<string, unknown>>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const table of TABLES) {
    const rows = await db.$queryRawUnsafe<Array<{ r: Record<string, unknown> }>>(`SELECT to_jsonb(t) AS r FROM "${table}" t WHERE t."workspaceId" = $1 ORDER BY t."id"`, workspaceId);
    out[table] = rows.map((row) => row.r);
  }
  out.ClaimAssignee = (
    await db.$queryRawUnsafe<Array<{ r: Record<string, unknown> }>>(
      `SELECT to_jsonb(a) AS r FROM "ClaimAssignee" a JOIN "Claim" c ON c."id" = a."claimId" WHERE c."workspaceId" = $1 ORDER BY a."claimId", a."userId"`,
      workspaceId,
    )
  ).map((row) => row.r);
  out.Workspace = (await db.$queryRawUnsafe<Array<{ r: Record<string, unknown> }>>(`SELECT to_jsonb(w) AS r FROM "Workspace" w WHERE w."id" = $1`, workspaceId)).map((row) => row.r);
  out.User = (
    await db.$queryRawUnsafe<Array<{ r: Record<string, unknown> }>>(
      `SELECT jsonb_build_object('id', u."id", 'email', u."email", 'name', u."name", 'createdAt', u."createdAt", 'updatedAt', u."updatedAt") AS r FROM "User" u
       WHERE u."id" IN (SELECT "userId" FROM "Membership" WHERE "workspaceId" = $1 UNION SELECT "actorId" FROM "Event" WHERE "workspaceId" = $1 UNION SELECT "addedById" FROM "Source" WHERE "workspaceId" = $1)
       ORDER BY u."id"`,
      workspaceId,
    )
  ).map((row) => row.r);
  return out;
}
