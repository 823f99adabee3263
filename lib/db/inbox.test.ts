import { beforeAll, describe, expect, it } from "vitest";
import { can } from "@/lib/auth/policy";
import { mentionToken } from "@/lib/domain/comment-text";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { assignClaimSchema } from "@/lib/validation/claim";
import { createCommentSchema } from "@/lib/validation/comment";
import { changeClaimStatus, setClaimAssignee } from "./claims";
import { getDb } from "./client";
import { createComment } from "./comments";
import { countUnread, listInbox, markAllNotificationsRead, markNotificationRead, openNotification } from "./inbox";
import { startUserSession } from "./sessions";
import { getActiveUserForPage } from "./users";
import { readMembershipsForPage } from "./workspaces";

// The inbox is one person's, across their workspaces: every query is scoped to their own id.

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

async function freshClaim(workspace = ws) {
  const article = await createTestArticle(workspace.id, workspace.users.editor);
  return getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { id: true, articleId: true, version: true, statement: true, article: { select: { title: true } } } });
}

async function mentionEditor(workspace: TestWorkspace, claimId: string, text = "Please look") {
  const may = (a: Parameters<typeof can>[1]) => can({ userId: workspace.users.reviewer, role: "REVIEWER" }, a);
  return createComment(actingAs(workspace, "reviewer"), may, createCommentSchema.parse({ claimId, body: `${text} ${mentionToken({ id: workspace.users.editor, name: "x" })}` }));
}

/** An editor of `ws` who is also a reviewer in `other`: one person, two desks. */
async function joinOther(userId: string) {
  await getDb().membership.upsert({ where: { workspaceId_userId: { workspaceId: other.id, userId } }, create: { workspaceId: other.id, userId, role: "REVIEWER" }, update: { disabledAt: null } });
}

const readStates = async (userId: string) => getDb().notification.findMany({ where: { userId }, orderBy: { id: "asc" }, select: { id: true, readAt: true } });

describe("the inbox", () => {
  it("lists mention, assignment and status lines newest first, each with who, the claim, the article and the workspace", async () => {
    const claim = await freshClaim();
    await mentionEditor(ws, claim.id);
    await setClaimAssignee(actingAs(ws, "admin"), mayAs("ADMIN"), assignClaimSchema.parse({ claimId: claim.id, userId: ws.users.editor, assign: "assign" }));
    await changeClaimStatus(actingAs(ws, "admin"), mayAs("ADMIN"), { claimId: claim.id, status: "QUEUED", version: claim.version });
    const lines = (await listInbox(ws.users.editor)).filter((l) => l.claim?.id === claim.id);
    expect(lines.map((l) => l.kind)).toEqual(["STATUS", "ASSIGNMENT", "MENTION"]);
    const [status, assignment, mention] = lines;
    expect(status).toMatchObject({ read: false, status: { from: "DETECTED", to: "QUEUED" }, workspace: { slug: ws.slug } });
    expect(assignment?.actorName).toMatch(/^admin /);
    expect(mention).toMatchObject({ claim: { statement: claim.statement, articleId: claim.articleId, articleTitle: claim.article.title }, commentBody: expect.stringContaining("Please look") });
    expect(mention?.actorName).toMatch(/^reviewer /);
    expect(await countUnread(ws.users.editor)).toBeGreaterThanOrEqual(3);
  });

  it("spans the person's workspaces, and drops a workspace they are no longer an active member of", async () => {
    const editor = ws.users.editor;
    await joinOther(editor);
    const theirs = await freshClaim(other);
    const may = (a: Parameters<typeof can>[1]) => can({ userId: other.users.reviewer, role: "REVIEWER" }, a);
    await createComment(actingAs(other, "reviewer"), may, createCommentSchema.parse({ claimId: theirs.id, body: `Over here ${mentionToken({ id: editor, name: "x" })}` }));
    expect((await listInbox(editor)).some((l) => l.claim?.id === theirs.id && l.workspace.slug === other.slug)).toBe(true);
    const unread = await countUnread(editor);

    await getDb().membership.update({ where: { workspaceId_userId: { workspaceId: other.id, userId: editor } }, data: { disabledAt: new Date() } });
    expect((await listInbox(editor)).some((l) => l.workspace.slug === other.slug)).toBe(false);
    expect(await countUnread(editor)).toBe(unread - 1);
    const line = await getDb().notification.findFirstOrThrow({ where: { userId: editor, workspaceId: other.id } });
    expect(await openNotification(editor, line.id)).toBeNull();
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: line.id } })).readAt).toBeNull();
  });

  it("filters to unread lines", async () => {
    const claim = await freshClaim();
    await mentionEditor(ws, claim.id);
    const [newest] = await listInbox(ws.users.editor);
    if (!newest) throw new Error("expected a line");
    await markNotificationRead(ws.users.editor, newest.id);
    const unread = await listInbox(ws.users.editor, { unreadOnly: true });
    expect(unread.some((l) => l.id === newest.id)).toBe(false);
    expect(unread.every((l) => !l.read)).toBe(true);
  });
});

