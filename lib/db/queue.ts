import "server-only";
import { CLAIM_STATUSES, type ClaimStatus } from "@/lib/domain/workflow";
import { getDb } from "./client";
import { meetsTwoFactorRequirement } from "./two-factor";

export type QueueItem = {
  claimId: string;
  statement: string;
  status: ClaimStatus;
  assignedAt: Date;
  article: { id: string; title: string };
  workspace: { slug: string; name: string };
};

/**
 * Everything assigned to this person, across articles and the workspaces where they are still an
 * active member (an archived workspace's claims drop out): by workflow status, oldest assignment
 * first within each.
 */
export async function listMyQueue(userId: string): Promise<QueueItem[]> {
  const rows = await getDb().claimAssignee.findMany({
    where: { userId, claim: { workspace: { archivedAt: null, memberships: { some: { userId, disabledAt: null } }, ...meetsTwoFactorRequirement(userId) } } },
    orderBy: { createdAt: "asc" },
    take: 1000,
    select: {
      createdAt: true,
      claim: {
        select: {
          id: true,
          statement: true,
          status: true,
          article: { select: { id: true, title: true } },
          workspace: { select: { slug: true, name: true } },
        },
      },
    },
  });
  const order = (status: ClaimStatus) => CLAIM_STATUSES.indexOf(status);
  return rows
    .map((r) => ({ claimId: r.claim.id, statement: r.claim.statement, status: r.claim.status, assignedAt: r.createdAt, article: r.claim.article, workspace: r.claim.workspace }))
    .sort((a, b) => order(a.status) - order(b.status) || a.assignedAt.getTime() - b.assignedAt.getTime());
}
