import "server-only";
import { REUSE_SOURCE_SELECT, reusedVerdictState, type ReuseSource } from "@/lib/domain/reuse";
import { canSeeOthersRatings, type Actor } from "@/lib/auth/policy";
import { parseRatingScale, ratingLabel } from "@/lib/domain/rating-scale";
import type { ReportData } from "@/lib/domain/report";
import { getDb } from "./client";

/**
 * The report's content for one article: every claim not dismissed, with its latest verdict,
 * its assignees and its reviews. Reviews follow the independent-review rule for `viewer`: a
 * rating someone else gave stays hidden from a reviewer who has not rated the claim yet (and
 * from everyone when no viewer is named).
 */
export async function getArticleReport(workspaceId: string, articleId: string, viewer?: Actor): Promise<ReportData | null> {
  const article = await getDb().article.findFirst({
    where: { id: articleId, workspaceId },
    select: {
      id: true,
      title: true,
      outlet: true,
      author: true,
      url: true,
      publishedAt: true,
      workspace: { select: { name: true, ratingScale: true, organizationName: true, organizationUrl: true } },
      claims: {
        where: { status: { not: "DISMISSED" } },
        orderBy: { start: "asc" },
        select: {
          id: true,
          quote: true,
          statement: true,
          claimant: true,
          status: true,
          statusReason: true,
          decisions: {
            orderBy: { createdAt: "desc" },
            take: 1,
            select: {
              rating: true,
              summary: true,
              createdAt: true,
              approvedBy: { select: { name: true } },
              reusedFrom: { select: REUSE_SOURCE_SELECT },
            },
          },
          sources: {
            orderBy: { createdAt: "asc" },
            select: { url: true, title: true, publisher: true, kind: true, stance: true, quotation: true, publishedAt: true, accessedAt: true },
          },
          assignees: { orderBy: { createdAt: "asc" }, select: { user: { select: { name: true } } } },
          reviews: {
            orderBy: { createdAt: "asc" },
            select: { reviewerId: true, rating: true, rationale: true, confidence: true, updatedAt: true, reviewer: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!article) return null;
  const scale = parseRatingScale(article.workspace.ratingScale);
  return {
    workspace: article.workspace.name,
    organization: { name: article.workspace.organizationName?.trim() || article.workspace.name, url: article.workspace.organizationUrl ?? null },
    generatedAt: new Date(),
    article: { id: article.id, title: article.title, outlet: article.outlet, author: article.author, url: article.url, publishedAt: article.publishedAt },
    claims: article.claims.map(({ decisions, assignees, reviews, ...claim }) => {
      const decision = decisions[0];
      const seesAll = viewer !== undefined && canSeeOthersRatings(viewer, { hasOwnReview: reviews.some((r) => r.reviewerId === viewer.userId) });
      return {
        ...claim,
        assignees: assignees.map((a) => a.user.name),
        reviews: reviews.map((r) => {
          const visible = seesAll || r.reviewerId === viewer?.userId;
          return {
            reviewer: r.reviewer.name,
            rating: visible ? r.rating : null,
            ratingLabel: visible ? (ratingLabel(scale, r.rating) ?? r.rating) : null,
            rationale: visible ? r.rationale : null,
            confidence: visible ? r.confidence : null,
            hidden: !visible,
            updatedAt: r.updatedAt,
          };
        }),
        verdict: decision
          ? {
              rating: decision.rating,
              ratingLabel: ratingLabel(scale, decision.rating) ?? decision.rating,
              summary: decision.summary,
              publishedAt: decision.createdAt,
              approvedBy: decision.approvedBy?.name ?? null,
              reusedFrom: decision.reusedFrom ? reusedFromForReport(decision.reusedFrom, scale) : null,
            }
          : null,
      };
    }),
  };
}

/** Where a reused verdict comes from, and whether the original still stands by it. */
function reusedFromForReport(source: ReuseSource & { claim: { id: string; statement: string; article: { title: string } } }, scale: ReturnType<typeof parseRatingScale>) {
  const state = reusedVerdictState(source);
  const base = { claimId: source.claim.id, statement: source.claim.statement, articleTitle: source.claim.article.title };
  if (state.current) return { ...base, current: true, originalChange: null };
  return {
    ...base,
    current: false,
    originalChange: state.latest
      ? { kind: "corrected" as const, rating: state.latest.rating, ratingLabel: ratingLabel(scale, state.latest.rating) ?? state.latest.rating, publishedAt: state.latest.createdAt }
      : { kind: "reopened" as const, rating: null, ratingLabel: null, publishedAt: null },
  };
}
