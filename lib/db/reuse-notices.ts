import "server-only";
import { parseRatingScale, ratingLabel } from "@/lib/domain/rating-scale";
import { recordEvent, type Ctx } from "./audit";
import type { Tx } from "./client";
import { notifyUsers } from "./notifications";

/**
 * The original's verdict changed (reopened, or a new decision published on it): every claim whose
 * newest decision copies one of the original's hears of it in its own article's feed, so its open
 * pages refresh the claim and show that its reused verdict is out of date. Nothing is published
 * on the duplicates: their verdicts stay as they were until someone reuses the new one through
 * the publishing rules. The notices leave the duplicates' rows alone (the caller holds only the
 * original's lock), so they never wait on a duplicate being edited.
 *
 * Each duplicate's people also get a line in their inbox (REUSED_VERDICT_OUTDATED): the people
 * assigned to it, who own its follow-up; when nobody is, whoever published the reused verdict
 * on it, who vouched for the copy. Never the person who moved the original (notifyUsers leaves
 * them out, as for every line).
 */
export async function noticeReusersOfOriginal(
  tx: Tx,
  ctx: Ctx,
  originalClaimId: string,
  change: { kind: "reopened" } | { kind: "corrected"; decisionId: string; rating: string },
): Promise<number> {
  const reusers = await tx.$queryRaw<Array<{ id: string; articleId: string; decisionId: string; publisherId: string | null; assigneeIds: string[] }>>`
    SELECT c."id", c."articleId", d."id" AS "decisionId", d."approvedById" AS "publisherId",
      ARRAY(SELECT a."userId" FROM "ClaimAssignee" a WHERE a."claimId" = c."id" ORDER BY a."userId") AS "assigneeIds"
    FROM "Decision" s
    JOIN "Decision" d ON d."reusedFromDecisionId" = s."id" AND d."workspaceId" = s."workspaceId"
    JOIN "Claim" c ON c."id" = d."claimId" AND c."workspaceId" = d."workspaceId"
    WHERE s."workspaceId" = ${ctx.workspaceId} AND s."claimId" = ${originalClaimId}
      AND d."id" = (SELECT n."id" FROM "Decision" n WHERE n."workspaceId" = c."workspaceId" AND n."claimId" = c."id" ORDER BY n."createdAt" DESC, n."id" DESC LIMIT 1)
    ORDER BY c."articleId", c."id"`;
  for (const r of reusers) {
    await recordEvent(
      tx,
      ctx,
      {
        action: "claim.original_verdict_changed",
        entityType: "claim",
        entityId: r.id,
        articleId: r.articleId,
        claimId: r.id,
        after: { change: change.kind, originalClaimId, reusedDecisionId: r.decisionId, ...(change.kind === "corrected" ? { decisionId: change.decisionId, rating: change.rating } : {}) },
      },
      { stampClaim: false },
    );
  }
  if (reusers.length > 0) {
    const label = change.kind === "corrected" ? await ratingLabelNow(tx, ctx.workspaceId, change.rating) : null;
    for (const r of reusers) {
      const userIds = r.assigneeIds.length > 0 ? r.assigneeIds : r.publisherId ? [r.publisherId] : [];
      await notifyUsers(tx, ctx, {
        userIds,
        kind: "REUSED_VERDICT_OUTDATED",
        claimId: r.id,
        detail: { change: change.kind, originalClaimId, ...(change.kind === "corrected" ? { rating: change.rating, ratingLabel: label } : {}) },
      });
    }
  }
  return reusers.length;
}

/** The rating's label on the desk's scale as it stands, kept with the line (the inbox spans workspaces). */
async function ratingLabelNow(tx: Tx, workspaceId: string, rating: string): Promise<string> {
  const workspace = await tx.workspace.findFirst({ where: { id: workspaceId }, select: { ratingScale: true } });
  return (workspace && ratingLabel(parseRatingScale(workspace.ratingScale), rating)) ?? rating;
}
