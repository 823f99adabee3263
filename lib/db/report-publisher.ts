import "server-only";
import { parseRatingScale } from "@/lib/domain/rating-scale";
import type { ClaimReviewContext } from "@/lib/reports/claim-review";
import { getDb } from "./client";

/**
 * What ClaimReview needs beyond the report itself: the publishing organisation (the workspace's,
 * its name when unset), the rating scale, and when each claim's first verdict came out.
 */
export async function getClaimReviewPublisher(workspaceId: string, articleId: string): Promise<Omit<ClaimReviewContext, "reviewUrl"> | null> {
  const db = getDb();
  const [workspace, firsts] = await Promise.all([
    db.workspace.findFirst({ where: { id: workspaceId }, select: { name: true, organizationName: true, organizationUrl: true, ratingScale: true } }),
    db.decision.groupBy({ by: ["claimId"], where: { workspaceId, claim: { articleId } }, _min: { createdAt: true } }),
  ]);
  if (!workspace) return null;
  const firstPublishedAt = new Map<string, Date>();
  for (const row of firsts) if (row._min.createdAt) firstPublishedAt.set(row.claimId, row._min.createdAt);
  return {
    publisher: { name: workspace.organizationName?.trim() || workspace.name, url: workspace.organizationUrl?.trim() || null },
    ratingScale: parseRatingScale(workspace.ratingScale),
    firstPublishedAt,
  };
}
