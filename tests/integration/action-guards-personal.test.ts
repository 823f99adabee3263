import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { getDb } from "@/lib/db/client";
import { createComment } from "@/lib/db/comments";
import { createInvitation, revokeInvitation } from "@/lib/db/invitations";
import { startUserSession } from "@/lib/db/sessions";
import { mentionToken } from "@/lib/domain/comment-text";
import { createActionFixture, formOf, settleCall, type ActionFixture, type CallResult } from "@/lib/testing/action-guards";
import { tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, mayAs } from "@/lib/testing/factories";

// The actions and routes that do not act in a workspace through the workspace pipeline: a
// person's own inbox (its actions and the route that opens a line), joining through an
// invitation link, and the dashboard's CSV route. Each refused person gets the documented
// answer and the rows it would have touched stay exactly as they were.

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

const inbox = await import("@/app/(personal)/inbox/actions");
const openLine = await import("@/app/(personal)/inbox/open/[id]/route");
const invite = await import("@/app/invite/[token]/actions");
const dashboardExport = await import("@/app/w/[workspace]/dashboard/export/route");
const security = await import("@/app/(personal)/account/security/actions");

let f: ActionFixture;
let outsider: ActionFixture;

beforeAll(async () => {
  f = await createActionFixture();
  outsider = await createActionFixture();
});

async function as(userId: string | null, work: () => Promise<ActionResult>): Promise<CallResult> {
  session.userId = userId;
  try {
    return await settleCall(work);
  } finally {
    session.userId = null;
  }
}

/** A new inbox line for the workspace's viewer: the reviewer mentions them. */
async function viewerLine(fixture = f): Promise<string> {
  const { id: commentId } = await createComment(actingAs(fixture.workspace, "reviewer"), mayAs("REVIEWER"), {
    claimId: fixture.claim.id,
    body: `Have a look ${mentionToken({ id: fixture.users.viewer, name: "Viewer" })}`,
  });
  return (await getDb().notification.findFirstOrThrow({ where: { commentId, userId: fixture.users.viewer }, select: { id: true } })).id;
}

const inboxOf = (userId: string) => getDb().notification.findMany({ where: { userId }, orderBy: { id: "asc" } });