describe("marking read", () => {
  it("marks one line read, and opening a line marks it read and leads to its claim", async () => {
    const claim = await freshClaim();
    await mentionEditor(ws, claim.id, "First");
    await mentionEditor(ws, claim.id, "Second");
    const [second, first] = (await listInbox(ws.users.editor)).filter((l) => l.claim?.id === claim.id);
    if (!first || !second) throw new Error("expected two lines");
    expect(await markNotificationRead(ws.users.editor, first.id)).toBe(true);
    expect(await openNotification(ws.users.editor, second.id)).toBe(`/w/${ws.slug}/articles/${claim.articleId}?claim=${claim.id}`);
    const lines = (await listInbox(ws.users.editor)).filter((l) => l.claim?.id === claim.id);
    expect(lines.map((l) => l.read)).toEqual([true, true]);
  });

  it("changes nothing when someone marks or opens another person's line", async () => {
    const claim = await freshClaim();
    await mentionEditor(ws, claim.id);
    const [line] = await listInbox(ws.users.editor);
    if (!line) throw new Error("expected a line");
    const before = await readStates(ws.users.editor);
    expect(await markNotificationRead(ws.users.admin, line.id)).toBe(false);
    expect(await openNotification(ws.users.admin, line.id)).toBeNull();
    expect(await openNotification(other.users.admin, line.id)).toBeNull();
    await markAllNotificationsRead(ws.users.admin);
    expect(await readStates(ws.users.editor)).toEqual(before);
  });

  it("marks all of the person's lines read", async () => {
    const claim = await freshClaim();
    await mentionEditor(ws, claim.id);
    expect(await countUnread(ws.users.editor)).toBeGreaterThan(0);
    expect(await markAllNotificationsRead(ws.users.editor)).toBeGreaterThan(0);
    expect(await countUnread(ws.users.editor)).toBe(0);
    expect(await listInbox(ws.users.editor, { unreadOnly: true })).toEqual([]);
  });

  it("counts the same in the page header (read with the person's memberships) as in the inbox, in every case the inbox rules on", async () => {
    const [a, b] = await createWorkspacePair();
    const person = a.users.editor;
    await getDb().membership.create({ data: { workspaceId: b.id, userId: person, role: "REVIEWER" } });
    const mention = async (workspace: TestWorkspace) => {
      const claim = await freshClaim(workspace);
      const may = (x: Parameters<typeof can>[1]) => can({ userId: workspace.users.reviewer, role: "REVIEWER" }, x);
      await createComment(actingAs(workspace, "reviewer"), may, createCommentSchema.parse({ claimId: claim.id, body: `Look ${mentionToken({ id: person, name: "x" })}` }));
    };
    await mention(a);
    await mention(a);
    await mention(b);
    const sessionId = await startUserSession(person, { ip: "test", userAgent: "vitest" });
    const both = async () => {
      const [header, inbox] = [(await readMembershipsForPage(person)).unread, await countUnread(person)];
      expect(header).toBe(inbox);
      // A page reads the same with the session, in one statement.
      expect((await getActiveUserForPage(person, sessionId))?.page).toEqual(await readMembershipsForPage(person));
      return header;
    };
    expect(await both()).toBe(3);
    const first = await getDb().notification.findFirstOrThrow({ where: { userId: person, workspaceId: a.id } });
    await markNotificationRead(person, first.id);
    expect(await both()).toBe(2);
    // b requires two-factor sign-in, which the person has not set up: its line is not counted until they do.
    await getDb().workspace.update({ where: { id: b.id }, data: { requireTwoFactor: true } });
    expect(await both()).toBe(1);
    await getDb().twoFactor.create({ data: { userId: person, secretSealed: "sealed", enabledAt: new Date() } });
    expect(await both()).toBe(2);
    expect((await readMembershipsForPage(person)).hasTwoFactor).toBe(true);
    // An archived workspace, or a membership ended, drops its lines.
    await getDb().workspace.update({ where: { id: b.id }, data: { archivedAt: new Date() } });
    expect(await both()).toBe(1);
    await getDb().membership.update({ where: { workspaceId_userId: { workspaceId: a.id, userId: person } }, data: { disabledAt: new Date() } });
    expect(await both()).toBe(0);
    // Only the archived workspace left: still signed in, still a member there; a session ended is nobody.
    const page = await getActiveUserForPage(person, sessionId);
    expect(page).toMatchObject({ user: { id: person }, page: { unread: 0 } });
    expect(page?.page.memberships.map((m) => m.workspace.slug)).toEqual([b.slug]);
    // A disabled account is nobody, whatever its session; so is a session ended.
    await getDb().user.update({ where: { id: person }, data: { disabledAt: new Date() } });
    expect(await getActiveUserForPage(person, sessionId)).toBeNull();
    await getDb().user.update({ where: { id: person }, data: { disabledAt: null } });
    expect(await getActiveUserForPage(person, sessionId)).not.toBeNull();
    await getDb().userSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    expect(await getActiveUserForPage(person, sessionId)).toBeNull();
    // Someone else's lines are never counted.
    expect((await readMembershipsForPage(a.users.reviewer)).unread).toBe(await countUnread(a.users.reviewer));
  });
});

