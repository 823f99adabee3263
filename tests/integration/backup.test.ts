import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportWorkspace } from "@/lib/db/backup-export";
import { importWorkspace, readBackupFile } from "@/lib/db/backup-import";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { workspaceFingerprint } from "@/lib/testing/api";
import { createRestoreDatabase, dumpWorkspace } from "@/lib/testing/backup-db";
import { seedBackupWorkspace } from "@/lib/testing/backup-seed";
import { createTestArticle, createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";
import type { Backup } from "@/lib/validation/backup";

// A backup restored on another server is the same workspace, row for row, ids and timestamps
// included; a file that is wrong in any way, or a target that is not empty, writes nothing.

const MB = 1024 * 1024;
let source: TestWorkspace;
let backup: Backup;
let restore: Awaited<ReturnType<typeof createRestoreDatabase>>;

beforeAll(async () => {
  source = await createTestWorkspace();
  await seedBackupWorkspace(source);
  backup = await exportWorkspace(source.id);
  restore = await createRestoreDatabase();
});
afterAll(async () => {
  await restore?.drop();
});

const bytesOf = (value: unknown) => Buffer.from(JSON.stringify(value));
const clone = (): Backup => structuredClone(backup);

describe("the backup file", () => {
  it("holds every kind of row and no secret", () => {
    for (const table of ["users", "memberships", "articles", "claims", "claimAssignees", "sources", "reviews", "decisions", "comments", "invitations", "notifications", "events", "webhooks"] as const) {
      expect(backup[table].length, table).toBeGreaterThan(0);
    }
    expect(backup).toMatchObject({ format: "factdesk-backup", version: 1 });
    expect(backup.decisions.some((d) => d.reusedFromDecisionId)).toBe(true);
    expect(backup.workspace).toMatchObject({ highlightThreshold: 0.65, organizationName: "Cárdenas Fact Desk", fourEyes: false });
    expect(backup.workspace.ratingScale.at(-1)).toEqual({ key: "pants-on-fire", label: "Pants on fire", retired: true });
    const text = JSON.stringify(backup);
    for (const secret of ["passwordHash", "tokenHash", "secret", "not-a-real-hash", "secret-hash-never-exported", "whsec-", "hash-"]) expect(text).not.toContain(secret);
  });
});

describe("round trip onto another server", () => {
  it("restores the workspace identically: every table, row for row, ids and timestamps included", async () => {
    const file = gzipSync(bytesOf(backup));
    const result = await importWorkspace(readBackupFile(file, 20 * MB), { slug: source.slug, createIfMissing: true }, null, restore.db);
    expect(result).toMatchObject({ workspaceId: source.id, createdWorkspace: true, renumberedEvents: false });
    expect(result.createdUsers).toHaveLength(backup.users.length);

    const before = await dumpWorkspace(getDb(), source.id);
    const after = await dumpWorkspace(restore.db, source.id);
    // What differs, by design: secrets (never in the file) and the import's own audit line.
    const withoutSecrets = (rows: Array<Record<string, unknown>>, ...keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
    const imported = after.Event!.filter((e) => e.action === "workspace.imported");
    expect(imported).toHaveLength(1);
    after.Event = after.Event!.filter((e) => e.action !== "workspace.imported");
    for (const table of Object.keys(before)) {
      const strip = table === "Invitation" ? ["tokenHash"] : table === "Webhook" ? ["secret", "disabledAt"] : [];
      expect(withoutSecrets(after[table]!, ...strip), table).toEqual(withoutSecrets(before[table]!, ...strip));
      expect(before[table]!.length, table).toBeGreaterThan(0);
    }
    // People without an account there cannot sign in until an operator lets them.
    const users = await restore.db.user.findMany({ where: { id: { in: backup.users.map((u) => u.id) } } });
    expect(users.every((u) => u.passwordHash === "!" && u.disabledAt !== null)).toBe(true);
    const webhook = await restore.db.webhook.findFirstOrThrow({ where: { workspaceId: source.id } });
    expect(webhook.secret).not.toBe(backup.webhooks[0]!.id);
    expect(webhook.disabledAt).not.toBeNull();
    // New events there come after the restored trail.
    const maxEvent = backup.events.reduce((m, e) => (BigInt(e.id) > m ? BigInt(e.id) : m), BigInt(0));
    expect(imported[0]!.id as number).toBeGreaterThan(Number(maxEvent));
  });

  it("exports the restored copy to the same file, but for the import's own audit line", async () => {
    const again = await exportWorkspace(source.id, restore.db);
    const strip = (b: Backup) => ({ ...b, exportedAt: "", events: b.events.filter((e) => e.action !== "workspace.imported"), users: b.users.map((u) => ({ ...u, disabledAt: null })), webhooks: b.webhooks.map((h) => ({ ...h, disabledAt: null })) });
    expect(strip(again)).toEqual(strip(backup));
  });
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("refusals write nothing", () => {
  let target: TestWorkspace;
  beforeAll(async () => {
    target = await createTestWorkspace();
  });

  async function expectUnchanged(work: () => Promise<unknown>, message: RegExp) {
    const before = { target: await workspaceFingerprint(target.id), workspaces: await getDb().workspace.count(), users: await getDb().user.count(), events: await getDb().event.count() };
    const error = await refusal(work());
    expect(error.message).toMatch(message);
    expect({ target: await workspaceFingerprint(target.id), workspaces: await getDb().workspace.count(), users: await getDb().user.count(), events: await getDb().event.count() }).toEqual(before);
  }
  const importInto = (file: Uint8Array, maxBytes = 20 * MB) => async () => importWorkspace(readBackupFile(file, maxBytes), { workspaceId: target.id }, { userId: target.users.admin, origin: "WEB" });

  it("an unknown version", async () => {
    await expectUnchanged(importInto(bytesOf({ ...clone(), version: 2 })), /version 2; this Factdesk reads version 1 only/);
  });
  it("another kind of file, or not JSON", async () => {
    await expectUnchanged(importInto(bytesOf({ hello: "world" })), /not a Factdesk backup/);
    await expectUnchanged(importInto(Buffer.from("{ nope")), /not valid JSON/);
    await expectUnchanged(importInto(Buffer.from([0x1f, 0x8b, 1, 2, 3])), /gzipped but damaged/);
  });
  it("a wrong shape", async () => {
    const bad = clone() as unknown as { claims: Array<Record<string, unknown>> };
    bad.claims[0]!.start = "zero";
    await expectUnchanged(importInto(bytesOf(bad)), /malformed at claims\.0\.start/);
    const extra = { ...clone(), passwords: [] };
    await expectUnchanged(importInto(bytesOf(extra)), /malformed/);
  });
  it("references that do not resolve inside the file", async () => {
    const orphan = clone();
    orphan.claims[0]!.articleId = "no-such-article";
    await expectUnchanged(importInto(bytesOf(orphan)), /claim article no-such-article .* is not in the file/);
    const review = clone();
    review.reviews[0]!.claimId = "gone";
    await expectUnchanged(importInto(bytesOf(review)), /review claim gone/);
    const rating = clone();
    rating.decisions[0]!.rating = "sort-of";
    await expectUnchanged(importInto(bytesOf(rating)), /decision rating sort-of/);
    const reused = clone();
    reused.decisions[0]!.reusedFromDecisionId = "gone-decision";
    await expectUnchanged(importInto(bytesOf(reused)), /decision reused from gone-decision/);
    const actor = clone();
    actor.events[0]!.actorId = "nobody";
    await expectUnchanged(importInto(bytesOf(actor)), /event actor nobody/);
  });
  it("an oversized file, plain or gzipped", async () => {
    await expectUnchanged(importInto(bytesOf(backup), 1_000), /larger than the 0 MB limit/);
    const padded = gzipSync(Buffer.from(JSON.stringify(backup) + " ".repeat(3 * MB)));
    await expectUnchanged(importInto(padded, 2 * MB), /unzipped backup is larger than the 2 MB limit/);
  });
  it("records that already exist on this server (the original workspace is here)", async () => {
    await expectUnchanged(importInto(bytesOf(backup)), new RegExp(`already exist on this server \\(in workspace "${source.slug}"\\)`));
  });
  it("a target that is not empty", async () => {
    const busy = await createTestWorkspace();
    await createTestArticle(busy.id, busy.users.editor);
    const before = await workspaceFingerprint(busy.id);
    const error = await refusal(importWorkspace(readBackupFile(bytesOf(backup), 20 * MB), { workspaceId: busy.id }, { userId: busy.users.admin, origin: "WEB" }));
    expect(error.message).toMatch(/restored into an empty workspace only; ".*" already has 1 article/);
    expect(await workspaceFingerprint(busy.id)).toEqual(before);
  });
});

describe("into an existing empty workspace (the settings page)", () => {
  it("restores the rows into it, keeps its admin an admin, and renumbers a trail whose ids are taken", async () => {
    const fresh = await createRestoreDatabase();
    try {
      // A workspace someone made on the new server: its own events took the low ids.
      const ws = await fresh.db.workspace.create({ data: { slug: "restored", name: "Restored", ratingScale: [] } });
      const admin = await fresh.db.user.create({ data: { email: "boss@example.org", name: "Boss", passwordHash: "x" } });
      await fresh.db.membership.create({ data: { workspaceId: ws.id, userId: admin.id, role: "ADMIN" } });
      const takenIds = backup.events.slice(0, 3).map((e) => BigInt(e.id));
      for (const id of takenIds) await fresh.db.event.create({ data: { id, workspaceId: ws.id, action: "member.added", entityType: "member", entityId: admin.id } });

      const result = await importWorkspace(backup, { workspaceId: ws.id }, { userId: admin.id, origin: "WEB" }, fresh.db);
      expect(result.renumberedEvents).toBe(true);
      const claims = await fresh.db.claim.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
      expect(claims.map((c) => [c.id, c.createdAt.toISOString()])).toEqual(backup.claims.map((c) => [c.id, c.createdAt]));
      // Each claim's revision still names its last event, renumbered.
      for (const claim of claims) {
        const last = await fresh.db.event.findFirst({ where: { workspaceId: ws.id, claimId: claim.id }, orderBy: { id: "desc" } });
        expect(claim.rev).toBe(last?.id ?? BigInt(0));
      }
      expect(await fresh.db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: ws.id, userId: admin.id } } })).toMatchObject({ role: "ADMIN", disabledAt: null });
      expect(await fresh.db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ slug: "restored", name: "Restored", highlightThreshold: 0.65, organizationName: "Cárdenas Fact Desk" });
    } finally {
      await fresh.drop();
    }
  });
});
