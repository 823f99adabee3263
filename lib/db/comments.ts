import "server-only";
import type { Action, Resource } from "@/lib/auth/policy";
import { canonicalizeMentions, isWithinEditWindow, mentionsIn, type MentionCandidate } from "@/lib/domain/comment-text";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { CreateCommentInput, EditCommentInput } from "@/lib/validation/comment";
import { recordEvent, type Ctx } from "./audit";
import { lockClaim } from "./claims";
import { getDb, type Tx } from "./client";
import { notifyUsers } from "./notifications";

/** The policy's answer for the person acting (lib/auth/policy `can`, bound to their membership). */
export type May = (action: Action, resource?: Resource) => boolean;

export type CommentView = {
  id: string;
  authorId: string | null;
  author: { name: string } | null;
  body: string;
  version: number;
  editedAt: Date | null;
  createdAt: Date;
};
export type CommentThread = CommentView & { replies: CommentView[] };

const COMMENT_FIELDS = { id: true, parentId: true, authorId: true, author: { select: { name: true } }, body: true, version: true, editedAt: true, createdAt: true } as const;

/** A claim's discussion: threads oldest first, each with its replies oldest first. */
export async function listClaimComments(workspaceId: string, claimId: string): Promise<CommentThread[]> {
  const rows = await getDb().comment.findMany({ where: { workspaceId, claimId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 2000, select: COMMENT_FIELDS });
  const threads = new Map<string, CommentThread>();
  for (const { parentId, ...row } of rows) if (!parentId) threads.set(row.id, { ...row, replies: [] });
  for (const { parentId, ...row } of rows) if (parentId) threads.get(parentId)?.replies.push(row);
  return [...threads.values()];
}

/** Who can be @mentioned here: the workspace's active members, by name. */
export async function listMentionableMembers(workspaceId: string): Promise<MentionCandidate[]> {
  const rows = await getDb().membership.findMany({
    where: { workspaceId, disabledAt: null, user: { disabledAt: null } },
    orderBy: { user: { name: "asc" } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => r.user);
}

const MENTION_REFUSED = (name: string) => `@${name} is not an active member of this workspace. Remove the mention, or pick someone from the list after typing @.`;

/**
 * Checks every mention against the workspace's active members and writes their names as the
 * workspace knows them. A mention of anyone else (another desk's user, a removed member, a
 * made-up id) refuses the whole comment, at the field.
 */
async function resolveMentions(tx: Tx, workspaceId: string, body: string): Promise<{ body: string; mentionIds: string[] }> {
  const mentions = mentionsIn(body);
  if (mentions.length === 0) return { body, mentionIds: [] };
  const members = await tx.membership.findMany({
    where: { workspaceId, userId: { in: mentions.map((m) => m.id) }, disabledAt: null, user: { disabledAt: null } },
    select: { user: { select: { id: true, name: true } } },
  });
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const stranger = mentions.find((m) => !names.has(m.id));
  if (stranger) {
    const message = MENTION_REFUSED(stranger.name);
    throw new AppError("INVALID_INPUT", message, { body: [message] });
  }
  return { body: canonicalizeMentions(body, names), mentionIds: mentions.map((m) => m.id) };
}

const forbidden = (message: string) => new AppError("FORBIDDEN", message);

/**
 * Posts a comment on a claim, or a reply. A reply to a reply joins the same thread: threads are
 * one level deep. Mentioned members hear of it in their inbox, in the same transaction.
 */
export async function createComment(ctx: Ctx, may: May, input: CreateCommentInput) {
  if (!may("comment:create")) throw forbidden("Your role in this workspace does not allow commenting.");
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await tx.comment.findFirst({ where: { id: input.parentId, workspaceId: ctx.workspaceId, claimId: claim.id }, select: { id: true, parentId: true } });
      if (!parent) throw notFound("The comment you are replying to");
      parentId = parent.parentId ?? parent.id;
    }
    const { body, mentionIds } = await resolveMentions(tx, ctx.workspaceId, input.body);
    const comment = await tx.comment.create({
      data: { workspaceId: ctx.workspaceId, claimId: claim.id, authorId: ctx.userId, parentId, body, mentionIds },
      select: { id: true },
    });
    await recordEvent(tx, ctx, {
      action: "comment.created",
      entityType: "comment",
      entityId: comment.id,
      articleId: claim.articleId,
      claimId: claim.id,
      after: { body, parentId, mentionIds },
    });
    await notifyUsers(tx, ctx, { userIds: mentionIds, kind: "MENTION", claimId: claim.id, commentId: comment.id });
    return { id: comment.id, articleId: claim.articleId, parentId };
  });
}

/**
 * The author's change to their comment, within the edit window and from the version they saw.
 * Only people the edit newly mentions are notified.
 */
export async function editComment(ctx: Ctx, may: May, input: EditCommentInput, now = new Date()) {
  return getDb().$transaction(async (tx) => {
    // NO KEY: a reply being posted meanwhile holds a key-share lock on this row (its parent).
    await tx.$queryRaw`SELECT 1 FROM "Comment" WHERE "id" = ${input.commentId} AND "workspaceId" = ${ctx.workspaceId} FOR NO KEY UPDATE`;
    const comment = await tx.comment.findFirst({
      where: { id: input.commentId, workspaceId: ctx.workspaceId },
      select: { id: true, authorId: true, body: true, mentionIds: true, version: true, createdAt: true, claimId: true, claim: { select: { articleId: true } } },
    });
    if (!comment) throw notFound("That comment");
    if (!may("comment:edit", { ownerId: comment.authorId })) throw forbidden("Only the person who wrote a comment can edit it.");
    if (!isWithinEditWindow(comment.createdAt, now)) {
      throw new AppError("INVALID_INPUT", "Comments can be changed for 15 minutes after posting; this one can no longer be edited. Post a reply instead.");
    }
    if (comment.version !== input.version) {
      throw conflict(undefined, "This comment was changed since you opened it (in another tab?). Its newest text is shown above; your text is still here: save again to replace it.");
    }
    const { body, mentionIds } = await resolveMentions(tx, ctx.workspaceId, input.body);
    if (body === comment.body) return { id: comment.id, articleId: comment.claim.articleId, version: comment.version };
    const updated = await tx.comment.update({
      where: { id: comment.id },
      data: { body, mentionIds, editedAt: now, version: { increment: 1 } },
      select: { version: true },
    });
    await recordEvent(tx, ctx, {
      action: "comment.edited",
      entityType: "comment",
      entityId: comment.id,
      articleId: comment.claim.articleId,
      claimId: comment.claimId,
      before: { body: comment.body, mentionIds: comment.mentionIds },
      after: { body, mentionIds },
    });
    const already = new Set(comment.mentionIds);
    await notifyUsers(tx, ctx, { userIds: mentionIds.filter((id) => !already.has(id)), kind: "MENTION", claimId: comment.claimId, commentId: comment.id });
    return { id: comment.id, articleId: comment.claim.articleId, version: updated.version };
  });
}
