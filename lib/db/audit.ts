import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "./client";

/** Who is acting, and in which workspace: every lib/db write takes one. */
export type Ctx = { workspaceId: string; userId: string };

type EventInput = {
  action: string;
  entityType: "article" | "claim" | "source" | "review" | "decision" | "member";
  entityId: string;
  claimId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/**
 * Appends to the audit trail. Call it inside the transaction that makes the change. A null
 * userId marks a change made by the system itself (seed, command line).
 */
export async function recordEvent(tx: Tx, ctx: { workspaceId: string; userId: string | null }, event: EventInput): Promise<void> {
  await tx.event.create({
    data: {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      claimId: event.claimId ?? null,
      before: event.before ?? undefined,
      after: event.after ?? undefined,
    },
  });
}
