import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ChangeKind, ChangeOrigin } from "@/lib/realtime/change";
import { CHANGE_CHANNEL, encodeNotice } from "@/lib/realtime/change";
import { archivedWorkspace } from "@/lib/errors";
import type { Tx } from "./client";

/** Who is acting, in which workspace, and through what: every lib/db write takes one. */
export type Ctx = { workspaceId: string; userId: string; origin: ChangeOrigin };

/** The command line and the seed act as nobody in particular. */
export type SystemCtx = { workspaceId: string; userId: string | null; origin?: ChangeOrigin };

type EventInput = {
  action: ChangeKind;
  entityType: "article" | "claim" | "source" | "review" | "decision" | "member" | "comment" | "invitation" | "share_link" | "workspace" | "user" | "webhook";
  entityId: string;
  /** Every change to an article or anything in it names the article: it is the feed's key. */
  articleId?: string | null;
  claimId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/**
 * Nothing changes in an archived workspace, whatever route a write took. Every write records an
 * event in its transaction, so the check lives here, under a share lock on the workspace row:
 * archiving waits for writes in flight, and a write that waited for the archive sees it. The
 * archiving itself and the command line (an operator's tool) pass.
 */
async function refuseIfArchived(tx: Tx, ctx: Ctx | SystemCtx, action: ChangeKind): Promise<void> {
  if ((ctx.origin ?? "SYSTEM") === "SYSTEM" || action === "workspace.archived") return;
  const [row] = await tx.$queryRaw<Array<{ archived: boolean }>>`SELECT "archivedAt" IS NOT NULL AS "archived" FROM "Workspace" WHERE "id" = ${ctx.workspaceId} FOR SHARE`;
  if (row?.archived) throw archivedWorkspace();
}

// Namespace for the per-article advisory locks (the second key is the article id's hash).
const ARTICLE_FEED_LOCK = 0x66656564; // "feed"

/**
 * Appends to the audit trail, which is also the change feed. Call it inside the transaction
 * that makes the change: the event row, the claim's revision and the notification all commit
 * with the change or not at all (PostgreSQL delivers NOTIFY only on commit).
 *
 * The per-article lock makes ids within an article grow in commit order: a transaction that
 * took id 100 commits before another takes id 101 for the same article. Without it, a
 * reader that has seen 101 could later miss 100, committed a moment after.
 */
export async function recordEvent(
  tx: Tx,
  ctx: Ctx | SystemCtx,
  event: EventInput,
  /**
   * `stampClaim: false` leaves the claim's row (and its `rev`) alone: for a notice about a claim
   * this transaction has not locked (its row unchanged), so it never waits on that row.
   */
  options: { stampClaim?: boolean } = {},
): Promise<bigint> {
  await refuseIfArchived(tx, ctx, event.action);
  const articleId = event.articleId ?? null;
  if (articleId) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ARTICLE_FEED_LOCK}::int, hashtext(${articleId}))`;
  const { id } = await tx.event.create({
    data: {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      origin: ctx.origin ?? "SYSTEM",
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      articleId,
      claimId: event.claimId ?? null,
      before: event.before ?? undefined,
      after: event.after ?? undefined,
    },
    select: { id: true },
  });
  if (event.claimId && options.stampClaim !== false) await tx.claim.updateMany({ where: { id: event.claimId, workspaceId: ctx.workspaceId }, data: { rev: id } });
  await tx.$executeRaw`SELECT pg_notify(${CHANGE_CHANNEL}, ${encodeNotice({ workspaceId: ctx.workspaceId, articleId, eventId: id })})`;
  return id;
}
