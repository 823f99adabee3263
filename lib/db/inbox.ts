import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownsPersonal } from "@/lib/auth/policy";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { getDb } from "./client";
import { meetsTwoFactorRequirement } from "./two-factor";

// A person's inbox across all their workspaces. Every query is scoped to the user's own id, and
// shows only lines from workspaces where they are still an active member (not archived).

export type InboxLine = {
  id: string;
  kind: "MENTION" | "ASSIGNMENT" | "STATUS" | "REUSED_VERDICT_OUTDATED";
  createdAt: Date;
  read: boolean;
  actorName: string | null;
  workspace: { slug: string; name: string };
  /** Null when the claim has since been deleted with its article. */
  claim: { id: string; statement: string; articleId: string; articleTitle: string } | null;
  /** For a status change: the steps it went between. */
  status: { from: ClaimStatus | null; to: ClaimStatus | null } | null;
  /** For a mention: the comment as it reads now. */
  commentBody: string | null;
  /** For a reused verdict gone out of date: what became of the original (and it, unless since removed). */
  reuse: { change: "reopened" | "corrected"; ratingLabel: string | null; original: { id: string; statement: string } | null } | null;
};

const visibleTo = (userId: string): Prisma.NotificationWhereInput => ({
  userId,
  workspace: { archivedAt: null, memberships: { some: { userId, disabledAt: null } }, ...meetsTwoFactorRequirement(userId) },
});

const detailField = (detail: unknown, key: string): string | null => {
  if (typeof detail !== "object" || detail === null) return null;
  const value = (detail as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
};
const statusOf = (detail: unknown, key: "from" | "to"): ClaimStatus | null => detailField(detail, key) as ClaimStatus | null;

/** The person's inbox, newest first; `unreadOnly` for the unread filter. */
export async function listInbox(userId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<InboxLine[]> {
  const db = getDb();
  const rows = await db.notification.findMany({
    where: { ...visibleTo(userId), ...(options.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 100,
    select: { id: true, kind: true, createdAt: true, readAt: true, claimId: true, commentId: true, actorId: true, detail: true, workspaceId: true, workspace: { select: { slug: true, name: true } } },
  });
  const ids = (pick: (r: (typeof rows)[number]) => string | null) => [...new Set(rows.flatMap((r) => (pick(r) ? [pick(r) as string] : [])))];
  const workspaceIds = ids((r) => r.workspaceId);
  const [claims, comments, actors] = await Promise.all([
    db.claim.findMany({ where: { id: { in: [...ids((r) => r.claimId), ...ids((r) => (r.kind === "REUSED_VERDICT_OUTDATED" ? detailField(r.detail, "originalClaimId") : null))] }, workspaceId: { in: workspaceIds } }, select: { id: true, workspaceId: true, statement: true, articleId: true, article: { select: { title: true } } } }),
    db.comment.findMany({ where: { id: { in: ids((r) => r.commentId) }, workspaceId: { in: workspaceIds } }, select: { id: true, workspaceId: true, body: true } }),
    db.user.findMany({ where: { id: { in: ids((r) => r.actorId) } }, select: { id: true, name: true } }),
  ]);
  // A claim or comment counts only in the notification's own workspace.
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const commentById = new Map(comments.map((c) => [c.id, c]));
  const actorById = new Map(actors.map((a) => [a.id, a.name]));
  return rows.map((r) => {
    const claim = r.claimId ? claimById.get(r.claimId) : undefined;
    const comment = r.commentId ? commentById.get(r.commentId) : undefined;
    const originalId = r.kind === "REUSED_VERDICT_OUTDATED" ? detailField(r.detail, "originalClaimId") : null;
    const original = originalId ? claimById.get(originalId) : undefined;
    return {
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt,
      read: r.readAt !== null,
      actorName: r.actorId ? (actorById.get(r.actorId) ?? null) : null,
      workspace: r.workspace,
      claim: claim && claim.workspaceId === r.workspaceId ? { id: claim.id, statement: claim.statement, articleId: claim.articleId, articleTitle: claim.article.title } : null,
      status: r.kind === "STATUS" ? { from: statusOf(r.detail, "from"), to: statusOf(r.detail, "to") } : null,
      commentBody: comment && comment.workspaceId === r.workspaceId ? comment.body : null,
      reuse:
        r.kind === "REUSED_VERDICT_OUTDATED"
          ? {
              change: detailField(r.detail, "change") === "corrected" ? "corrected" : "reopened",
              ratingLabel: detailField(r.detail, "ratingLabel") ?? detailField(r.detail, "rating"),
              original: original && original.workspaceId === r.workspaceId ? { id: original.id, statement: original.statement } : null,
            }
          : null,
    };
  });
}

export async function countUnread(userId: string): Promise<number> {
  return getDb().notification.count({ where: { ...visibleTo(userId), readAt: null } });
}

/** Whether a line is the person's own (and still shown to them): anyone else's is "not found". */
export async function ownsNotification(userId: string, notificationId: string): Promise<boolean> {
  const row = await getDb().notification.findFirst({ where: { id: notificationId, ...visibleTo(userId) }, select: { userId: true } });
  return row !== null && ownsPersonal(userId, row);
}

/** Marks one of the person's own lines read; someone else's id changes nothing. */
export async function markNotificationRead(userId: string, notificationId: string): Promise<boolean> {
  const { count } = await getDb().notification.updateMany({ where: { id: notificationId, userId, readAt: null }, data: { readAt: new Date() } });
  return count > 0;
}

export async function markAllNotificationsRead(userId: string): Promise<number> {
  const { count } = await getDb().notification.updateMany({ where: { ...visibleTo(userId), readAt: null }, data: { readAt: new Date() } });
  return count;
}

/** Where a line leads (its claim on the article page), marking it read on the way; null if nowhere. */
export async function openNotification(userId: string, notificationId: string): Promise<string | null> {
  const db = getDb();
  const row = await db.notification.findFirst({ where: { id: notificationId, ...visibleTo(userId) }, select: { id: true, claimId: true, workspaceId: true, workspace: { select: { slug: true } } } });
  if (!row) return null;
  await db.notification.updateMany({ where: { id: row.id, userId, readAt: null }, data: { readAt: new Date() } });
  if (!row.claimId) return null;
  const claim = await db.claim.findFirst({ where: { id: row.claimId, workspaceId: row.workspaceId }, select: { id: true, articleId: true } });
  return claim ? `/w/${row.workspace.slug}/articles/${claim.articleId}?claim=${claim.id}` : null;
}
