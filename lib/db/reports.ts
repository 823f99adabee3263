import "server-only";
import { parseRatingScale, ratingLabel } from "@/lib/domain/rating-scale";
import type { ReportData } from "@/lib/domain/report";
import { getDb } from "./client";

/** The report's content for one article: every claim not dismissed, with its latest verdict. */
export async function getArticleReport(workspaceId: string, articleId: string): Promise<ReportData | null> {
  const article = await getDb().article.findFirst({
    where: { id: articleId, workspaceId },
    select: {
      id: true,
      title: true,
      outlet: true,
      author: true,
      url: true,
      publishedAt: true,
      workspace: { select: { name: true, ratingScale: true } },
      claims: {
        where: { status: { not: "DISMISSED" } },
        orderBy: { start: "asc" },
        select: {
          id: true,
          quote: true,
          statement: true,
          claimant: true,
          status: true,
          decisions: {
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { rating: true, summary: true, createdAt: true, approvedBy: { select: { name: true } } },
          },
          sources: {
            orderBy: { createdAt: "asc" },
            select: { url: true, title: true, publisher: true, kind: true, stance: true, quotation: true, publishedAt: true, accessedAt: true },
          },
        },
      },
    },
  });
  if (!article) return null;
  const scale = parseRatingScale(article.workspace.ratingScale);
  return {
    workspace: article.workspace.name,
    generatedAt: new Date(),
    article: { id: article.id, title: article.title, outlet: article.outlet, author: article.author, url: article.url, publishedAt: article.publishedAt },
    claims: article.claims.map(({ decisions, ...claim }) => {
      const decision = decisions[0];
      return {
        ...claim,
        verdict: decision
          ? { rating: decision.rating, ratingLabel: ratingLabel(scale, decision.rating) ?? decision.rating, summary: decision.summary, publishedAt: decision.createdAt, approvedBy: decision.approvedBy?.name ?? null }
          : null,
      };
    }),
  };
}
