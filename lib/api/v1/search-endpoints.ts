import "server-only";
import { z } from "zod";
import { searchWorkspace } from "@/lib/db/search";
import { findSimilarClaims, getDuplicateLinks, markDuplicate } from "@/lib/db/similar-claims";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { id } from "@/lib/validation/fields";
import { SEARCH_KINDS, resultHref, snippetParts, snippetText } from "@/lib/domain/search";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { defineOperation } from "@/lib/pipeline/operation";
import { markDuplicateSchema, searchFiltersShape } from "@/lib/validation/search";
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

// ---- claim matching ---------------------------------------------------------------------------

const claimRef = z.object({ id: z.string(), articleId: z.string(), articleTitle: z.string(), statement: z.string(), status: z.enum(CLAIM_STATUSES) });
const similarClaimsOut = z
  .object({
    original: claimRef
      .extend({
        publishedRating: z.string().nullable(),
        publishedDecisionId: z.string().nullable().describe("The original's published verdict (null when it has none or is reopened): what POST /claims/{id}/reuse-decision copies."),
      })
      .nullable()
      .describe("The claim this one is marked as repeating, whose verdict it can reuse."),
    duplicates: z
      .array(
        claimRef.extend({
          reusesVerdict: z.boolean().describe("True when that claim's latest verdict was reused from this one's."),
          reusedVerdictOutdated: z.boolean().describe("True when the verdict that claim reused is no longer this one's standing verdict (this claim was reopened or corrected since)."),
        }),
      )
      .describe("The claims marked as repeating this one."),
    reusedFrom: z
      .object({
        decisionId: z.string(),
        claimId: z.string(),
        articleId: z.string(),
        articleTitle: z.string(),
        statement: z.string(),
        current: z.boolean().describe("False when the original no longer stands by the verdict reused here: it was reopened or corrected since."),
        reopened: z.boolean().optional().describe("When not current: true while the original is reopened for a correction."),
        latest: z
          .object({ id: z.string(), rating: z.string(), publishedAt: z.iso.datetime({ offset: true }) })
          .nullable()
          .optional()
          .describe("When not current: the original's newer verdict, which POST /claims/{id}/reuse-decision can reuse here as a correction."),
      })
      .nullable()
      .describe("Where this claim's latest verdict was reused from (the original's decision and claim), if it was."),
    similar: z
      .array(claimRef.extend({ claimant: z.string().nullable(), publishedRating: z.string().nullable(), duplicateOfId: z.string().nullable(), similarity: z.number().describe("Trigram similarity of the statements, 0 to 1.") }))
      .describe("The workspace's most similar claims, best first."),
  })
  .meta({ id: "SimilarClaims" });

const claimIdInput = z.object({ claimId: id("claim id") });

const similarClaims: Endpoint = {
  method: "GET",
  path: "/claims/{id}/similar",
  tag: "Claims",
  summary: "Similar claims and duplicate links",
  description: "Up to five claims of the workspace most like this one (trigram similarity of the statements with full-text rank), with their published ratings; and the duplicate links both ways.",
  params: { id: "claimId" },
  response: similarClaimsOut,
  operation: defineOperation({
    action: "workspace:read",
    input: claimIdInput,
    scope: (input) => ({ kind: "claim" as const, id: input.claimId }),
    run: async (input, { member }) => {
      const claim = await getDb().claim.findFirst({ where: { id: input.claimId, workspaceId: member.workspace.id }, select: { statement: true } });
      if (!claim) throw notFound("That claim");
      const [links, similar] = await Promise.all([getDuplicateLinks(member.workspace.id, input.claimId), findSimilarClaims(member.workspace.id, claim.statement, { excludeId: input.claimId })]);
      const from = links.reusedFrom;
      const reusedFrom = from ? { ...from, latest: from.latest ? { id: from.latest.id, rating: from.latest.rating, publishedAt: from.latest.createdAt.toISOString() } : from.latest } : null;
      return { ...links, reusedFrom, similar: similar.map(({ score: _score, ...s }) => s) };
    },
  }),
};

const duplicateBody = z.object({
  duplicateOfId: z.string().nullable().optional().describe("The original claim (same workspace); null or absent clears the mark."),
  version: z.number().int().describe("The claim's version you read; a newer one answers 409."),
});
const duplicateOut = z.object({ claimId: z.string(), duplicateOfId: z.string().nullable(), version: z.number().int() }).meta({ id: "DuplicateMark" });

const markDuplicateEndpoint: Endpoint = {
  method: "PUT",
  path: "/claims/{id}/duplicate-of",
  tag: "Claims",
  summary: "Mark a claim as a duplicate",
  description: "Marks the claim as repeating another claim of the workspace, whose verdict it can then reuse (POST /claims/{id}/reuse-decision), or clears the mark. Links are one level deep: the original may not itself be a duplicate, and a claim others repeat may not become one. Editors and admins.",
  params: { id: "claimId" },
  body: duplicateBody,
  response: duplicateOut,
  operation: defineOperation({
    action: "claim:mark-duplicate",
    input: markDuplicateSchema,
    scope: (input) => ({ kind: "claim" as const, id: input.claimId }),
    run: async (input, { ctx, may }) => {
      const { version } = await markDuplicate(ctx, (a) => may(a), input);
      return { claimId: input.claimId, duplicateOfId: input.duplicateOfId ?? null, version };
    },
  }),
};

export const SEARCH_ENDPOINTS: readonly Endpoint[] = [search, similarClaims, markDuplicateEndpoint];
