import "server-only";
import { recordEvent, type Ctx } from "./audit";
import type { Tx } from "./client";

/**
 * The original's verdict changed (reopened, or a new decision published on it): every claim whose
 * newest decision copies one of the original's hears of it in its own article's feed, so its open
 * pages refresh the claim and show that its reused verdict is out of date. Nothing is published
 * on the duplicates: their verdicts stay as they were until someone reuses the new one through
 * the publishing rules. The notices leave the duplicates' rows alone (the caller holds only the
 * original's lock), so they never wait on a duplicate being edited.
 */
export async function noticeReusersOfOriginal(
  tx: Tx,
  ctx: Ctx,
  originalClaimId: string,
  change: { kind: "reopened" } | { kind: "corrected"; decisionId: string; rating: string },
): Promise<number> {
  const reusers = await tx.$queryRaw<Array<{ id: string; articleId: string; decisionId: string }>>`
    SELECT c."id", c."articleId", d."id" AS "decisionId"
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
  return reusers.length;
}
