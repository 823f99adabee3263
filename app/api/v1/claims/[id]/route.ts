import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseJsonBody, parseOrThrow } from "@/lib/api/parse";
import { authorize, authorizeRole, requireClaimMember } from "@/lib/auth/guards";
import { getClaimDetail } from "@/lib/db/claim-detail";
import { updateClaim } from "@/lib/db/claims";
import { notFound } from "@/lib/errors";
import { claimParamsSchema } from "@/lib/validation/api";
import { updateClaimSchema } from "@/lib/validation/claim";

async function claimJson(workspaceId: string, claimId: string, viewer: Parameters<typeof getClaimDetail>[2]) {
  const claim = await getClaimDetail(workspaceId, claimId, viewer);
  if (!claim) throw notFound("That claim");
  return {
    id: claim.id,
    articleId: claim.articleId,
    quote: claim.quote,
    start: claim.start,
    end: claim.end,
    statement: claim.statement,
    claimant: claim.claimant,
    score: claim.score,
    status: claim.status,
    version: claim.version,
    sources: claim.sources.map((s) => ({ id: s.id, url: s.url, title: s.title, publisher: s.publisher, kind: s.kind, stance: s.stance, quotation: s.quotation, version: s.version, addedBy: s.addedBy?.name ?? null })),
    // Independent reviews: ratings the caller may not see yet are null, with hidden: true.
    reviews: claim.reviews.map((r) => ({ id: r.id, reviewer: r.reviewer.name, rating: r.rating, rationale: r.rationale, confidence: r.confidence, hidden: r.hidden })),
    decisions: claim.decisions.map((d) => ({ id: d.id, rating: d.rating, summary: d.summary, approvedBy: d.approvedBy?.name ?? null, createdAt: d.createdAt.toISOString() })),
  };
}

/** GET /api/v1/claims/{id}: the claim with its sources, reviews (as the caller may see them) and verdicts. */
export const GET = apiRoute<{ id: string }>(async (_request, { user, params }) => {
  const { id } = parseOrThrow(claimParamsSchema, params);
  const member = await requireClaimMember(user, id);
  authorize(member, "workspace:read");
  return NextResponse.json(await claimJson(member.workspace.id, id, member.actor), { headers: { "Cache-Control": "no-store" } });
});

/**
 * PATCH /api/v1/claims/{id} {version, statement, claimant?}: rewords the statement as checked.
 * 409 with `error.current` ({version, fields}) when `version` is not the current one.
 */
export const PATCH = apiRoute<{ id: string }>(async (request, { user, params }) => {
  const { id } = parseOrThrow(claimParamsSchema, params);
  const body = await parseJsonBody(updateClaimSchema.omit({ claimId: true }), request);
  const member = await requireClaimMember(user, id);
  authorizeRole(member, "claim:edit");
  await updateClaim({ workspaceId: member.workspace.id, userId: user.id, origin: "API" }, { ...body, claimId: id });
  return NextResponse.json(await claimJson(member.workspace.id, id, member.actor), { headers: { "Cache-Control": "no-store" } });
});
