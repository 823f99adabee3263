import "server-only";
import { z } from "zod";
import { getRevision, listRevisions, reattachClaim, replaceArticleText } from "@/lib/db/revisions";
import { notFound } from "@/lib/errors";
import { defineOperation } from "@/lib/pipeline/operation";
import { id } from "@/lib/validation/fields";
import { reattachClaimSchema, replaceArticleTextSchema, revisionNumber } from "@/lib/validation/revision";
import type { Endpoint } from "./endpoint";

// Article revisions and re-anchoring: the same schemas, policy actions and lib/db calls as the
// article page's "Edit text" form and its orphaned-claims list.

const dateTime = z.iso.datetime({ offset: true });

const revisionSummaryOut = z
  .object({
    number: z.number().int(),
    note: z.string().nullable(),
    createdAt: dateTime,
    createdBy: z.string().nullable().describe("The name of the member who saved it."),
    length: z.number().int().describe("The text's length in UTF-16 code units."),
  })
  .meta({ id: "ArticleRevisionSummary" });

const revisionOut = z
  .object({ number: z.number().int(), note: z.string().nullable(), createdAt: dateTime, createdBy: z.string().nullable(), body: z.string() })
  .meta({ id: "ArticleRevision" });

const replacedOut = z
  .object({
    version: z.number().int().describe("The article's new version."),
    revision: z.number().int().describe("The new revision's number."),
    kept: z.number().int().describe("Claims whose words were where the diff put them."),
    moved: z.number().int().describe("Claims found again by their quote, context or a fuzzy match."),
    orphaned: z.number().int().describe("Claims that could not be placed with confidence; an editor re-attaches or dismisses them."),
  })
  .meta({ id: "ArticleTextReplaced" });

const articleScope = (input: { articleId: string }) => ({ kind: "article" as const, id: input.articleId });
const claimScope = (input: { claimId: string }) => ({ kind: "claim" as const, id: input.claimId });
const articleIdInput = z.object({ articleId: id("article id") });

const listRevisionsEndpoint: Endpoint = {
  method: "GET",
  path: "/articles/{id}/revisions",
  tag: "Articles",
  summary: "List an article's revisions",
  description: "Newest first. Empty until the text is first replaced; then revision 1 is the original text and the newest is the current one.",
  params: { id: "articleId" },
  response: z.object({ items: z.array(revisionSummaryOut) }).meta({ id: "ArticleRevisionList" }),
  operation: defineOperation({
    action: "workspace:read",
    input: articleIdInput,
    scope: articleScope,
    run: async (input, { member }) => ({
      items: (await listRevisions(member.workspace.id, input.articleId)).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    }),
  }),
};

const getRevisionEndpoint: Endpoint = {
  method: "GET",
  path: "/articles/{id}/revisions/{number}",
  tag: "Articles",
  summary: "Read one revision of an article's text",
  params: { id: "articleId", number: "number" },
  response: revisionOut,
  operation: defineOperation({
    action: "workspace:read",
    input: articleIdInput.extend({ number: revisionNumber }),
    scope: articleScope,
    run: async (input, { member }) => {
      const revision = await getRevision(member.workspace.id, input.articleId, input.number);
      if (!revision) throw notFound("That revision");
      return { number: revision.number, note: revision.note, createdAt: revision.createdAt.toISOString(), createdBy: revision.createdBy?.name ?? null, body: revision.body };
    },
  }),
};

const replaceTextEndpoint: Endpoint = {
  method: "POST",
  path: "/articles/{id}/revisions",
  tag: "Articles",
  summary: "Replace an article's text",
  description:
    "Saves the text as a new revision and re-anchors every claim to its words. Claims that cannot be placed with confidence are orphaned (never moved silently). The same size rule as importing. 409 when `version` is not the article's current one. Editors and admins.",
  params: { id: "articleId" },
  body: replaceArticleTextSchema.omit({ articleId: true }),
  response: replacedOut,
  status: 201,
  operation: defineOperation({ action: "article:revise", input: replaceArticleTextSchema, scope: articleScope, run: async (input, { ctx }) => replaceArticleText(ctx, input) }),
};

const reattachEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/reattach",
  tag: "Claims",
  summary: "Re-attach a claim to words in the current text",
  description: "`start` and `end` are UTF-16 offsets into the article's current text, widened to whole words. Clears the orphaned flag. 409 when `version` is not the claim's current one. Editors and admins.",
  params: { id: "claimId" },
  body: reattachClaimSchema.omit({ claimId: true }),
  response: z.object({ articleId: z.string(), version: z.number().int() }).meta({ id: "ClaimReattached" }),
  operation: defineOperation({ action: "claim:reattach", input: reattachClaimSchema, scope: claimScope, run: async (input, { ctx }) => reattachClaim(ctx, input) }),
};

export const REVISION_ENDPOINTS: readonly Endpoint[] = [listRevisionsEndpoint, getRevisionEndpoint, replaceTextEndpoint, reattachEndpoint];
