import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseOrThrow } from "@/lib/api/parse";
import { authorize, requireArticleMember } from "@/lib/auth/guards";
import { getArticle } from "@/lib/db/articles";
import { listClaimsForArticle } from "@/lib/db/claims";
import { notFound } from "@/lib/errors";
import { articleParamsSchema } from "@/lib/validation/api";

/** GET /api/v1/articles/{id}: the article with its body and claims; 404 outside the caller's workspaces. */
export const GET = apiRoute<{ id: string }>(async (_request, { user, params }) => {
  const { id } = parseOrThrow(articleParamsSchema, params);
  const member = await requireArticleMember(user, id);
  authorize(member, "workspace:read");
  const [article, claims] = await Promise.all([getArticle(member.workspace.id, id), listClaimsForArticle(member.workspace.id, id)]);
  if (!article) throw notFound("That article");
  return NextResponse.json({
    id: article.id,
    workspace: member.workspace.slug,
    title: article.title,
    outlet: article.outlet,
    author: article.author,
    url: article.url,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    createdAt: article.createdAt.toISOString(),
    body: article.body,
    claims: claims.map((c) => ({ id: c.id, quote: c.quote, start: c.start, end: c.end, statement: c.statement, claimant: c.claimant, score: c.score, status: c.status })),
  });
});
