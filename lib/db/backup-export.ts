import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseRatingScale } from "@/lib/domain/rating-scale";
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from "@/lib/validation/backup";
import { recordEvent, type Ctx, type SystemCtx } from "./audit";
import { getDb } from "./client";

// The whole workspace as one backup (lib/validation/backup.ts), read in one REPEATABLE READ,
// READ ONLY transaction: every table is read from the same snapshot, so a claim written while
// the export runs is either in the file with its article, sources and events, or not at all.

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
/** JSON columns come back as JSON values (or null); the file keeps them as they are. */
const jsonOrNull = (v: unknown) => (v === undefined ? null : (v as Backup["events"][number]["before"]));

export async function exportWorkspace(workspaceId: string, db: PrismaClient = getDb()): Promise<Backup> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
      const where = { workspaceId };
      const ws = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
      const [memberships, articles, articleRevisions, claims, claimAssignees, sources, reviews, decisions, comments, invitations, notifications, events, webhooks] = [
        await tx.membership.findMany({ where, orderBy: { id: "asc" } }),
        await tx.article.findMany({ where, orderBy: { id: "asc" } }),
        await tx.articleRevision.findMany({ where, orderBy: { id: "asc" } }),
        await tx.claim.findMany({ where, orderBy: { id: "asc" } }),
        await tx.claimAssignee.findMany({ where: { claim: { workspaceId } }, orderBy: [{ claimId: "asc" }, { userId: "asc" }] }),
        await tx.source.findMany({ where, orderBy: { id: "asc" } }),
        await tx.review.findMany({ where, orderBy: { id: "asc" } }),
        await tx.decision.findMany({ where, orderBy: { id: "asc" } }),
        await tx.comment.findMany({ where, orderBy: { id: "asc" } }),
        await tx.invitation.findMany({ where, orderBy: { id: "asc" } }),
        await tx.notification.findMany({ where, orderBy: { id: "asc" } }),
        await tx.event.findMany({ where, orderBy: { id: "asc" } }),
        await tx.webhook.findMany({ where, orderBy: { id: "asc" } }),
      ];
      // Everyone the workspace's rows point at, members or not (a removed member's old review).
      const userIds = new Set<string>();
      const add = (id: string | null) => void (id && userIds.add(id));
      memberships.forEach((r) => add(r.userId));
      articles.forEach((r) => add(r.createdById));
      articleRevisions.forEach((r) => add(r.createdById));
      claims.forEach((r) => add(r.createdById));
      claimAssignees.forEach((r) => (add(r.userId), add(r.assignedById)));
      sources.forEach((r) => add(r.addedById));
      reviews.forEach((r) => add(r.reviewerId));
      decisions.forEach((r) => add(r.approvedById));
      comments.forEach((r) => (add(r.authorId), r.mentionIds.forEach(add)));
      invitations.forEach((r) => (add(r.createdById), add(r.acceptedById)));
      notifications.forEach((r) => (add(r.userId), add(r.actorId)));
      events.forEach((r) => add(r.actorId));
      webhooks.forEach((r) => add(r.createdById));
      // Password hashes never leave the server.
      const users = await tx.user.findMany({
        where: { id: { in: [...userIds] } },
        orderBy: { id: "asc" },
        select: { id: true, email: true, name: true, disabledAt: true, createdAt: true, updatedAt: true },
      });

      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: new Date().toISOString(),
        workspace: {
          id: ws.id,
          slug: ws.slug,
          name: ws.name,
          ratingScale: parseRatingScale(ws.ratingScale),
          minSourcesToPublish: ws.minSourcesToPublish,
          minReviewsToPublish: ws.minReviewsToPublish,
          fourEyes: ws.fourEyes,
          highlightThreshold: ws.highlightThreshold,
          organizationName: ws.organizationName,
          organizationUrl: ws.organizationUrl,
          archivedAt: isoOrNull(ws.archivedAt),
          requireTwoFactor: ws.requireTwoFactor,
          createdAt: iso(ws.createdAt),
          updatedAt: iso(ws.updatedAt),
        },
        users: users.map((u) => ({ ...u, disabledAt: isoOrNull(u.disabledAt), createdAt: iso(u.createdAt), updatedAt: iso(u.updatedAt) })),
        memberships: memberships.map(({ workspaceId: _w, ...r }) => ({ ...r, disabledAt: isoOrNull(r.disabledAt), createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
        articles: articles.map(({ workspaceId: _w, ...r }) => ({ ...r, publishedAt: isoOrNull(r.publishedAt), createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
        articleRevisions: articleRevisions.map(({ workspaceId: _w, ...r }) => ({ ...r, createdAt: iso(r.createdAt) })),
        claims: claims.map(({ workspaceId: _w, ...r }) => ({ ...r, rev: r.rev.toString(), createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
        claimAssignees: claimAssignees.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
        sources: sources.map(({ workspaceId: _w, ...r }) => ({
          ...r,
          publishedAt: isoOrNull(r.publishedAt),
          accessedAt: isoOrNull(r.accessedAt),
          createdAt: iso(r.createdAt),
          updatedAt: iso(r.updatedAt),
        })),
        reviews: reviews.map(({ workspaceId: _w, ...r }) => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
        decisions: decisions.map(({ workspaceId: _w, ...r }) => ({ ...r, createdAt: iso(r.createdAt) })),
        comments: comments.map(({ workspaceId: _w, ...r }) => ({ ...r, editedAt: isoOrNull(r.editedAt), createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
        // Not the token hash: an invitation link does not survive a backup.
        invitations: invitations.map(({ workspaceId: _w, tokenHash: _t, ...r }) => ({
          ...r,
          expiresAt: iso(r.expiresAt),
          acceptedAt: isoOrNull(r.acceptedAt),
          revokedAt: isoOrNull(r.revokedAt),
          createdAt: iso(r.createdAt),
        })),
        notifications: notifications.map(({ workspaceId: _w, ...r }) => ({ ...r, detail: jsonOrNull(r.detail), readAt: isoOrNull(r.readAt), createdAt: iso(r.createdAt) })),
        events: events.map(({ workspaceId: _w, ...r }) => ({ ...r, id: r.id.toString(), before: jsonOrNull(r.before), after: jsonOrNull(r.after), createdAt: iso(r.createdAt) })),
        // Not the signing secret: a restored webhook gets a new one and starts disabled.
        webhooks: webhooks.map(({ workspaceId: _w, secret: _s, ...r }) => ({ ...r, disabledAt: isoOrNull(r.disabledAt), createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
      } satisfies Backup;
    },
    { isolationLevel: "RepeatableRead", timeout: 300_000, maxWait: 10_000 },
  );
}

/** `factdesk-SLUG-2026-11-29.json`: the file name a download and the command line suggest. */
export function backupFileName(slug: string, at: Date, gzip = false): string {
  return `factdesk-${slug}-${at.toISOString().slice(0, 10)}.json${gzip ? ".gz" : ""}`;
}

/** The audit line for a download: who took a copy of everything, and when. */
export async function recordExport(ctx: Ctx | SystemCtx, backup: Backup): Promise<void> {
  await getDb().$transaction((tx) =>
    recordEvent(tx, ctx, {
      action: "workspace.exported",
      entityType: "workspace",
      entityId: ctx.workspaceId,
      after: { articles: backup.articles.length, claims: backup.claims.length, events: backup.events.length },
    }),
  );
}