describe("the inbox: one person's own, nobody else's", () => {
  const intruders: Array<[string, () => string | null, "UNAUTHENTICATED" | "NOT_FOUND"]> = [
    ["signed out", () => null, "UNAUTHENTICATED"],
    ["an admin of the same workspace", () => f.users.admin, "NOT_FOUND"],
    ["another workspace's admin", () => outsider.users.admin, "NOT_FOUND"],
  ];

  it.each(intruders)("mark one line read, %s: refused, the line stays unread", async (_who, user, code) => {
    const line = await viewerLine();
    const before = await inboxOf(f.users.viewer);
    const result = await as(user(), () => inbox.markNotificationReadAction(null, formOf({ notificationId: line })));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code });
    expect(await inboxOf(f.users.viewer)).toEqual(before);
  });

  it("someone else's line is answered exactly as a line that does not exist", async () => {
    const line = await viewerLine();
    const theirs = await as(f.users.admin, () => inbox.markNotificationReadAction(null, formOf({ notificationId: line })));
    const none = await as(f.users.admin, () => inbox.markNotificationReadAction(null, formOf({ notificationId: `c${randomBytes(12).toString("hex")}` })));
    expect(theirs).toEqual({ ...none, at: (theirs as { at: number }).at });
  });

  it.each(intruders)("mark all read, %s: the person's lines stay unread", async (_who, user, code) => {
    await viewerLine();
    const before = await inboxOf(f.users.viewer);
    const result = await as(user(), () => inbox.markAllNotificationsReadAction(null, formOf({})));
    if (code === "UNAUTHENTICATED") expect(result).toMatchObject({ ok: false, code });
    expect(await inboxOf(f.users.viewer)).toEqual(before);
  });

  const openers: Array<[string, () => string | null, string]> = [
    ["signed out", () => null, "/login"],
    ["an admin of the same workspace", () => f.users.admin, "/inbox?gone=1"],
    ["another workspace's admin", () => outsider.users.admin, "/inbox?gone=1"],
  ];
  it.each(openers)("open a line, %s: sent away, the line stays unread", async (_who, user, to) => {
    const line = await viewerLine();
    const before = await inboxOf(f.users.viewer);
    session.userId = user();
    await expect(openLine.GET(new Request(`http://factdesk.test/inbox/open/${line}`), { params: Promise.resolve({ id: line }) })).rejects.toMatchObject({ to });
    session.userId = null;
    expect(await inboxOf(f.users.viewer)).toEqual(before);
  });

  it("the person themselves marks one line, then all, and opens a line (the setup can succeed)", async () => {
    const [one, two, three] = [await viewerLine(), await viewerLine(), await viewerLine()];
    expect(await as(f.users.viewer, () => inbox.markNotificationReadAction(null, formOf({ notificationId: one })))).toMatchObject({ ok: true });
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: one } })).readAt).not.toBeNull();
    // Marking a line that is already read is not an error.
    expect(await as(f.users.viewer, () => inbox.markNotificationReadAction(null, formOf({ notificationId: one })))).toMatchObject({ ok: true });
    session.userId = f.users.viewer;
    await expect(openLine.GET(new Request(`http://factdesk.test/inbox/open/${two}`), { params: Promise.resolve({ id: two }) })).rejects.toMatchObject({ to: `/w/${f.workspace.slug}/articles/${f.article}?claim=${f.claim.id}` });
    session.userId = null;
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: two } })).readAt).not.toBeNull();
    expect(await as(f.users.viewer, () => inbox.markAllNotificationsReadAction(null, formOf({})))).toMatchObject({ ok: true });
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: three } })).readAt).not.toBeNull();
  });
});

describe("joining through an invitation link: the link is the permission", () => {
  async function link(fixture = f) {
    return (await createInvitation(actingAs(fixture.workspace, "admin"), mayAs("ADMIN"), { role: "REVIEWER" })).token;
  }
  async function deadLink(kind: "revoked" | "used" | "expired" | "malformed") {
    if (kind === "malformed") return "not-a-token";
    const token = await link();
    const hash = (await import("@/lib/db/invitations")).hashToken(token);
    const { id } = await getDb().invitation.findFirstOrThrow({ where: { tokenHash: hash }, select: { id: true } });
    if (kind === "revoked") await revokeInvitation(actingAs(f.workspace, "admin"), mayAs("ADMIN"), id);
    if (kind === "used") await getDb().invitation.update({ where: { id }, data: { acceptedAt: new Date() } });
    if (kind === "expired") await getDb().invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    return token;
  }
  const people = async () => getDb().user.count({ where: { email: { startsWith: `joiner-${f.workspace.slug}` } } });
  const newPerson = (token: string) => formOf({ token, name: "Joiner", email: `joiner-${f.workspace.slug}-${randomBytes(3).toString("hex")}@factdesk.test`, password: "a long enough password" });

  it("one click needs a session: UNAUTHENTICATED, the link unused and nobody added", async () => {
    const token = await link();
    const before = await workspaceFingerprint(f.workspace.id);
    expect(await as(null, () => invite.joinAsUserAction(null, formOf({ token })))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });

  it("one click by a member an admin disabled: FORBIDDEN, not re-enabled", async () => {
    const token = await link(outsider);
    await getDb().membership.update({ where: { workspaceId_userId: { workspaceId: outsider.workspace.id, userId: outsider.users.viewer } }, data: { disabledAt: new Date() } });
    const before = await workspaceFingerprint(outsider.workspace.id);
    expect(await as(outsider.users.viewer, () => invite.joinAsUserAction(null, formOf({ token })))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await workspaceFingerprint(outsider.workspace.id)).toEqual(before);
  });

  it.each(["revoked", "used", "expired", "malformed"] as const)("a %s link: NOT_FOUND for both ways of joining, nobody added", async (kind) => {
    const token = await deadLink(kind);
    const before = { ws: await workspaceFingerprint(f.workspace.id), people: await people() };
    expect(await as(outsider.users.editor, () => invite.joinAsUserAction(null, formOf({ token })))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(null, () => invite.joinAsNewUserAction(null, newPerson(token)))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect({ ws: await workspaceFingerprint(f.workspace.id), people: await people() }).toEqual(before);
  });

  it("a new person choosing a common password: refused beside the field, the link unused, nobody added", async () => {
    const token = await link();
    const before = { ws: await workspaceFingerprint(f.workspace.id), people: await people() };
    const form = newPerson(token);
    form.set("password", "Sunshine2024!!");
    const result = await as(null, () => invite.joinAsNewUserAction(null, form));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { password: [expect.stringContaining("commonly used passwords")] } });
    expect({ ws: await workspaceFingerprint(f.workspace.id), people: await people() }).toEqual(before);
  });

  it("a live link lets a signed-in person and a new person join (the setup can succeed)", async () => {
    expect(await as(outsider.users.editor, async () => invite.joinAsUserAction(null, formOf({ token: await link() })))).toMatchObject({ ok: true, redirectTo: `/w/${f.workspace.slug}` });
    expect(await getDb().membership.count({ where: { workspaceId: f.workspace.id, userId: outsider.users.editor } })).toBe(1);
    const before = await people();
    expect(await as(null, async () => invite.joinAsNewUserAction(null, newPerson(await link())))).toMatchObject({ ok: true });
    expect(await people()).toBe(before + 1);
  });
});

