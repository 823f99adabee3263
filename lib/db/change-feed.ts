import "server-only";
import type { Role } from "@/lib/auth/policy";
import { getDb } from "./client";

// Reads behind the live stream: an article's events after a cursor, and who may still see them.

export type FeedEvent = {
  id: bigint;
  action: string;
  entityType: string;
  entityId: string;
  claimId: string | null;
  origin: "WEB" | "API" | "SYSTEM";
  before: unknown;
  after: unknown;
  createdAt: Date;
  actor: { id: string; name: string } | null;
};

/** The newest event of an article: where a fresh view of it starts following. */
export async function latestArticleEventId(workspaceId: string, articleId: string): Promise<bigint> {
  const row = await getDb().event.findFirst({ where: { workspaceId, articleId }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0n;
}

/** An article's events after `afterId`, oldest first. Ids grow in commit order within an article. */
export async function readArticleEvents(workspaceId: string, articleId: string, afterId: bigint, limit = 500): Promise<FeedEvent[]> {
  return getDb().event.findMany({
    where: { workspaceId, articleId, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      claimId: true,
      origin: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  });
}

/** The roles that these users hold in the workspace now; removed members and disabled accounts are absent. */
export async function currentRoles(workspaceId: string, userIds: string[]): Promise<Map<string, Role>> {
  const rows = await getDb().membership.findMany({
    where: { workspaceId, userId: { in: userIds }, disabledAt: null, user: { disabledAt: null } },
    select: { userId: true, role: true },
  });
  return new Map(rows.map((r) => [r.userId, r.role]));
}

/** Which of these users have their own review on which of these claims, as "claimId:userId". */
export async function ownReviewKeys(workspaceId: string, claimIds: string[], userIds: string[]): Promise<Set<string>> {
  if (claimIds.length === 0 || userIds.length === 0) return new Set();
  const rows = await getDb().review.findMany({
    where: { workspaceId, claimId: { in: claimIds }, reviewerId: { in: userIds } },
    select: { claimId: true, reviewerId: true },
  });
  return new Set(rows.map((r) => `${r.claimId}:${r.reviewerId}`));
}
