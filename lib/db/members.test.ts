import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { getDb } from "./client";
import { ensureWorkspace, removeMember, upsertMember } from "./members";
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

    expect(again).toEqual({ userId, createdUser: false });
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

    expect(second).toEqual({ userId, createdUser: false });
    expect((await getMembership(ws.slug, userId))?.role).toBe("ADMIN");
    expect((await getMembership(other.slug, userId))?.role).toBe("VIEWER");
    expect(await memberEvents(other.id, userId)).toMatchObject([{ action: "member.added" }]);
  });

  it("re-enables a disabled account and replaces its password when one is given", async () => {
    const email = `disabled-${unique()}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: ws.id, email, name: "Disabled", role: "VIEWER", passwordHash: "old", actorId: null });
    await getDb().user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    await upsertMember({ workspaceId: ws.id, email, name: "Disabled", role: "VIEWER", passwordHash: "new", actorId: null });
    expect(await getDb().user.findFirstOrThrow({ where: { id: userId }, select: { disabledAt: true, passwordHash: true } })).toEqual({ disabledAt: null, passwordHash: "new" });
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