describe("the dashboard's CSV route: editors and up, a read-only token may read", () => {
  let tokens: Record<"viewer" | "editorRead" | "revoked" | "outsider", string>;
  beforeAll(async () => {
    const revoked = await createApiToken(f.users.admin, { name: "old", scope: "WRITE", expiresAt: null });
    await revokeApiToken(f.users.admin, revoked.row.id);
    tokens = { viewer: await tokenFor(f.users.viewer), editorRead: await tokenFor(f.users.editor, "READ"), revoked: revoked.token, outsider: await tokenFor(outsider.users.admin) };
  });

  async function download(who: { session?: string; token?: string }, slug = f.workspace.slug) {
    session.userId = who.session ?? null;
    try {
      const headers = who.token ? { authorization: `Bearer ${who.token}` } : undefined;
      const response = await dashboardExport.GET(new Request(`http://factdesk.test/w/${slug}/dashboard/export?period=30d`, { headers }), { params: Promise.resolve({ workspace: slug }) });
      const text = await response.text();
      return { status: response.status, body: response.headers.get("content-type")?.startsWith("application/json") ? (JSON.parse(text) as unknown) : text };
    } finally {
      session.userId = null;
    }
  }

  it.each([
    ["signed out", 401, "UNAUTHENTICATED", {}],
    ["a revoked token", 401, "UNAUTHENTICATED", { token: "revoked" }],
    ["a viewer's session", 403, "FORBIDDEN", { session: "viewer" }],
    ["a reviewer's session", 403, "FORBIDDEN", { session: "reviewer" }],
    ["a viewer's token", 403, "FORBIDDEN", { token: "viewer" }],
    ["another workspace's admin", 404, "NOT_FOUND", { token: "outsider" }],
  ] as const)("%s: %i %s, nothing written", async (_name, status, code, who) => {
    const resolved = {
      session: "session" in who ? f.users[who.session] : undefined,
      token: "token" in who ? tokens[who.token] : undefined,
    };
    const before = await workspaceFingerprint(f.workspace.id);
    const result = await download(resolved);
    expect(result.status, JSON.stringify(result.body)).toBe(status);
    expect(result.body).toMatchObject({ error: { code } });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });

  it("another workspace's admin is answered exactly as for an address that does not exist", async () => {
    const real = await download({ token: tokens.outsider });
    const none = await download({ token: tokens.outsider }, `no-such-${randomBytes(4).toString("hex")}`);
    expect(real).toEqual(none);
  });

  it("an editor's session and an editor's read-only token download it (the setup can succeed)", async () => {
    for (const who of [{ session: f.users.editor }, { token: tokens.editorRead }]) {
      const result = await download(who);
      expect(result.status).toBe(200);
      expect(String(result.body)).toMatch(/,/);
    }
  });
});

