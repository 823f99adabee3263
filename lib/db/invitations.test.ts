import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { actingAs, createWorkspacePair, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { getDb } from "./client";
import { INVALID_INVITATION, acceptInvitation, acceptInvitationAsNewUser, createInvitation, findInvitation, listPendingInvitations, revokeInvitation } from "./invitations";
import { upsertMember } from "./members";
import { setWorkspaceArchived } from "./settings";
import { getMembership } from "./workspaces";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

const ADMIN = mayAs("ADMIN");
const FORBIDDEN_ROLES: Array<[Lowercase<Role>, Role]> = [["editor", "EDITOR"], ["reviewer", "REVIEWER"], ["viewer", "VIEWER"]];
const unique = () => randomBytes(4).toString("hex");
const invite = (role: Role = "REVIEWER", workspace = ws) => createInvitation(actingAs(workspace, "admin"), ADMIN, { role });
const newPerson = (email = `new-${unique()}@factdesk.test`) => ({ name: "New Person", email, passwordHash: "argon-hash" });

async function anAccount() {
  const { userId } = await upsertMember({ workspaceId: other.id, email: `someone-${unique()}@factdesk.test`, name: "Someone", role: "VIEWER", passwordHash: "x", actorId: null });
  return userId;
}

async function state() {
  const [invitations, memberships, users, events] = await Promise.all([
    getDb().invitation.findMany({ orderBy: { id: "asc" }, select: { id: true, acceptedAt: true, acceptedById: true, revokedAt: true } }),
    getDb().membership.count(),
    getDb().user.count(),
    getDb().event.count(),
  ]);
  return { invitations, memberships, users, events };
}

async function expectRefused(run: () => Promise<unknown>, code: string, message?: string | RegExp) {
  const before = await state();
  const error = await run().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  expect(await state()).toEqual(before);
  return error as AppError;
}

describe("createInvitation", () => {
  it("makes a 32-byte base64url token, stores only its SHA-256, expires in 7 days, and records invitation.created", async () => {
    const started = Date.now();
    const { id, token, expiresAt } = await createInvitation(actingAs(ws, "admin"), ADMIN, { role: "EDITOR", email: "ana@example.org" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await getDb().invitation.findFirstOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(expiresAt.getTime() - started).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000 - 1000);
    expect(expiresAt.getTime() - started).toBeLessThan(7 * 24 * 3600 * 1000 + 5000);
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id, entityId: id } });
    expect(event).toMatchObject({ action: "invitation.created", actorId: ws.users.admin, after: { role: "EDITOR", email: "ana@example.org" } });
    expect(JSON.stringify([event.before, event.after])).not.toContain(token);
    expect((await listPendingInvitations(ws.id)).find((i) => i.id === id)).toMatchObject({ role: "EDITOR", email: "ana@example.org", createdBy: expect.stringContaining("admin") });
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, creating nothing", async (who, role) => {
    await expectRefused(() => createInvitation(actingAs(ws, who), mayAs(role), { role: "ADMIN" }), "FORBIDDEN");
  });
});

describe("revokeInvitation", () => {
  it("revokes a pending link: it leaves the list and no longer works", async () => {
    const { id, token } = await invite();
    await revokeInvitation(actingAs(ws, "admin"), ADMIN, id);
    expect((await listPendingInvitations(ws.id)).map((i) => i.id)).not.toContain(id);
    expect(await findInvitation(token)).toBeNull();
    expect(await getDb().event.findFirst({ where: { entityId: id, action: "invitation.revoked" } })).not.toBeNull();
    await expectRefused(() => acceptInvitation(token, ws.users.viewer), "NOT_FOUND", INVALID_INVITATION);
    await expectRefused(() => revokeInvitation(actingAs(ws, "admin"), ADMIN, id), "NOT_FOUND");
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, changing nothing", async (who, role) => {
    const { id } = await invite();
    await expectRefused(() => revokeInvitation(actingAs(ws, who), mayAs(role), id), "FORBIDDEN");
  });

  it("refuses another workspace's admin and unknown ids", async () => {
    const { id } = await invite();
    await expectRefused(() => revokeInvitation(actingAs(other, "admin"), ADMIN, id), "NOT_FOUND");
    await expectRefused(() => revokeInvitation(actingAs(ws, "admin"), ADMIN, "no-such-invitation"), "NOT_FOUND");
  });
});

describe("findInvitation", () => {
  it("shows the workspace and role of a usable link, and nothing for an unknown one", async () => {
    const { token } = await invite("VIEWER");
    expect(await findInvitation(token)).toEqual({ workspaceName: expect.any(String), workspaceSlug: ws.slug, role: "VIEWER" });
    expect(await findInvitation(randomBytes(32).toString("base64url"))).toBeNull();
  });
});

