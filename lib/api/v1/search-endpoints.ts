import "server-only";
import { z } from "zod";
import { searchWorkspace } from "@/lib/db/search";
import { SEARCH_KINDS, resultHref, snippetParts, snippetText } from "@/lib/domain/search";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { defineOperation } from "@/lib/pipeline/operation";
import { searchFiltersShape } from "@/lib/validation/search";
import type { Endpoint } from "./endpoint";

// The search box of /w/{workspace}/search as an endpoint: the same schema, policy action (any
// member reads) and lib/db call.

const searchResultOut = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string().describe("The article's, claim's, source's or comment's id."),
    articleId: z.string(),
    articleTitle: z.string(),
    claimId: z.string().nullable().describe("The claim the result belongs to (null for an article)."),
    heading: z.string().describe("The claim's statement, or the article's title."),
    snippet: z.string().describe("Text around the matches, as plain text."),
    highlights: z.array(z.object({ text: z.string(), marked: z.boolean() })).describe("The snippet in parts; `marked` parts are the matched words."),
    status: z.enum(CLAIM_STATUSES).nullable(),
    claimant: z.string().nullable(),
    publishedRating: z.string().nullable().describe("The rating key of the claim's latest published verdict."),
    createdAt: z.iso.datetime({ offset: true }),
    rank: z.number().describe("Full-text rank: higher is better."),
    path: z.string().describe("Where the result opens in the web app: the article, at its claim."),
  })
  .meta({ id: "SearchResult" });

const searchResults = z.object({ items: z.array(searchResultOut) }).meta({ id: "SearchResults" });

const workspaceField = z.string({ error: "Choose a workspace: its slug (GET /api/v1/workspaces lists yours)." }).trim().min(1, "Choose a workspace: its slug (GET /api/v1/workspaces lists yours).").max(64).describe("The workspace's slug.");
const searchQuery = z.object({ workspace: workspaceField, ...searchFiltersShape });

const search: Endpoint = {
  method: "GET",
  path: "/search",
  tag: "Search",
  summary: "Search a workspace",
  description:
    "Full-text search over the workspace's articles, claims, sources and comments, best match first. Every word must match; the last also as a prefix; symbols are ignored, so any text is a valid query. With only filters (no words), the claims that pass them, newest first.",
  query: searchQuery,
  response: searchResults,
  operation: defineOperation({
    action: "workspace:read",
    input: searchQuery,
    scope: (input) => ({ workspace: input.workspace }),
    run: async ({ workspace: _slug, ...filters }, { member }) => ({
      items: (await searchWorkspace(member.workspace.id, filters)).map((r) => ({
        kind: r.kind,
        id: r.id,
        articleId: r.articleId,
        articleTitle: r.articleTitle,
        claimId: r.claimId,
        heading: r.heading,
        snippet: snippetText(r.snippet),
        highlights: snippetParts(r.snippet),
        status: r.status,
        claimant: r.claimant,
        publishedRating: r.publishedRating,
        createdAt: r.createdAt.toISOString(),
        rank: r.rank,
        path: resultHref(member.workspace.slug, r),
      })),
    }),
  }),
};

export const SEARCH_ENDPOINTS: readonly Endpoint[] = [search];
