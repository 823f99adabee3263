import { beforeAll, describe, expect, it } from "vitest";
import { can, type Role } from "@/lib/auth/policy";
import { mentionToken } from "@/lib/domain/comment-text";
import { actingAs, createTestArticle, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { createCommentSchema, editCommentSchema } from "@/lib/validation/comment";
import { getDb } from "./client";
import { createComment, editComment, listClaimComments, listMentionableMembers } from "./comments";

// Discussion on a claim through lib/db: threads, mentions and their inbox lines, the author's
// edit window, and every refusal leaving the workspace exactly as it was.

let ws: TestWorkspace;
let other: TestWorkspace;
type Who = "admin" | "editor" | "reviewer" | "viewer";

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

/** The policy's answer for this member of `workspace`, ownership included. */
const mayFor = (workspace: TestWorkspace, who: Who) => (action: Parameters<typeof can>[1], resource?: Parameters<typeof can>[2]) =>
  can({ userId: workspace.users[who], role: who.toUpperCase() as Role }, action, resource);

const post = (who: Who, input: Record<string, unknown>, workspace = ws) =>
  createComment(actingAs(workspace, who), mayFor(workspace, who), createCommentSchema.parse(input));
const edit = (who: Who, input: Record<string, unknown>, now?: Date, workspace = ws) =>
  editComment(actingAs(workspace, who), mayFor(workspace, who), editCommentSchema.parse(input), now);

async function freshClaim(workspace = ws) {
  const article = await createTestArticle(workspace.id, workspace.users.editor);
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { id: true, articleId: true } });
  return claim;
}

async function snapshot(workspaceId: string) {
  const db = getDb();
  const where = { workspaceId };
  const [comments, notifications, events] = await Promise.all([
    db.comment.findMany({ where, orderBy: { id: "asc" }, select: { id: true, body: true, version: true, parentId: true, mentionIds: true, editedAt: true } }),
    db.notification.count({ where }),
    db.event.count({ where }),
  ]);
  return { comments, notifications, events };
}

const mention = (workspace: TestWorkspace, who: Who) => mentionToken({ id: workspace.users[who], name: `${who} name` });

