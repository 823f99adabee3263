import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { exportWorkspace } from "@/lib/db/backup-export";
import { getDb } from "@/lib/db/client";
import { tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { withFreshIds } from "@/lib/testing/backup-copy";
import { seedBackupWorkspace } from "@/lib/testing/backup-seed";
import { createTestWorkspace, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// The backup download and the restore action, called as a request would call them, by everyone
// who may not: refused, and nothing written (not even an audit line).

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const { importBackupAction } = await import("@/app/w/[workspace]/settings/backup/actions");
const { GET } = await import("@/app/w/[workspace]/settings/backup/export/route");

let ws: TestWorkspace;
let other: TestWorkspace;
let file: File;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  // A good backup whose records are not on this server yet (as if from another one), so only
  // the guards can stop it here.
  const donor = await createTestWorkspace();
  await seedBackupWorkspace(donor, { articles: 1, claimsPerArticle: 2 });
  file = new File([JSON.stringify(withFreshIds(await exportWorkspace(donor.id), "copy-"))], "backup.json", { type: "application/json" });
});
beforeEach(() => {
  session.userId = null;
});

async function createDonor() {
  const donor = await createTestWorkspace();
  await seedBackupWorkspace(donor, { articles: 1, claimsPerArticle: 1 });
  return donor;
}

async function state(workspaceId: string) {
  return { workspace: await workspaceFingerprint(workspaceId), users: await getDb().user.count(), events: await getDb().event.count() };
}

async function restoreAs(userId: string | null, slug = ws.slug): Promise<ActionResult> {
  session.userId = userId;
  const data = new FormData();
  data.set("file", file);
  return importBackupAction(slug, null, data);
}

async function download(userId: string | null, slug = ws.slug, headers: Record<string, string> = {}) {
  session.userId = userId;
  return GET(new Request(`http://localhost/w/${slug}/settings/backup/export`, { headers }), { params: Promise.resolve({ workspace: slug }) });
}

const principals = [
  ["an editor", () => ws.users.editor, "FORBIDDEN", 403],
  ["a reviewer", () => ws.users.reviewer, "FORBIDDEN", 403],
  ["a viewer", () => ws.users.viewer, "FORBIDDEN", 403],
  ["another workspace's admin", () => other.users.admin, "NOT_FOUND", 404],
  ["someone signed out", () => null, "UNAUTHENTICATED", 401],
] as const;

describe("restoring a backup: admins of the workspace only", () => {
  for (const [who, user, code] of principals) {
    it(`refuses ${who}, changing nothing`, async () => {
      const before = await state(ws.id);
      const result = await restoreAs(user());
      expect(result).toMatchObject({ ok: false, code });
      expect(await state(ws.id)).toEqual(before);
    });
  }

  it("refuses a missing or oversized file with a message beside the field", async () => {
    session.userId = ws.users.admin;
    const before = await state(ws.id);
    const empty = new FormData();
    expect(await importBackupAction(ws.slug, null, empty)).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { file: ["Choose a backup file."] } });
    process.env.FACTDESK_BACKUP_UPLOAD_MB = "0.001";
    try {
      const result = await restoreAs(ws.users.admin);
      expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      expect(result.ok ? [] : result.fieldErrors.file).toEqual([expect.stringMatching(/larger than the 0 MB limit/)]);
    } finally {
      delete process.env.FACTDESK_BACKUP_UPLOAD_MB;
    }
    expect(await state(ws.id)).toEqual(before);
  });

  it("refuses a file that would make someone with an account here, outside this workspace, a member and an author", async () => {
    const target = await createTestWorkspace();
    const victim = await getDb().user.findUniqueOrThrow({ where: { id: other.users.editor }, select: { id: true, email: true } });
    const forged = withFreshIds(await exportWorkspace((await createDonor()).id), "forged-");
    // The file names the other desk's editor (by email) as a member and the author of its reviews.
    const someone = forged.users[0]!;
    forged.users[0] = { ...someone, email: victim.email };
    const data = new FormData();
    data.set("file", new File([JSON.stringify(forged)], "forged.json", { type: "application/json" }));
    session.userId = target.users.admin;
    const before = { ...(await state(target.id)), victimMemberships: await getDb().membership.count({ where: { userId: victim.id } }) };
    const result = await importBackupAction(target.slug, null, data);
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringContaining(victim.email) });
    expect({ ...(await state(target.id)), victimMemberships: await getDb().membership.count({ where: { userId: victim.id } }) }).toEqual(before);
  });

  it("lets the admin restore into the empty workspace, and then refuses a second restore", async () => {
    const target = await createTestWorkspace();
    const result = await restoreAs(target.users.admin, target.slug).catch((e: { to?: string }) => e);
    expect(result).toMatchObject({ to: `/w/${target.slug}/settings/backup?restored=1` });
    expect(await getDb().claim.count({ where: { workspaceId: target.id } })).toBe(2);
    expect(await getDb().event.findFirst({ where: { workspaceId: target.id, action: "workspace.imported" } })).toMatchObject({ actorId: target.users.admin, origin: "WEB" });
    const before = await state(target.id);
    const again = await restoreAs(target.users.admin, target.slug);
    expect(again).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/empty workspace only/) });
    expect(await state(target.id)).toEqual(before);
  });
});

describe("downloading a backup: admins of the workspace only", () => {
  for (const [who, user, code, status] of principals) {
    it(`refuses ${who}, changing nothing`, async () => {
      const before = await state(ws.id);
      const response = await download(user());
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
      expect(await state(ws.id)).toEqual(before);
    });
  }

  it("refuses the admin's read-only API token", async () => {
    const token = await tokenFor(ws.users.admin, "READ");
    const before = await state(ws.id);
    const response = await download(null, ws.slug, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
    expect(await state(ws.id)).toEqual(before);
  });

  it("gives the admin a dated file, plain or gzipped, and records the download", async () => {
    const response = await download(ws.users.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="factdesk-${ws.slug}-\\d{4}-\\d{2}-\\d{2}\\.json"`));
    expect(await response.json()).toMatchObject({ format: "factdesk-backup", version: 1, workspace: { id: ws.id } });
    expect(await getDb().event.findFirst({ where: { workspaceId: ws.id, action: "workspace.exported" }, orderBy: { id: "desc" } })).toMatchObject({ actorId: ws.users.admin });
    session.userId = ws.users.admin;
    const gz = await GET(new Request(`http://localhost/w/${ws.slug}/settings/backup/export?gzip=1`), { params: Promise.resolve({ workspace: ws.slug }) });
    expect(gz.headers.get("content-type")).toBe("application/gzip");
    expect([...new Uint8Array(await gz.arrayBuffer()).slice(0, 2)]).toEqual([0x1f, 0x8b]);
  });
});
