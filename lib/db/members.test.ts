import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/policy";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { AppError } from "@/lib/errors";
import { actingAs, createWorkspacePair, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { getDb } from "./client";
import { changeMemberRole, ensureWorkspace, listAccounts, listMembers, removeMember, removeMemberAsAdmin, resetAccountPassword, setAccountDisabled, setMemberDisabled, upsertMember } from "./members";
import { getMembership } from "./workspaces";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

const unique = () => randomBytes(4).toString("hex");
const memberEvents = (workspaceId: string, userId: string) =>
  getDb().event.findMany({ where: { workspaceId, entityType: "member", entityId: userId }, orderBy: { id: "asc" } });

describe("ensureWorkspace", () => {
  it("creates a workspace with the default rating scale once, then returns the same one", async () => {
    const slug = `desk-${unique()}`;
    const first = await ensureWorkspace(slug, "City Desk");
    const second = await ensureWorkspace(slug, "A different name");

    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const rows = await getDb().workspace.findMany({ where: { slug } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "City Desk", minSourcesToPublish: 0, ratingScale: DEFAULT_RATING_SCALE });
  });
});

describe("upsertMember", () => {
  it("creates a new user and membership and records member.added", async () => {
    const email = `New.Person-${unique()}@Factdesk.test`;
    const { userId, createdUser } = await upsertMember({ workspaceId: ws.id, email: `  ${email} `, name: "New Person", role: "REVIEWER", passwordHash: "hash-1", actorId: ws.users.admin });

    expect(createdUser).toBe(true);
    expect(await getDb().user.findFirstOrThrow({ where: { id: userId } })).toMatchObject({ email: email.toLowerCase(), name: "New Person", passwordHash: "hash-1", disabledAt: null });
    expect(await getDb().membership.findMany({ where: { userId }, select: { workspaceId: true, role: true } })).toEqual([{ workspaceId: ws.id, role: "REVIEWER" }]);
    expect(await memberEvents(ws.id, userId)).toMatchObject([{ action: "member.added", actorId: ws.users.admin, before: null, after: { email: email.toLowerCase(), role: "REVIEWER" } }]);
  });

  it("updates an existing member's role in place and records member.updated", async () => {
    const email = `role-change-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Role Change", role: "VIEWER", passwordHash: "hash-1", actorId: null });
    const again = await upsertMember({ workspaceId: ws.id, email: email.toUpperCase(), name: "Ignored", role: "EDITOR", actorId: ws.users.admin });

    expect(again).toMatchObject({ userId, createdUser: false });
    expect(await getDb().membership.findMany({ where: { userId }, select: { role: true } })).toEqual([{ role: "EDITOR" }]);
    // Omitting the password keeps the old one.
    expect((await getDb().user.findFirstOrThrow({ where: { id: userId } })).passwordHash).toBe("hash-1");
    const events = await memberEvents(ws.id, userId);
    expect(events.map((e) => e.action)).toEqual(["member.added", "member.updated"]);
    expect(events[1]).toMatchObject({ actorId: ws.users.admin, before: { role: "VIEWER" }, after: { role: "EDITOR" } });
    expect((await getMembership(ws.slug, userId))?.role).toBe("EDITOR");
  });

  it("adds an existing user to a second workspace without touching the first", async () => {
    const email = `two-desks-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Two Desks", role: "ADMIN", passwordHash: "hash-1", actorId: null });
    const second = await upsertMember({ workspaceId: other.id, email, name: "Two Desks", role: "VIEWER", actorId: null });

    expect(second).toMatchObject({ userId, createdUser: false });
    expect((await getMembership(ws.slug, userId))?.role).toBe("ADMIN");
    expect((await getMembership(other.slug, userId))?.role).toBe("VIEWER");
    expect(await memberEvents(other.id, userId)).toMatchObject([{ action: "member.added" }]);
  });

  it("keeps a disabled account disabled (and says so), replacing its password when one is given", async () => {
    const email = `disabled-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Disabled", role: "VIEWER", passwordHash: "old", actorId: null });
    const disabledAt = new Date("2026-01-02T03:04:05Z");
    await getDb().user.update({ where: { id: userId }, data: { disabledAt } });
    const result = await upsertMember({ workspaceId: other.id, email, name: "Disabled", role: "VIEWER", passwordHash: "new", actorId: null });
    expect(result).toMatchObject({ accountDisabled: true, membershipDisabled: false });
    expect(await getDb().user.findFirstOrThrow({ where: { id: userId }, select: { disabledAt: true, passwordHash: true } })).toEqual({ disabledAt, passwordHash: "new" });
  });

  it("keeps a membership an admin disabled disabled", async () => {
    const email = `benched-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Benched", role: "VIEWER", passwordHash: "x", actorId: null });
    await getDb().membership.updateMany({ where: { workspaceId: ws.id, userId }, data: { disabledAt: new Date() } });
    const result = await upsertMember({ workspaceId: ws.id, email, name: "Benched", role: "EDITOR", actorId: null });
    expect(result).toMatchObject({ accountDisabled: false, membershipDisabled: true });
    expect(await getMembership(ws.slug, userId)).toBeNull();
  });

  it("refuses a new user without a password, writing nothing", async () => {
    const email = `no-password-${unique()}@factdesk.test`;
    const eventsBefore = await getDb().event.count({ where: { workspaceId: ws.id } });
    await expect(upsertMember({ workspaceId: ws.id, email, name: "No Password", role: "VIEWER", actorId: null })).rejects.toThrow(/needs a password/);
    expect(await getDb().user.count({ where: { email } })).toBe(0);
    expect(await getDb().event.count({ where: { workspaceId: ws.id } })).toBe(eventsBefore);
  });
});

describe("removeMember", () => {
  it("deletes the membership, records member.removed, and the user can no longer enter", async () => {
    const email = `leaver-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Leaver", role: "REVIEWER", passwordHash: "hash", actorId: null });
    await upsertMember({ workspaceId: other.id, email, name: "Leaver", role: "VIEWER", actorId: null });
    expect(await getMembership(ws.slug, userId)).not.toBeNull();

    await removeMember(ws.id, userId, ws.users.admin);

    expect(await getMembership(ws.slug, userId)).toBeNull();
    expect(await getDb().membership.count({ where: { workspaceId: ws.id, userId } })).toBe(0);
    const events = await memberEvents(ws.id, userId);
    expect(events.at(-1)).toMatchObject({ action: "member.removed", actorId: ws.users.admin, before: { role: "REVIEWER" } });
    // The account and its other memberships stay.
    expect(await getDb().user.count({ where: { id: userId } })).toBe(1);
    expect((await getMembership(other.slug, userId))?.role).toBe("VIEWER");
  });

  it("does nothing for someone who is not a member", async () => {
    const eventsBefore = await getDb().event.count({ where: { workspaceId: ws.id } });
    await removeMember(ws.id, other.users.editor, ws.users.admin);
    await removeMember(ws.id, "no-such-user", ws.users.admin);
    expect(await getDb().event.count({ where: { workspaceId: ws.id } })).toBe(eventsBefore);
    expect((await getMembership(other.slug, other.users.editor))?.role).toBe("EDITOR");
  });
});

// The admin screen's member changes.

const ADMIN = mayAs("ADMIN");
const FORBIDDEN_ROLES: Array<[Lowercase<Role>, Role]> = [["editor", "EDITOR"], ["reviewer", "REVIEWER"], ["viewer", "VIEWER"]];

async function desk() {
  const [fresh] = await createWorkspacePair();
  return fresh;
}

async function memberState(workspaceId: string) {
  const [memberships, events, users] = await Promise.all([
    getDb().membership.findMany({ where: { workspaceId }, orderBy: { userId: "asc" }, select: { userId: true, role: true, disabledAt: true } }),
    getDb().event.count({ where: { workspaceId } }),
    getDb().user.count(),
  ]);
  return { memberships, events, users };
}

async function expectRefused(workspaceId: string, run: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await memberState(workspaceId);
  const error = await run().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  expect(await memberState(workspaceId)).toEqual(before);
}

describe("listMembers", () => {
  it("lists everyone in the workspace with role, status and joining date, and no one else", async () => {
    const d = await desk();
    await getDb().membership.updateMany({ where: { workspaceId: d.id, userId: d.users.viewer }, data: { disabledAt: new Date() } });
    const rows = await listMembers(d.id);
    expect(rows.map((r) => r.userId).sort()).toEqual(Object.values(d.users).sort());
    expect(rows.find((r) => r.userId === d.users.viewer)).toMatchObject({ role: "VIEWER", disabled: true, accountDisabled: false, email: expect.stringContaining("viewer-") });
    expect(rows.find((r) => r.userId === d.users.admin)).toMatchObject({ role: "ADMIN", disabled: false, joinedAt: expect.any(Date) });
  });
});

describe("changeMemberRole", () => {
  it("changes the role and records member.updated with before and after", async () => {
    const d = await desk();
    await changeMemberRole(actingAs(d, "admin"), ADMIN, { userId: d.users.reviewer, role: "EDITOR" });
    expect((await getMembership(d.slug, d.users.reviewer))?.role).toBe("EDITOR");
    expect((await memberEvents(d.id, d.users.reviewer)).at(-1)).toMatchObject({ action: "member.updated", actorId: d.users.admin, origin: "WEB", before: { role: "REVIEWER" }, after: { role: "EDITOR" } });
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, changing nothing", async (who, role) => {
    const d = await desk();
    await expectRefused(d.id, () => changeMemberRole(actingAs(d, who), mayAs(role), { userId: d.users[who], role: "ADMIN" }), "FORBIDDEN");
  });

  it("refuses another workspace's admin, who cannot reach this workspace's members", async () => {
    const d = await desk();
    await expectRefused(d.id, () => changeMemberRole(actingAs(other, "admin"), ADMIN, { userId: d.users.reviewer, role: "VIEWER" }), "NOT_FOUND");
    await expectRefused(other.id, () => changeMemberRole(actingAs(other, "admin"), ADMIN, { userId: d.users.reviewer, role: "VIEWER" }), "NOT_FOUND");
  });

  it("refuses to demote the last active admin, themselves or by another", async () => {
    const d = await desk();
    await expectRefused(d.id, () => changeMemberRole(actingAs(d, "admin"), ADMIN, { userId: d.users.admin, role: "EDITOR" }), "CONFLICT", /You are the last active admin/);
    // A disabled second admin does not count.
    await changeMemberRole(actingAs(d, "admin"), ADMIN, { userId: d.users.editor, role: "ADMIN" });
    await setMemberDisabled(actingAs(d, "admin"), ADMIN, { userId: d.users.editor, disabled: true });
    await expectRefused(d.id, () => changeMemberRole(actingAs(d, "admin"), ADMIN, { userId: d.users.admin, role: "VIEWER" }), "CONFLICT");
  });

  it("two admins demoting each other at the same moment leave exactly one admin", async () => {
    const d = await desk();
    await changeMemberRole(actingAs(d, "admin"), ADMIN, { userId: d.users.editor, role: "ADMIN" });
    const results = await Promise.allSettled([
      changeMemberRole(actingAs(d, "admin"), ADMIN, { userId: d.users.editor, role: "EDITOR" }),
      changeMemberRole(actingAs(d, "editor"), ADMIN, { userId: d.users.admin, role: "EDITOR" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await getDb().membership.count({ where: { workspaceId: d.id, role: "ADMIN" } })).toBe(1);
  });
});

describe("setMemberDisabled", () => {
  it("disables a member, who loses access at once, and re-enables them, each with its event", async () => {
    const d = await desk();
    await setMemberDisabled(actingAs(d, "admin"), ADMIN, { userId: d.users.reviewer, disabled: true });
    expect(await getMembership(d.slug, d.users.reviewer)).toBeNull();
    expect((await memberEvents(d.id, d.users.reviewer)).at(-1)).toMatchObject({ action: "member.disabled", before: { status: "active" }, after: { status: "disabled" } });
    await setMemberDisabled(actingAs(d, "admin"), ADMIN, { userId: d.users.reviewer, disabled: false });
    expect((await getMembership(d.slug, d.users.reviewer))?.role).toBe("REVIEWER");
    expect((await memberEvents(d.id, d.users.reviewer)).at(-1)).toMatchObject({ action: "member.enabled" });
  });

  it("refuses to disable the last active admin", async () => {
    const d = await desk();
    await expectRefused(d.id, () => setMemberDisabled(actingAs(d, "admin"), ADMIN, { userId: d.users.admin, disabled: true }), "CONFLICT", /last active admin/);
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, changing nothing", async (who, role) => {
    const d = await desk();
    await expectRefused(d.id, () => setMemberDisabled(actingAs(d, who), mayAs(role), { userId: d.users.admin, disabled: true }), "FORBIDDEN");
  });

  it("refuses another workspace's admin", async () => {
    const d = await desk();
    await expectRefused(d.id, () => setMemberDisabled(actingAs(other, "admin"), ADMIN, { userId: d.users.reviewer, disabled: true }), "NOT_FOUND");
  });
});

describe("removeMemberAsAdmin", () => {
  it("removes the membership, keeps the account, and records member.removed", async () => {
    const d = await desk();
    await removeMemberAsAdmin(actingAs(d, "admin"), ADMIN, { userId: d.users.viewer });
    expect(await getDb().membership.count({ where: { workspaceId: d.id, userId: d.users.viewer } })).toBe(0);
    expect(await getDb().user.count({ where: { id: d.users.viewer } })).toBe(1);
    expect((await memberEvents(d.id, d.users.viewer)).at(-1)).toMatchObject({ action: "member.removed", before: { role: "VIEWER" } });
  });

  it("refuses to remove the last active admin, by themselves or through the command line", async () => {
    const d = await desk();
    await expectRefused(d.id, () => removeMemberAsAdmin(actingAs(d, "admin"), ADMIN, { userId: d.users.admin }), "CONFLICT", /You are the last active admin/);
    await expectRefused(d.id, () => removeMember(d.id, d.users.admin, null), "CONFLICT");
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, changing nothing", async (who, role) => {
    const d = await desk();
    await expectRefused(d.id, () => removeMemberAsAdmin(actingAs(d, who), mayAs(role), { userId: d.users.viewer }), "FORBIDDEN");
  });

  it("refuses another workspace's admin and an unknown person", async () => {
    const d = await desk();
    await expectRefused(d.id, () => removeMemberAsAdmin(actingAs(other, "admin"), ADMIN, { userId: d.users.viewer }), "NOT_FOUND");
    await expectRefused(d.id, () => removeMemberAsAdmin(actingAs(d, "admin"), ADMIN, { userId: "no-such-user" }), "NOT_FOUND");
  });
});

describe("accounts (the command line)", () => {
  it("lists accounts with their memberships, for all workspaces or one", async () => {
    const d = await desk();
    const rows = await listAccounts(d.slug);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.memberships.length === 1 && r.memberships[0]?.slug === d.slug)).toBe(true);
    expect((await listAccounts()).length).toBeGreaterThan(4);
  });

  it("disables an account everywhere and re-enables it only when asked, recording it in each workspace", async () => {
    const email = `account-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Account", role: "REVIEWER", passwordHash: "x", actorId: null });
    await upsertMember({ workspaceId: other.id, email, name: "Account", role: "VIEWER", actorId: null });

    expect(await setAccountDisabled(email.toUpperCase(), true)).toEqual({ changed: true });
    expect(await setAccountDisabled(email, true)).toEqual({ changed: false });
    expect((await getDb().user.findFirstOrThrow({ where: { id: userId } })).disabledAt).toBeInstanceOf(Date);
    for (const workspaceId of [ws.id, other.id]) {
      expect(await getDb().event.findFirst({ where: { workspaceId, entityId: userId, action: "member.disabled" } })).toMatchObject({ origin: "SYSTEM", actorId: null, after: { account: "disabled" } });
    }
    // Adding the account to a workspace does not bring it back.
    await upsertMember({ workspaceId: ws.id, email, name: "Account", role: "EDITOR", actorId: null });
    expect((await getDb().user.findFirstOrThrow({ where: { id: userId } })).disabledAt).not.toBeNull();

    expect(await setAccountDisabled(email, false)).toEqual({ changed: true });
    expect((await getDb().user.findFirstOrThrow({ where: { id: userId } })).disabledAt).toBeNull();
    expect(await getDb().event.count({ where: { entityId: userId, action: "member.enabled" } })).toBe(2);
    expect(await setAccountDisabled("nobody@factdesk.test", true)).toBeNull();
  });

  it("resets a password and records it in each of the person's workspaces", async () => {
    const email = `forgetful-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Forgetful", role: "REVIEWER", passwordHash: "old", actorId: null });
    expect(await resetAccountPassword(email, "new-hash")).toBe(true);
    expect((await getDb().user.findFirstOrThrow({ where: { id: userId } })).passwordHash).toBe("new-hash");
    expect(await getDb().event.findFirst({ where: { workspaceId: ws.id, entityId: userId, action: "user.password_reset" } })).toMatchObject({ origin: "SYSTEM", before: null, after: null });
    expect(await resetAccountPassword("nobody@factdesk.test", "x")).toBe(false);
  });
});
