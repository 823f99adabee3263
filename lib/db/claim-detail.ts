import "server-only";
import { getDb } from "./client";

/** Everything the claim panel shows, scoped to the workspace. */
export async function getClaimDetail(workspaceId: string, claimId: string) {
  const db = getDb();
  const claim = await db.claim.findFirst({
    where: { id: claimId, workspaceId },
    select: {
      id: true,
      articleId: true,
      quote: true,
      start: true,
      end: true,
      statement: true,
      claimant: true,
      score: true,
      status: true,
      origin: true,
      version: true,
      createdAt: true,
      sources: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          url: true,
          title: true,
          publisher: true,
          kind: true,
          stance: true,
          quotation: true,
          publishedAt: true,
          accessedAt: true,
          version: true,
          addedById: true,
          addedBy: { select: { name: true } },
          createdAt: true,
        },
      },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { id: true, rating: true, rationale: true, confidence: true, reviewerId: true, reviewer: { select: { name: true } }, updatedAt: true },
      },
      decisions: {
        orderBy: { createdAt: "desc" },
        select: { id: true, rating: true, summary: true, createdAt: true, approvedBy: { select: { name: true } } },
      },
    },
  });
  if (!claim) return null;
  const events = await db.event.findMany({
    where: { workspaceId, claimId },
    orderBy: { id: "desc" },
    take: 50,
    select: { id: true, action: true, after: true, before: true, createdAt: true, actor: { select: { name: true } } },
  });
  return { ...claim, events: events.map((e) => ({ ...e, id: e.id.toString() })) };
}

export type ClaimDetail = NonNullable<Awaited<ReturnType<typeof getClaimDetail>>>;
