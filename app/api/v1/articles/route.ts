import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseOrThrow, queryOf } from "@/lib/api/parse";
import { listArticlesIn } from "@/lib/db/articles";
import { listWorkspacesForUser } from "@/lib/db/workspaces";
import { articleListQuerySchema } from "@/lib/validation/api";

/** GET /api/v1/articles[?workspace=slug]: the articles in every workspace the caller belongs to. */
export const GET = apiRoute(async (request, { user }) => {
  const query = parseOrThrow(articleListQuerySchema, queryOf(request));
  // Membership is the authorization here: every member may read their workspace's articles.
  const workspaces = (await listWorkspacesForUser(user.id)).filter((w) => !query.workspace || w.slug === query.workspace);
  const slugById = new Map(workspaces.map((w) => [w.id, w.slug]));
  const articles = await listArticlesIn(workspaces.map((w) => w.id));
  return NextResponse.json({
    articles: articles.map((a) => ({
      id: a.id,
      workspace: slugById.get(a.workspaceId),
      title: a.title,
      outlet: a.outlet,
      author: a.author,
      url: a.url,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      claims: { total: a.claimCount, published: a.publishedCount },
    })),
  });
});
