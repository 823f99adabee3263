import "server-only";
import { REUSE_SOURCE_SELECT } from "@/lib/domain/reuse";
import { canSeeOthersRatings, type Actor } from "@/lib/auth/policy";
import { getDb } from "./client";

type ReviewRow = { id: string; rating: string; rationale: string; confidence: number | null; version: number; reviewerId: string; reviewer: { name: string }; updatedAt: Date };
type EventRow = { id: bigint; action: string; before: unknown; after: unknown; createdAt: Date; actor: { name: string } | null };

/** A review as this viewer may see it: someone else's rating stays hidden until the policy allows it. */
export type VisibleReview = Omit<ReviewRow, "rating" | "rationale" | "confidence"> & { rating: string | null; rationale: string | null; confidence: number | null; hidden: boolean };

/**
 * Applies the independent-review rule to what leaves the database: hidden reviews lose their
 * rating, rationale and confidence, and review events lose the before/after that carry ratings.
 */
export function redactForViewer(viewer: Actor, reviews: ReviewRow[], events: EventRow[]) {
  const seesAll = canSeeOthersRatings(viewer, { hasOwnReview: reviews.some((r) => r.reviewerId === viewer.userId) });
  const visibleReviews: VisibleReview[] = reviews.map((r) =>
    seesAll || r.reviewerId === viewer.userId ? { ...r, hidden: false } : { ...r, rating: null, rationale: null, confidence: null, hidden: true },
  );
  const visibleEvents = events.map((e) => ({
    ...e,
    id: e.id.toString(),
    ...(seesAll || !e.action.startsWith("review.") ? {} : { before: null, after: null }),
  }));
  return { reviews: visibleReviews, events: visibleEvents };
}

/** Everything the claim panel shows to this viewer, scoped to the workspace. */
export async function getClaimDetail(workspaceId: string, claimId: string, viewer: Actor) {
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
      statusReason: true,
      origin: true,
      orphaned: true,
      version: true,
      rev: true,
      createdAt: true,
      assignees: { orderBy: { createdAt: "asc" }, select: { userId: true, createdAt: true, user: { select: { name: true } } } },
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
        select: { id: true, rating: true, rationale: true, confidence: true, version: true, reviewerId: true, reviewer: { select: { name: true } }, updatedAt: true },
      },
      decisions: {
        orderBy: { createdAt: "desc" },
        select: { id: true, rating: true, summary: true, createdAt: true, reusedFromDecisionId: true, approvedBy: { select: { name: true } }, reusedFrom: { select: REUSE_SOURCE_SELECT } },
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
  const { rev, reviews, ...rest } = claim;
  return { ...rest, rev: Number(rev), ...redactForViewer(viewer, reviews, events) };
}

export type ClaimDetail = NonNullable<Awaited<ReturnType<typeof getClaimDetail>>>;