describe("acceptInvitation (signed in)", () => {
  it("adds the person with the invited role, records invitation.accepted and member.added, and works once", async () => {
    const { id, token } = await invite("EDITOR");
    const userId = await anAccount();
    expect(await acceptInvitation(token, userId)).toEqual({ workspaceSlug: ws.slug, role: "EDITOR" });
    expect((await getMembership(ws.slug, userId))?.role).toBe("EDITOR");
    expect(await getDb().invitation.findFirstOrThrow({ where: { id } })).toMatchObject({ acceptedById: userId, acceptedAt: expect.any(Date) });
    const events = await getDb().event.findMany({ where: { workspaceId: ws.id, actorId: userId }, orderBy: { id: "asc" }, select: { action: true, entityId: true } });
    expect(events).toEqual([{ action: "invitation.accepted", entityId: id }, { action: "member.added", entityId: userId }]);
    // Reused: refused, by anyone.
    await expectRefused(() => acceptInvitation(token, userId), "NOT_FOUND", INVALID_INVITATION);
    const someoneElse = await anAccount();
    await expectRefused(() => acceptInvitation(token, someoneElse), "NOT_FOUND", INVALID_INVITATION);
    expect(await findInvitation(token)).toBeNull();
  });

  it("refuses an expired link, writing nothing", async () => {
    const { id, token } = await invite();
    await getDb().invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findInvitation(token)).toBeNull();
    const userId = await anAccount();
    await expectRefused(() => acceptInvitation(token, userId), "NOT_FOUND", INVALID_INVITATION);
    await expectRefused(() => acceptInvitationAsNewUser(token, newPerson()), "NOT_FOUND", INVALID_INVITATION);
  });

  it("refuses an unknown token", async () => {
    const userId = await anAccount();
    await expectRefused(() => acceptInvitation(randomBytes(32).toString("base64url"), userId), "NOT_FOUND", INVALID_INVITATION);
  });

  it("of two accepts at the same moment, exactly one succeeds", async () => {
    const { token } = await invite();
    const [a, b] = [await anAccount(), await anAccount()];
    const results = await Promise.allSettled([acceptInvitation(token, a), acceptInvitation(token, b)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "NOT_FOUND", message: INVALID_INVITATION });
    const joined = await getDb().membership.count({ where: { workspaceId: ws.id, userId: { in: [a, b] } } });
    expect(joined).toBe(1);
  });

  it("never re-enables a disabled account: it is refused and the link stays unused", async () => {
    const { id, token } = await invite();
    const userId = await anAccount();
    await getDb().user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    await expectRefused(() => acceptInvitation(token, userId), "FORBIDDEN", /disabled/);
    expect(await getDb().invitation.findFirstOrThrow({ where: { id } })).toMatchObject({ acceptedAt: null });
    expect((await getDb().user.findFirstOrThrow({ where: { id: userId } })).disabledAt).not.toBeNull();
  });

  it("never re-enables a membership an admin disabled, nor changes an existing member's role", async () => {
    const { token } = await invite("ADMIN");
    await getDb().membership.updateMany({ where: { workspaceId: ws.id, userId: ws.users.viewer }, data: { disabledAt: new Date() } });
    await expectRefused(() => acceptInvitation(token, ws.users.viewer), "FORBIDDEN", /disabled your membership/);
    await getDb().membership.updateMany({ where: { workspaceId: ws.id, userId: ws.users.viewer }, data: { disabledAt: null } });
    await expectRefused(() => acceptInvitation(token, ws.users.reviewer), "CONFLICT", /already a member/);
    expect((await getMembership(ws.slug, ws.users.reviewer))?.role).toBe("REVIEWER");
  });

  it("refuses a link to an archived workspace", async () => {
    const [desk] = await createWorkspacePair();
    const { token } = await invite("REVIEWER", desk);
    await setWorkspaceArchived(actingAs(desk, "admin"), ADMIN, true);
    expect(await findInvitation(token)).toBeNull();
    const userId = await anAccount();
    await expectRefused(() => acceptInvitation(token, userId), "NOT_FOUND", INVALID_INVITATION);
  });
});

describe("acceptInvitationAsNewUser", () => {
  it("creates the account and the membership in one go", async () => {
    const { token } = await invite("VIEWER");
    const person = newPerson(`Mixed.Case-${unique()}@Factdesk.test`);
    expect(await acceptInvitationAsNewUser(token, person)).toEqual({ workspaceSlug: ws.slug, role: "VIEWER" });
    const user = await getDb().user.findFirstOrThrow({ where: { email: person.email.toLowerCase() } });
    expect(user).toMatchObject({ name: "New Person", passwordHash: "argon-hash", disabledAt: null });
    expect((await getMembership(ws.slug, user.id))?.role).toBe("VIEWER");
  });

  it("refuses an email that has an account at the field; the link still works for its owner after signing in", async () => {
    const { token } = await invite();
    const error = await expectRefused(() => acceptInvitationAsNewUser(token, { ...newPerson(), email: `ADMIN-${other.slug.slice(3)}@factdesk.test` }), "INVALID_INPUT");
    expect(error.fieldErrors.email?.[0]).toMatch(/sign in first/);
    expect(await findInvitation(token)).not.toBeNull();
  });

  it("tells nothing about accounts when the link is not valid", async () => {
    await expectRefused(() => acceptInvitationAsNewUser(randomBytes(32).toString("base64url"), { ...newPerson(), email: `admin-${other.slug.slice(3)}@factdesk.test` }), "NOT_FOUND", INVALID_INVITATION);
  });

  it("of two new people using one link at once, exactly one gets an account", async () => {
    const { token } = await invite();
    const [a, b] = [newPerson(), newPerson()];
    const results = await Promise.allSettled([acceptInvitationAsNewUser(token, a), acceptInvitationAsNewUser(token, b)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().user.count({ where: { email: { in: [a.email, b.email] } } })).toBe(1);
  });
});