describe("a person's sign-in security: their own sessions and password, nobody else's", () => {
  const sessionsOf = (userId: string) => getDb().userSession.findMany({ where: { userId }, orderBy: { id: "asc" } });
  const hashOf = async (userId: string) => (await getDb().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;
  const theirs = () => startUserSession(outsider.users.viewer, { ip: "192.0.2.1", userAgent: "theirs" });
  const passwordForm = formOf({ currentPassword: "not-a-real-hash", newPassword: "violet tram under the bridge", confirmPassword: "violet tram under the bridge" });

  it("change a password, signed out: UNAUTHENTICATED, no password or session changes", async () => {
    await theirs();
    const before = { hash: await hashOf(outsider.users.viewer), sessions: await sessionsOf(outsider.users.viewer) };
    expect(await as(null, () => security.changePasswordAction(null, passwordForm))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect({ hash: await hashOf(outsider.users.viewer), sessions: await sessionsOf(outsider.users.viewer) }).toEqual(before);
  });

  it("end a session, signed out: UNAUTHENTICATED, the session goes on", async () => {
    const id = await theirs();
    const before = await sessionsOf(outsider.users.viewer);
    expect(await as(null, () => security.endSessionAction(null, formOf({ sessionId: id })))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await sessionsOf(outsider.users.viewer)).toEqual(before);
  });

  it("end someone else's session: answered as a session that does not exist, and it goes on", async () => {
    const id = await theirs();
    const before = await sessionsOf(outsider.users.viewer);
    const result = await as(f.users.admin, () => security.endSessionAction(null, formOf({ sessionId: id })));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const none = await as(f.users.admin, () => security.endSessionAction(null, formOf({ sessionId: randomBytes(24).toString("base64url") })));
    expect(result).toEqual({ ...none, at: (result as { at: number }).at });
    expect(await sessionsOf(outsider.users.viewer)).toEqual(before);
  });

  it("a malformed session id is refused before anything is looked up; one with a NUL names nothing", async () => {
    expect(await as(f.users.admin, () => security.endSessionAction(null, formOf({ sessionId: "x'; DELETE" })))).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await as(f.users.admin, () => security.endSessionAction(null, formOf({ sessionId: `${"a".repeat(31)}\u0000` })))).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("a NUL in a password gets a clear field message, and nothing changes", async () => {
    const before = await hashOf(f.users.admin);
    const result = await as(f.users.admin, () => security.changePasswordAction(null, formOf({ currentPassword: "whatever it is", newPassword: "violet tram\u0000 under the bridge", confirmPassword: "violet tram\u0000 under the bridge" })));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { newPassword: [expect.any(String)] } });
    expect(await hashOf(f.users.admin)).toBe(before);
  });

  it("sign out everywhere, signed out: UNAUTHENTICATED, and nobody's sessions end", async () => {
    await theirs();
    const before = await sessionsOf(outsider.users.viewer);
    expect(await as(null, () => security.endAllSessionsAction(null, formOf({})))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await sessionsOf(outsider.users.viewer)).toEqual(before);
  });

  it("signing out everywhere ends only the caller's own sessions (the setup can succeed)", async () => {
    await theirs();
    const before = await sessionsOf(outsider.users.viewer);
    expect(await as(outsider.users.editor, () => security.endAllSessionsAction(null, formOf({})))).toEqual({ ok: true, redirectTo: "/login" });
    expect(await sessionsOf(outsider.users.viewer)).toEqual(before);
    expect((await sessionsOf(outsider.users.editor)).every((s) => s.revokedAt !== null)).toBe(true);
  });
});