describe("posting", () => {
  it("posts a comment, records its event with the article and claim, and notifies the mentioned member", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: `Can you check this, ${mention(ws, "editor")}?` });
    const row = await getDb().comment.findFirstOrThrow({ where: { id }, select: { body: true, mentionIds: true, authorId: true, parentId: true } });
    // The token carries the member's name as the workspace knows it, not as the client sent it.
    const editorName = (await getDb().user.findUniqueOrThrow({ where: { id: ws.users.editor }, select: { name: true } })).name;
    expect(row).toEqual({ body: `Can you check this, @[${editorName}](${ws.users.editor})?`, mentionIds: [ws.users.editor], authorId: ws.users.reviewer, parentId: null });
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id, entityId: id } });
    expect(event).toMatchObject({ action: "comment.created", articleId: claim.articleId, claimId: claim.id, actorId: ws.users.reviewer });
    const lines = await getDb().notification.findMany({ where: { commentId: id }, select: { userId: true, kind: true, claimId: true, actorId: true } });
    expect(lines).toEqual([{ userId: ws.users.editor, kind: "MENTION", claimId: claim.id, actorId: ws.users.reviewer }]);
  });

  it("keeps script and markup as the text typed", async () => {
    const claim = await freshClaim();
    const body = `<script>alert("x")</script><b>bold</b>`;
    const { id } = await post("reviewer", { claimId: claim.id, body });
    expect((await getDb().comment.findFirstOrThrow({ where: { id }, select: { body: true } })).body).toBe(body);
  });

  it("threads replies one level deep: a reply to a reply joins the same thread", async () => {
    const claim = await freshClaim();
    const root = await post("reviewer", { claimId: claim.id, body: "Root" });
    const reply = await post("editor", { claimId: claim.id, parentId: root.id, body: "Reply" });
    const nested = await post("admin", { claimId: claim.id, parentId: reply.id, body: "Reply to the reply" });
    expect(nested.parentId).toBe(root.id);
    const threads = await listClaimComments(ws.id, claim.id);
    expect(threads.map((t) => ({ body: t.body, replies: t.replies.map((r) => r.body) }))).toEqual([{ body: "Root", replies: ["Reply", "Reply to the reply"] }]);
  });

  it("refuses a viewer, and changes nothing", async () => {
    const claim = await freshClaim();
    const before = await snapshot(ws.id);
    await expect(post("viewer", { claimId: claim.id, body: "I should not be able to say this." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("does not find another workspace's claim or comment", async () => {
    const theirs = await freshClaim(other);
    const theirComment = await post("reviewer", { claimId: theirs.id, body: "Elsewhere" }, other);
    const mine = await freshClaim();
    const [before, beforeOther] = [await snapshot(ws.id), await snapshot(other.id)];
    await expect(post("reviewer", { claimId: theirs.id, body: "Crossing over" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(post("reviewer", { claimId: mine.id, parentId: theirComment.id, body: "Replying across" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(post("reviewer", { claimId: "no-such-claim", body: "Nowhere" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(edit("admin", { commentId: theirComment.id, version: 1, body: "Rewritten" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect([await snapshot(ws.id), await snapshot(other.id)]).toEqual([before, beforeOther]);
  });

  it("refuses a mention of another desk's user, a removed member or a made-up id, at the field", async () => {
    const claim = await freshClaim();
    const leaver = await getDb().user.create({ data: { email: `leaver-${Date.now()}@factdesk.test`, name: "Former Member", passwordHash: "x" } });
    await getDb().membership.create({ data: { workspaceId: ws.id, userId: leaver.id, role: "REVIEWER", disabledAt: new Date() } });
    const before = await snapshot(ws.id);
    const otherNotifications = await getDb().notification.count({ where: { userId: other.users.editor } });
    for (const token of [mention(other, "editor"), mentionToken({ id: leaver.id, name: "Former Member" }), mentionToken({ id: "c0000000000000000000000", name: "Nobody" })]) {
      const refusal = post("reviewer", { claimId: claim.id, body: `Hey ${mention(ws, "editor")} and ${token}` });
      await expect(refusal).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { body: [expect.stringMatching(/is not an active member of this workspace/)] } });
    }
    expect(await snapshot(ws.id)).toEqual(before);
    expect(await getDb().notification.count({ where: { userId: other.users.editor } })).toBe(otherNotifications);
  });

  it("does not notify people of their own mention", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: `Note to self ${mention(ws, "reviewer")}` });
    expect(await getDb().notification.count({ where: { commentId: id } })).toBe(0);
  });

});

describe("editing", () => {
  it("lets the author edit within 15 minutes: versioned, marked edited, with before and after in the event", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: "First words" });
    const result = await edit("reviewer", { commentId: id, version: 1, body: "Better words" });
    expect(result.version).toBe(2);
    const row = await getDb().comment.findFirstOrThrow({ where: { id }, select: { body: true, version: true, editedAt: true } });
    expect(row).toMatchObject({ body: "Better words", version: 2 });
    expect(row.editedAt).toBeInstanceOf(Date);
    const event = await getDb().event.findFirstOrThrow({ where: { entityId: id, action: "comment.edited" } });
    expect(event).toMatchObject({ articleId: claim.articleId, claimId: claim.id, before: { body: "First words" }, after: { body: "Better words" } });
  });

  it("refuses anyone but the author, whatever their role, and changes nothing", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: "Mine" });
    const byEditor = await post("editor", { claimId: claim.id, body: "The editor's" });
    const before = await snapshot(ws.id);
    for (const who of ["editor", "admin", "viewer"] as const) {
      await expect(edit(who, { commentId: id, version: 1, body: "Not yours" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(edit("reviewer", { commentId: byEditor.id, version: 1, body: "Not yours either" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("refuses an edit after 15 minutes with a message, and changes nothing", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: "Old words" });
    await getDb().comment.update({ where: { id }, data: { createdAt: new Date(Date.now() - 15 * 60 * 1000 - 1000) } });
    const before = await snapshot(ws.id);
    await expect(edit("reviewer", { commentId: id, version: 1, body: "Too late" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/15 minutes/) });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("refuses a stale version as a conflict, and changes nothing", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: "One" });
    await edit("reviewer", { commentId: id, version: 1, body: "Two" });
    const before = await snapshot(ws.id);
    await expect(edit("reviewer", { commentId: id, version: 1, body: "Three from an old tab" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("notifies only the people an edit newly mentions", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: `Hi ${mention(ws, "editor")}` });
    await edit("reviewer", { commentId: id, version: 1, body: `Hi ${mention(ws, "editor")} and ${mention(ws, "admin")}` });
    const lines = await getDb().notification.findMany({ where: { commentId: id }, orderBy: { createdAt: "asc" }, select: { userId: true } });
    expect(lines.map((l) => l.userId)).toEqual([ws.users.editor, ws.users.admin]);
  });

  it("refuses an edit that mentions a non-member, and changes nothing", async () => {
    const claim = await freshClaim();
    const { id } = await post("reviewer", { claimId: claim.id, body: "Plain" });
    const before = await snapshot(ws.id);
    await expect(edit("reviewer", { commentId: id, version: 1, body: `Now ${mention(other, "admin")}` })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { body: [expect.any(String)] } });
    expect(await snapshot(ws.id)).toEqual(before);
  });
});

describe("mentionable members", () => {
  it("lists the workspace's active members only", async () => {
    const members = await listMentionableMembers(ws.id);
    const ids = members.map((m) => m.id);
    for (const who of ["admin", "editor", "reviewer", "viewer"] as const) expect(ids).toContain(ws.users[who]);
    expect(ids).not.toContain(other.users.admin);
    expect(members.find((m) => m.name === "Former Member")).toBeUndefined();
  });
});
