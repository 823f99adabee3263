import "server-only";
import { REUSE_SOURCE_SELECT } from "@/lib/domain/reuse";
import { canSeeOthersRatings, type Actor } from "@/lib/auth/policy";
import type { CursorKey } from "@/lib/api/v1/cursor";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { getDb } from "./client";

// Reads for /api/v1 lists: keyset pages (limit + 1 rows, after the cursor's key), always inside
// the workspaces given. The pipeline has already checked the caller's membership.

export const ARTICLE_FIELDS = { id: true, workspaceId: true, title: true, outlet: true, author: true, url: true, publishedAt: true, createdAt: true, version: true } as const;

/** Articles of these workspaces, newest first. */
export async function pageArticles(workspaceIds: string[], after: CursorKey | null, limit: number) {
  const db = getDb();
  const keyset = after ? { OR: [{ createdAt: { lt: new Date(String(after[0])) } }, { createdAt: new Date(String(after[0])), id: { lt: after[1] } }] } : {};
  const rows = await db.article.findMany({
    where: { workspaceId: { in: workspaceIds }, ...keyset },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: ARTICLE_FIELDS,
  });
  const counts = await claimCounts(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, claimCounts: counts.get(r.id) ?? { total: 0, published: 0 } }));
}

export async function claimCounts(articleIds: string[]) {
  const groups = articleIds.length
    ? await getDb().claim.groupBy({ by: ["articleId", "status"], where: { articleId: { in: articleIds } }, _count: { _all: true } })
    : [];
  const out = new Map<string, { total: number; published: number }>();
  for (const g of groups) {
    const entry = out.get(g.articleId) ?? { total: 0, published: 0 };
    if (g.status !== "DISMISSED") entry.total += g._count._all;
    if (g.status === "PUBLISHED") entry.published += g._count._all;
    out.set(g.articleId, entry);
  }
  return out;
}

export async function readArticle(workspaceId: string, articleId: string) {
  const row = await getDb().article.findFirst({ where: { id: articleId, workspaceId }, select: { ...ARTICLE_FIELDS, body: true } });
  if (!row) return null;
  const counts = await claimCounts([row.id]);
  return { ...row, claimCounts: counts.get(row.id) ?? { total: 0, published: 0 } };
}

export const CLAIM_SUMMARY_FIELDS = {
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
  _count: { select: { sources: true } },
  decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { rating: true } },
} as const;

/** An article's claims in text order, optionally of one status. */
export async function pageClaims(workspaceId: string, articleId: string, status: ClaimStatus | undefined, after: CursorKey | null, limit: number) {
  const keyset = after ? { OR: [{ start: { gt: Number(after[0]) } }, { start: Number(after[0]), id: { gt: after[1] } }] } : {};
  return getDb().claim.findMany({
    where: { workspaceId, articleId, ...(status ? { status } : {}), ...keyset },
    orderBy: [{ start: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: CLAIM_SUMMARY_FIELDS,
  });
}

const oldestFirstAfter = (after: CursorKey | null) =>
  after ? { OR: [{ createdAt: { gt: new Date(String(after[0])) } }, { createdAt: new Date(String(after[0])), id: { gt: after[1] } }] } : {};

export const SOURCE_FIELDS = {
  id: true,
  claimId: true,
  url: true,
  title: true,
  publisher: true,
  kind: true,
  stance: true,
  quotation: true,
  publishedAt: true,
  accessedAt: true,
  version: true,
  createdAt: true,
  addedBy: { select: { id: true, name: true } },
} as const;

export async function pageSources(workspaceId: string, claimId: string, after: CursorKey | null, limit: number) {
  return getDb().source.findMany({ where: { workspaceId, claimId, ...oldestFirstAfter(after) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit + 1, select: SOURCE_FIELDS });
}

export async function readSource(workspaceId: string, sourceId: string) {
  return getDb().source.findFirst({ where: { id: sourceId, workspaceId }, select: SOURCE_FIELDS });
}

const REVIEW_FIELDS = { id: true, claimId: true, rating: true, rationale: true, confidence: true, version: true, reviewerId: true, reviewer: { select: { name: true } }, updatedAt: true, createdAt: true } as const;

/**
 * Reviews of a claim as this viewer may see them (independent reviews: others' ratings stay
 * hidden until the viewer's own review is in, or they are an editor).
 */
export async function pageReviews(workspaceId: string, claimId: string, viewer: Actor, after: CursorKey | null, limit: number) {
  const db = getDb();
  const [rows, own] = await Promise.all([
    db.review.findMany({ where: { workspaceId, claimId, ...oldestFirstAfter(after) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit + 1, select: REVIEW_FIELDS }),
    db.review.count({ where: { workspaceId, claimId, reviewerId: viewer.userId } }),
  ]);
  return redactReviews(viewer, rows, own > 0);
}

export async function readReview(workspaceId: string, reviewId: string, viewer: Actor) {
  const row = await getDb().review.findFirst({ where: { id: reviewId, workspaceId }, select: REVIEW_FIELDS });
  if (!row) return null;
  const own = await getDb().review.count({ where: { workspaceId, claimId: row.claimId, reviewerId: viewer.userId } });
  return redactReviews(viewer, [row], own > 0)[0] ?? null;
}

type ReviewRow = { id: string; claimId: string; rating: string; rationale: string; confidence: number | null; version: number; reviewerId: string; reviewer: { name: string }; updatedAt: Date; createdAt: Date };

function redactReviews(viewer: Actor, rows: ReviewRow[], hasOwnReview: boolean) {
  const seesAll = canSeeOthersRatings(viewer, { hasOwnReview });
  return rows.map((r) => (seesAll || r.reviewerId === viewer.userId ? { ...r, hidden: false } : { ...r, rating: null, rationale: null, confidence: null, hidden: true }));
}

const DECISION_FIELDS = {
  id: true,
  claimId: true,
  rating: true,
  summary: true,
  createdAt: true,
  reusedFromDecisionId: true,
  approvedBy: { select: { id: true, name: true } },
  // The original's state and newest decision, read with the decisions (no query per decision).
  reusedFrom: { select: REUSE_SOURCE_SELECT },
} as const;

export async function pageDecisions(workspaceId: string, claimId: string, after: CursorKey | null, limit: number) {
  return getDb().decision.findMany({ where: { workspaceId, claimId, ...oldestFirstAfter(after) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit + 1, select: DECISION_FIELDS });
}

export async function readDecision(workspaceId: string, decisionId: string) {
  return getDb().decision.findFirst({ where: { id: decisionId, workspaceId }, select: DECISION_FIELDS });
}

const COMMENT_FIELDS = { id: true, claimId: true, parentId: true, body: true, version: true, createdAt: true, editedAt: true, author: { select: { id: true, name: true } } } as const;

export async function pageComments(workspaceId: string, claimId: string, after: CursorKey | null, limit: number) {
  return getDb().comment.findMany({ where: { workspaceId, claimId, ...oldestFirstAfter(after) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit + 1, select: COMMENT_FIELDS });
}

export async function readComment(workspaceId: string, commentId: string) {
  return getDb().comment.findFirst({ where: { id: commentId, workspaceId }, select: COMMENT_FIELDS });
}

/** Who owns what, for the policy's ownership rules. */
export async function reviewOwner(workspaceId: string, reviewId: string) {
  return getDb().review.findFirst({ where: { id: reviewId, workspaceId }, select: { reviewerId: true, claimId: true } });
}

export async function commentOwner(workspaceId: string, commentId: string) {
  return getDb().comment.findFirst({ where: { id: commentId, workspaceId }, select: { authorId: true } });
}
