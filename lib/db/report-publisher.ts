import "server-only";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import { parseRatingScale } from "@/lib/domain/rating-scale";
import { notFound } from "@/lib/errors";
import type { PublisherInput } from "@/lib/validation/publisher";
import { recordEvent, type Ctx } from "./audit";
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

/** The organisation as an admin set it (empty fields: the workspace name is used, and no website). */
export async function getPublisherSettings(workspaceId: string): Promise<{ organizationName: string | null; organizationUrl: string | null }> {
  const workspace = await getDb().workspace.findFirst({ where: { id: workspaceId }, select: { organizationName: true, organizationUrl: true } });
  if (!workspace) throw notFound("That workspace");
  return workspace;
}

/** Sets the publisher named on published fact-checks (admins), under the workspace lock, with its event. */
export async function setPublisher(ctx: Ctx, mayTake: MayTake, input: PublisherInput): Promise<void> {
  requireMay(mayTake, "settings:manage");
  await getDb().$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<Array<{ organizationName: string | null; organizationUrl: string | null }>>`
      SELECT "organizationName", "organizationUrl" FROM "Workspace" WHERE "id" = ${ctx.workspaceId} FOR UPDATE`;
    if (!before) throw notFound("That workspace");
    const after = { organizationName: input.organizationName ?? null, organizationUrl: input.organizationUrl ?? null };
    if (before.organizationName === after.organizationName && before.organizationUrl === after.organizationUrl) return;
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: after });
    await recordEvent(tx, ctx, { action: "workspace.updated", entityType: "workspace", entityId: ctx.workspaceId, before, after });
  });
}
