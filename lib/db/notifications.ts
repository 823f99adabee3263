import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Ctx } from "./audit";
import type { Tx } from "./client";

export type NotificationKind = "MENTION" | "ASSIGNMENT" | "STATUS" | "REUSED_VERDICT_OUTDATED";

/**
 * Puts a line in the inbox of each of these people, inside the transaction that made the change,
 * so an inbox never tells of something that did not happen. Nobody is told of their own doing,
 * and only people who are still active members of the workspace hear anything.
 */
export async function notifyUsers(
  tx: Tx,
  ctx: Ctx,
  input: { userIds: readonly string[]; kind: NotificationKind; claimId?: string | null; commentId?: string | null; detail?: Prisma.InputJsonValue },
): Promise<number> {
  const candidates = [...new Set(input.userIds)].filter((id) => id !== ctx.userId);
  if (candidates.length === 0) return 0;
  const members = await tx.membership.findMany({
    where: { workspaceId: ctx.workspaceId, userId: { in: candidates }, disabledAt: null, user: { disabledAt: null } },
    select: { userId: true },
  });
  if (members.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: members.map((m) => ({
      workspaceId: ctx.workspaceId,
      userId: m.userId,
      kind: input.kind,
      claimId: input.claimId ?? null,
      commentId: input.commentId ?? null,
      actorId: ctx.userId,
      detail: input.detail,
    })),
  });
  return count;
}
