import "server-only";
import { z } from "zod";
import type { Member } from "@/lib/auth/guards";
import { deleteArticle, deleteClaim, deleteComment, withdrawReview } from "@/lib/db/deletions";
import { importArticle, updateArticle } from "@/lib/db/articles";
import { commentOwner, pageArticles, pageClaims, pageComments, pageDecisions, pageReviews, pageSources, readArticle, readComment, readDecision, readReview, readSource, reviewOwner } from "@/lib/db/api-reads";
import { getClaimDetail } from "@/lib/db/claim-detail";
import { changeClaimStatus, createManualClaim, setClaimAssignee, updateClaim } from "@/lib/db/claims";
import { createComment, editComment } from "@/lib/db/comments";
import { adjustClaimSpan, mergeClaims, splitClaim } from "@/lib/db/claim-spans";
import { adjustSpanSchema, mergeClaimsSchema, splitClaimSchema } from "@/lib/validation/claim-span";
import { publishDecision, reuseOriginalDecision, saveReview } from "@/lib/db/reviews";
import { createSource, deleteSource, getSourceOwner, updateSource } from "@/lib/db/sources";
import { listWorkspacesForUser } from "@/lib/db/workspaces";
import { getDb } from "@/lib/db/client";
import { toDisplayText } from "@/lib/domain/comment-text";
import { ratingLabel } from "@/lib/domain/rating-scale";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { notFound } from "@/lib/errors";
import { defineOperation } from "@/lib/pipeline/operation";
import { articleFormValues, importArticleSchema, updateArticleSchema } from "@/lib/validation/article";
import { assignClaimSchema, changeClaimStatusSchema, claimFormValues, updateClaimSchema } from "@/lib/validation/claim";
import { createCommentSchema, editCommentSchema } from "@/lib/validation/comment";
import { id, version } from "@/lib/validation/fields";
import { publishDecisionSchema, reuseDecisionSchema, saveReviewSchema } from "@/lib/validation/review";
import { createSourceSchema, sourceFormValues, updateSourceSchema } from "@/lib/validation/source";
import { reportDocumentSchema } from "@/lib/reports/document";
import { REPORT_CONTENT_TYPES, reportQuery, reportResponse } from "@/lib/reports/respond";
import { decodeCursor, pageOf, pageQuery, type CursorKey } from "./cursor";
import { publicBaseUrl } from "@/lib/env";
import { currentFields, type Endpoint } from "./endpoint";
import { SECURITY_ENDPOINTS } from "./security-endpoints";
import * as out from "./schemas";
import { SEARCH_ENDPOINTS } from "./search-endpoints";
import { SHARE_LINK_ENDPOINTS } from "./share-link-endpoints";
import { REVISION_ENDPOINTS } from "./revision-endpoints";
import { REUSE_ENDPOINTS } from "./reuse-endpoints";
import { reusedVerdictState } from "@/lib/domain/reuse";
import { importUploadForm, importUploadInput, readImportUpload } from "./upload";

// Every /api/v1 operation, in the order of the reference. Each names its policy action, validates
// with the same zod schema as the matching form, and calls the same lib/db function.

const iso = (d: Date) => d.toISOString();
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const cursorOf = (input: { cursor?: string }): CursorKey | null => (input.cursor ? decodeCursor(input.cursor) : null);

// ---- serializers -----------------------------------------------------------------------------

type ArticleRow = Awaited<ReturnType<typeof pageArticles>>[number];
const articleSummary = (a: ArticleRow, workspace: string): out.ArticleSummaryOut => ({
  id: a.id,
  workspace,
  title: a.title,
  outlet: a.outlet,
  author: a.author,
  url: a.url,
  publishedAt: day(a.publishedAt),
  createdAt: iso(a.createdAt),
  version: a.version,
  claimCounts: a.claimCounts,
});

type ClaimRow = Awaited<ReturnType<typeof pageClaims>>[number];
const claimSummary = ({ _count, decisions, ...c }: ClaimRow): out.ClaimSummaryOut => ({ ...c, sourceCount: _count.sources, publishedRating: decisions[0]?.rating ?? null });

type SourceRow = NonNullable<Awaited<ReturnType<typeof readSource>>>;
const sourceJson = (s: SourceRow): out.SourceOut => ({ ...s, publishedAt: day(s.publishedAt), accessedAt: day(s.accessedAt), createdAt: iso(s.createdAt) });

type ReviewRow = { id: string; claimId: string; reviewerId: string; reviewer: { name: string }; hidden: boolean; rating: string | null; rationale: string | null; confidence: number | null; version: number; updatedAt: Date };
const reviewJson = (r: ReviewRow): out.ReviewOut => ({
  id: r.id,
  claimId: r.claimId,
  reviewer: { id: r.reviewerId, name: r.reviewer.name },
  hidden: r.hidden,
  rating: r.rating,
  rationale: r.rationale,
  confidence: r.confidence,
  version: r.version,
  updatedAt: iso(r.updatedAt),
});

type DecisionRow = NonNullable<Awaited<ReturnType<typeof readDecision>>>;
const decisionJson = (d: DecisionRow, member: Member): out.DecisionOut => ({
  id: d.id,
  claimId: d.claimId,
  rating: d.rating,
  ratingLabel: ratingLabel(member.workspace.ratingScale, d.rating) ?? d.rating,
  summary: d.summary,
  approvedBy: d.approvedBy,
  publishedAt: iso(d.createdAt),
  reusedFromDecisionId: d.reusedFromDecisionId,
  reusedVerdictOutdated: d.reusedFrom ? !reusedVerdictState(d.reusedFrom).current : null,
});

type CommentRow = NonNullable<Awaited<ReturnType<typeof readComment>>>;
const commentJson = (c: CommentRow): out.CommentOut => ({ ...c, text: toDisplayText(c.body), createdAt: iso(c.createdAt), editedAt: c.editedAt ? iso(c.editedAt) : null });

async function claimJson(member: Member, claimId: string): Promise<out.ClaimOut> {
  const claim = await getClaimDetail(member.workspace.id, claimId, member.actor);
  if (!claim) throw notFound("That claim");
  const counts = await getDb().source.count({ where: { workspaceId: member.workspace.id, claimId } });
  return {
    id: claim.id,
    articleId: claim.articleId,
    quote: claim.quote,
    start: claim.start,
    end: claim.end,
    statement: claim.statement,
    claimant: claim.claimant,
    score: claim.score,
    status: claim.status,
    statusReason: claim.statusReason,
    origin: claim.origin,
    version: claim.version,
    sourceCount: counts,
    publishedRating: claim.decisions[0]?.rating ?? null,
    createdAt: iso(claim.createdAt),
    assignees: claim.assignees.map((a) => ({ id: a.userId, name: a.user.name })),
    sources: claim.sources.map((s) => sourceJson({ ...s, claimId: claim.id, addedBy: s.addedById && s.addedBy ? { id: s.addedById, name: s.addedBy.name } : null })),
    reviews: claim.reviews.map((r) => reviewJson({ ...r, claimId: claim.id })),
    decisions: claim.decisions.map((d) => decisionJson({ ...d, claimId: claim.id, approvedBy: null }, member)),
  };
}

async function articleJson(member: Member, articleId: string) {
  const article = await readArticle(member.workspace.id, articleId);
  if (!article) throw notFound("That article");
  const claims = await pageClaims(member.workspace.id, articleId, undefined, null, 100_000);
  return { ...articleSummary(article, member.workspace.slug), body: article.body, claims: claims.map(claimSummary) };
}

async function sourceRead(member: Member, sourceId: string) {
  const source = await readSource(member.workspace.id, sourceId);
  if (!source) throw notFound("That source");
  return sourceJson(source);
}

async function reviewRead(member: Member, reviewId: string) {
  const review = await readReview(member.workspace.id, reviewId, member.actor);
  if (!review) throw notFound("That review");
  return reviewJson(review);
}

async function decisionRead(member: Member, decisionId: string) {
  const decision = await readDecision(member.workspace.id, decisionId);
  if (!decision) throw notFound("That decision");
  return decisionJson(decision, member);
}

async function commentRead(member: Member, commentId: string) {
  const comment = await readComment(member.workspace.id, commentId);
  if (!comment) throw notFound("That comment");
  return commentJson(comment);
}

// ---- shared input pieces --------------------------------------------------------------------

const articleIdInput = z.object({ articleId: id("article id") });
const claimIdInput = z.object({ claimId: id("claim id") });
const sourceIdInput = z.object({ sourceId: id("source id") });
const reviewIdInput = z.object({ reviewId: id("review id") });
const decisionIdInput = z.object({ decisionId: id("decision id") });
const commentIdInput = z.object({ commentId: id("comment id") });
const claimScope = (input: { claimId: string }) => ({ kind: "claim" as const, id: input.claimId });
const articleScope = (input: { articleId: string }) => ({ kind: "article" as const, id: input.articleId });
const sourceScope = (input: { sourceId: string }) => ({ kind: "source" as const, id: input.sourceId });
const reviewScope = (input: { reviewId: string }) => ({ kind: "review" as const, id: input.reviewId });
const commentScope = (input: { commentId: string }) => ({ kind: "comment" as const, id: input.commentId });
const versionQuery = z.object({ version: version.describe("The version you read; a newer one answers 409.") });
const listQuery = z.object(pageQuery);

// ---- workspaces and articles ------------------------------------------------------------------

const listWorkspaces: Endpoint = {
  method: "GET",
  path: "/workspaces",
  tag: "Workspaces",
  summary: "List your workspaces",
  description: "The workspaces the caller is an active member of, with their role. Archived workspaces are left out.",
  response: out.workspacePage,
  personal: { input: z.object({}), run: async (_input, principal) => ({ items: (await listWorkspacesForUser(principal.user.id)).map((w) => ({ slug: w.slug, name: w.name, role: w.role })), nextCursor: null }) },
};

const articleListQuery = z.object({ workspace: z.string({ error: "Choose a workspace: its slug (GET /api/v1/workspaces lists yours)." }).trim().min(1, "Choose a workspace: its slug (GET /api/v1/workspaces lists yours).").max(64).describe("The workspace's slug."), ...pageQuery });

const listArticles: Endpoint = {
  method: "GET",
  path: "/articles",
  tag: "Articles",
  summary: "List a workspace's articles",
  description: "Newest first, with each article's claim counts.",
  query: articleListQuery,
  response: out.articlePage,
  operation: defineOperation({
    action: "workspace:read",
    input: articleListQuery,
    scope: (input) => ({ workspace: input.workspace }),
    run: async (input, { member }) => {
      const rows = await pageArticles([member.workspace.id], cursorOf(input), input.limit);
      const page = pageOf(rows, input.limit, (a) => [iso(a.createdAt), a.id]);
      return { items: page.items.map((a) => articleSummary(a, member.workspace.slug)), nextCursor: page.nextCursor };
    },
  }),
};

const importInput = importArticleSchema.extend({ workspace: z.string({ error: "Choose a workspace (its slug)." }).trim().min(1, "Choose a workspace (its slug).").max(64).describe("The workspace's slug.") });

const createArticle: Endpoint = {
  method: "POST",
  path: "/articles",
  tag: "Articles",
  summary: "Import an article",
  description: "Stores the text and detects its check-worthy claims, as the import page does. Editors and admins. The text is at most 1 MB. To send a .txt, .md or .html file instead, see POST /articles/import.",
  body: importInput,
  response: out.articleOut,
  status: 201,
  operation: defineOperation({
    action: "article:import",
    input: importInput,
    scope: (input) => ({ workspace: input.workspace }),
    run: async ({ workspace: _slug, ...input }, { member, ctx }) => articleJson(member, (await importArticle(ctx, input)).id),
  }),
};

const importFile: Endpoint = {
  method: "POST",
  path: "/articles/import",
  tag: "Articles",
  summary: "Import an article from a file",
  description:
    "The article as a file: multipart/form-data with a `file` part (.txt, .md or .html, UTF-8, at most 2.5 MB) and optional `title`, `outlet`, `author`, `url` and `publishedAt` fields. Converted as the import page converts it: HTML and Markdown become plain text with their paragraphs, headings and list items; scripts, styles, menus and frames are left out; nothing in the file is run. Then stored with its detected claims, as POST /articles does. The URL is only stored, never fetched. A file over the limit answers 413, a file that is not .txt, .md or .html 415; a file with NUL bytes, that is not UTF-8 or that has no text 400, and nothing is stored. Editors and admins.",
  upload: { read: readImportUpload, form: importUploadForm },
  response: out.articleOut,
  status: 201,
  operation: defineOperation({
    action: "article:import",
    input: importUploadInput,
    scope: (input) => ({ workspace: input.workspace }),
    run: async ({ workspace: _slug, ...input }, { member, ctx }) => articleJson(member, (await importArticle(ctx, input)).id),
  }),
};

const articleParams = { id: "articleId" };

const getArticleEndpoint: Endpoint = {
  method: "GET",
  path: "/articles/{id}",
  tag: "Articles",
  summary: "Read an article",
  description: "The article with its text and every claim in it.",
  params: articleParams,
  response: out.articleOut,
  operation: defineOperation({ action: "workspace:read", input: articleIdInput, scope: articleScope, run: async (input, { member }) => articleJson(member, input.articleId) }),
};

const updateArticleEndpoint: Endpoint = {
  method: "PATCH",
  path: "/articles/{id}",
  tag: "Articles",
  summary: "Change an article's details",
  description: "Title, outlet, author, URL and publication date; fields left out keep their value, null clears an optional one. The text itself does not change. 409 when `version` is not the current one.",
  params: articleParams,
  body: updateArticleSchema.omit({ articleId: true }).partial().required({ version: true }),
  response: out.articleOut,
  current: currentFields("article", async (workspaceId, articleId) => {
    const article = await readArticle(workspaceId, articleId);
    return article && articleFormValues(article);
  }, "That article"),
  operation: defineOperation({
    action: "article:edit",
    input: updateArticleSchema,
    scope: articleScope,
    run: async (input, { member, ctx }) => {
      await updateArticle(ctx, input);
      return articleJson(member, input.articleId);
    },
  }),
};

const deleteArticleEndpoint: Endpoint = {
  method: "DELETE",
  path: "/articles/{id}",
  tag: "Articles",
  summary: "Delete an article",
  description: "Removes the article and its claims, sources, reviews and comments. Refused (409) once any verdict on it is published: published fact-checks stay on record. Editors and admins.",
  params: articleParams,
  query: versionQuery,
  status: 204,
  operation: defineOperation({ action: "article:delete", input: articleIdInput.extend({ version }), scope: articleScope, run: async (input, { ctx }) => deleteArticle(ctx, input) }),
};

const articleReport: Endpoint = {
  method: "GET",
  path: "/articles/{id}/report",
  tag: "Articles",
  summary: "Download the article's fact-check report",
  description:
    "The report as a file (Content-Disposition: attachment), in any format and for either audience. The reader's report holds published verdicts only and nothing internal; the desk's report holds every claim with its status, assignees, reviews with their rationales, and sources (action report:export). The JSON form follows docs/report-schema.json (schemaVersion 1).",
  params: articleParams,
  query: reportQuery,
  produces: REPORT_CONTENT_TYPES,
  response: reportDocumentSchema,
  operation: defineOperation({ action: "workspace:read", input: articleIdInput.extend(reportQuery.shape), scope: articleScope, run: async (input, { member, may, request }) => reportResponse(member, may, input, publicBaseUrl(request)) }),
};

// ---- claims ---------------------------------------------------------------------------------

const claimListQuery = z.object({ status: z.enum(CLAIM_STATUSES, { error: "Unknown status." }).optional().describe("Only claims in this status."), ...pageQuery });

const listClaims: Endpoint = {
  method: "GET",
  path: "/articles/{id}/claims",
  tag: "Claims",
  summary: "List an article's claims",
  description: "In text order, dismissed ones included unless you filter by status.",
  params: articleParams,
  query: claimListQuery,
  response: out.claimPage,
  operation: defineOperation({
    action: "workspace:read",
    input: claimListQuery.extend({ articleId: id("article id") }),
    scope: articleScope,
    run: async (input, { member }) => {
      const rows = await pageClaims(member.workspace.id, input.articleId, input.status, cursorOf(input), input.limit);
      const page = pageOf(rows, input.limit, (c) => [c.start, c.id]);
      return { items: page.items.map(claimSummary), nextCursor: page.nextCursor };
    },
  }),
};

const createClaimBody = z.object({
  start: z.coerce.number({ error: "start is required." }).int().min(0).describe("Offset of the first character in the article's body, in UTF-16 code units (as JavaScript strings count: a letter outside the Basic Multilingual Plane counts two)."),
  end: z.coerce.number({ error: "end is required." }).int().min(0).describe("Offset just after the last character, in UTF-16 code units; the span snaps to whole words and never splits a character."),
});

const createClaim: Endpoint = {
  method: "POST",
  path: "/articles/{id}/claims",
  tag: "Claims",
  summary: "Add a claim by hand",
  description: "Marks a span of the article's text as a claim, as selecting words on the article page does.",
  params: articleParams,
  body: createClaimBody,
  response: out.claimOut,
  status: 201,
  operation: defineOperation({
    action: "claim:create",
    input: z.object({ articleId: id("article id") }).extend(createClaimBody.shape).refine((v) => v.end > v.start, { message: "end must be after start.", path: ["end"] }),
    scope: articleScope,
    run: async (input, { member, ctx }) => claimJson(member, (await createManualClaim(ctx, input)).id),
  }),
};

const claimParams = { id: "claimId" };

const getClaim: Endpoint = {
  method: "GET",
  path: "/claims/{id}",
  tag: "Claims",
  summary: "Read a claim",
  description: "With its assignees, sources, reviews (as the caller may see them) and verdicts.",
  params: claimParams,
  response: out.claimOut,
  operation: defineOperation({ action: "workspace:read", input: claimIdInput, scope: claimScope, run: async (input, { member }) => claimJson(member, input.claimId) }),
};

const updateClaimEndpoint: Endpoint = {
  method: "PATCH",
  path: "/claims/{id}",
  tag: "Claims",
  summary: "Reword a claim",
  description: "The statement as checked and the claimant; fields left out keep their value. A published claim must be reopened first. 409 with `error.current` when `version` is stale.",
  params: claimParams,
  body: updateClaimSchema.omit({ claimId: true }).partial().required({ version: true }),
  response: out.claimOut,
  current: currentFields("claim", async (workspaceId, claimId) => {
    const claim = await getDb().claim.findFirst({ where: { id: claimId, workspaceId }, select: { statement: true, claimant: true } });
    return claim && claimFormValues(claim);
  }, "That claim"),
  operation: defineOperation({
    action: "claim:edit",
    input: updateClaimSchema,
    scope: claimScope,
    run: async (input, { member, ctx }) => {
      await updateClaim(ctx, input);
      return claimJson(member, input.claimId);
    },
  }),
};

const deleteClaimEndpoint: Endpoint = {
  method: "DELETE",
  path: "/claims/{id}",
  tag: "Claims",
  summary: "Delete a claim",
  description: "For a claim marked by mistake. Refused (409) once a verdict on it is published; dismissing keeps a claim out of the way with its reason. Editors and admins.",
  params: claimParams,
  query: versionQuery,
  status: 204,
  operation: defineOperation({ action: "claim:delete", input: claimIdInput.extend({ version }), scope: claimScope, run: async (input, { ctx }) => void (await deleteClaim(ctx, input)) }),
};

const statusBody = changeClaimStatusSchema.omit({ claimId: true });

const changeStatus: Endpoint = {
  method: "POST",
  path: "/claims/{id}/status",
  tag: "Claims",
  summary: "Move a claim through the workflow",
  description: "Queue, start research, send to review, send back, dismiss (with a reason), restore or reopen (with a reason), as the workflow and your role allow. Publishing is done by publishing a decision.",
  params: claimParams,
  body: statusBody,
  response: out.claimOut,
  operation: defineOperation({
    action: "claim:research",
    input: changeClaimStatusSchema,
    scope: claimScope,
    run: async (input, { member, ctx, may }) => {
      await changeClaimStatus(ctx, (a) => may(a), input);
      return claimJson(member, input.claimId);
    },
  }),
};

// ---- span operations: the same schemas, policy action (`claim:span`, editors and admins) and
// lib/db functions as the claim panel's "Adjust span, split or merge" (decision 027). Dismissing
// with a reason is POST /claims/{id}/status with status DISMISSED.

const offsetField = (what: string) => z.number().int().min(0).describe(`${what}: a UTF-16 offset into the article's current text.`);

const adjustSpanEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/span",
  tag: "Claims",
  summary: "Change which words a claim covers",
  description:
    "New `start` and `end`, widened to whole characters, with white space at the ends left out; the claim keeps at least one word. A statement still equal to the old words follows the new ones; a reworded statement stays. Refused on a published claim (reopen it first); 409 when `version` is not the claim's current one. Editors and admins.",
  params: claimParams,
  body: z.object({ version: z.number().int().describe("The claim's version you read."), start: offsetField("Where the words start"), end: offsetField("Where they end (exclusive)") }),
  response: out.claimOut,
  operation: defineOperation({
    action: "claim:span",
    input: adjustSpanSchema,
    scope: claimScope,
    run: async (input, { member, ctx }) => {
      await adjustClaimSpan(ctx, input);
      return claimJson(member, input.claimId);
    },
  }),
};

// `claim`: the first part, with everything on it; `newClaim`: the words after the cut, queued.
const splitOut = z.object({ claim: out.claimOut, newClaim: out.claimOut }).meta({ id: "ClaimSplit" });

const splitEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/split",
  tag: "Claims",
  summary: "Split a claim in two",
  description:
    "Cuts the claim at `at`, strictly inside its words, each part keeping a word. The first part keeps the claim and its sources, reviews, verdicts, comments and assignees; the words after the cut become a new queued claim of the same article (`newClaim`). Refused on a published claim; 409 on a stale `version`. Editors and admins.",
  params: claimParams,
  body: z.object({ version: z.number().int().describe("The claim's version you read."), at: offsetField("Where to cut") }),
  response: splitOut,
  status: 201,
  operation: defineOperation({
    action: "claim:span",
    input: splitClaimSchema,
    scope: claimScope,
    run: async (input, { member, ctx }) => {
      const { newClaimId } = await splitClaim(ctx, input);
      return { claim: await claimJson(member, input.claimId), newClaim: await claimJson(member, newClaimId) };
    },
  }),
};

const mergeEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/merge",
  tag: "Claims",
  summary: "Merge a claim with the claim right after it",
  description:
    "Same article, no overlap, no claim (other than dismissed ones) between them. This claim grows to the next one's end and takes its sources, comments and assignees; the next claim is dismissed with the reason \"Merged into the claim before it\". Refused when either is published, or the next one has reviews or a verdict of its own; 409 when either version is stale. Editors and admins.",
  params: claimParams,
  body: z.object({
    version: z.number().int().describe("This claim's version you read."),
    nextId: z.string().describe("The claim right after it."),
    nextVersion: z.number().int().describe("The next claim's version you read."),
  }),
  response: out.claimOut,
  operation: defineOperation({
    action: "claim:span",
    input: mergeClaimsSchema,
    scope: claimScope,
    run: async (input, { member, ctx }) => {
      await mergeClaims(ctx, input);
      return claimJson(member, input.claimId);
    },
  }),
};

const assigneeBody = z.object({ userId: id("member").describe("The member to assign: a reviewer, editor or admin of the workspace.") });

const assignClaim: Endpoint = {
  method: "POST",
  path: "/claims/{id}/assignees",
  tag: "Claims",
  summary: "Assign a claim",
  description: "Gives the claim to a reviewer (they are told in their inbox). Editors and admins.",
  params: claimParams,
  body: assigneeBody,
  response: out.claimOut,
  operation: defineOperation({
    action: "claim:assign",
    input: assignClaimSchema.omit({ assign: true }),
    scope: claimScope,
    run: async (input, { member, ctx, may }) => {
      await setClaimAssignee(ctx, (a) => may(a), { ...input, assign: "assign" });
      return claimJson(member, input.claimId);
    },
  }),
};

const unassignClaim: Endpoint = {
  method: "DELETE",
  path: "/claims/{id}/assignees/{userId}",
  tag: "Claims",
  summary: "Unassign a claim",
  params: { id: "claimId", userId: "userId" },
  status: 204,
  operation: defineOperation({
    action: "claim:assign",
    input: assignClaimSchema.omit({ assign: true }),
    scope: claimScope,
    run: async (input, { ctx, may }) => void (await setClaimAssignee(ctx, (a) => may(a), { ...input, assign: "unassign" })),
  }),
};

// ---- sources --------------------------------------------------------------------------------

const listSources: Endpoint = {
  method: "GET",
  path: "/claims/{id}/sources",
  tag: "Sources",
  summary: "List a claim's sources",
  params: claimParams,
  query: listQuery,
  response: out.sourcePage,
  operation: defineOperation({
    action: "workspace:read",
    input: listQuery.extend({ claimId: id("claim id") }),
    scope: claimScope,
    run: async (input, { member }) => {
      const page = pageOf(await pageSources(member.workspace.id, input.claimId, cursorOf(input), input.limit), input.limit, (s) => [iso(s.createdAt), s.id]);
      return { items: page.items.map(sourceJson), nextCursor: page.nextCursor };
    },
  }),
};

const createSourceEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/sources",
  tag: "Sources",
  summary: "Add a source",
  description: "An http(s) URL and title, what kind of source it is and whether it supports, refutes or gives context. Dates are YYYY-MM-DD.",
  params: claimParams,
  body: createSourceSchema.omit({ claimId: true }),
  response: out.sourceOut,
  status: 201,
  operation: defineOperation({ action: "source:create", input: createSourceSchema, scope: claimScope, run: async (input, { member, ctx }) => sourceRead(member, (await createSource(ctx, input)).id) }),
};

const sourceParams = { id: "sourceId" };
const sourceOwner = async (input: { sourceId: string }, member: Member) => {
  const source = await getSourceOwner(member.workspace.id, input.sourceId);
  if (!source) throw notFound("That source");
  return { ownerId: source.addedById };
};

const getSourceEndpoint: Endpoint = {
  method: "GET",
  path: "/sources/{id}",
  tag: "Sources",
  summary: "Read a source",
  params: sourceParams,
  response: out.sourceOut,
  operation: defineOperation({ action: "workspace:read", input: sourceIdInput, scope: sourceScope, run: async (input, { member }) => sourceRead(member, input.sourceId) }),
};

const updateSourceEndpoint: Endpoint = {
  method: "PATCH",
  path: "/sources/{id}",
  tag: "Sources",
  summary: "Change a source",
  description: "Fields left out keep their value; null clears an optional one. Reviewers change only the sources they added. 409 with `error.current` when `version` is stale.",
  params: sourceParams,
  body: updateSourceSchema.omit({ sourceId: true }).partial().required({ version: true }),
  response: out.sourceOut,
  current: currentFields("source", async (workspaceId, sourceId) => {
    const source = await readSource(workspaceId, sourceId);
    return source && sourceFormValues(source);
  }, "That source"),
  operation: defineOperation({
    action: "source:update",
    input: updateSourceSchema,
    scope: sourceScope,
    owner: sourceOwner,
    run: async (input, { member, ctx }) => {
      await updateSource(ctx, input);
      return sourceRead(member, input.sourceId);
    },
  }),
};

const deleteSourceEndpoint: Endpoint = {
  method: "DELETE",
  path: "/sources/{id}",
  tag: "Sources",
  summary: "Remove a source",
  description: "Reviewers remove only the sources they added; editors and admins any.",
  params: sourceParams,
  status: 204,
  operation: defineOperation({ action: "source:delete", input: sourceIdInput, scope: sourceScope, owner: sourceOwner, run: async (input, { ctx }) => void (await deleteSource(ctx, input.sourceId)) }),
};

// ---- reviews --------------------------------------------------------------------------------

const listReviews: Endpoint = {
  method: "GET",
  path: "/claims/{id}/reviews",
  tag: "Reviews",
  summary: "List a claim's reviews",
  description: "Independent reviews: until you have reviewed the claim yourself (or if you are an editor), others' ratings come back hidden.",
  params: claimParams,
  query: listQuery,
  response: out.reviewPage,
  operation: defineOperation({
    action: "workspace:read",
    input: listQuery.extend({ claimId: id("claim id") }),
    scope: claimScope,
    run: async (input, { member }) => {
      const page = pageOf(await pageReviews(member.workspace.id, input.claimId, member.actor, cursorOf(input), input.limit), input.limit, (r) => [iso(r.createdAt), r.id]);
      return { items: page.items.map(reviewJson), nextCursor: page.nextCursor };
    },
  }),
};

async function ownReview(member: Member, claimId: string) {
  const review = await getDb().review.findFirst({ where: { workspaceId: member.workspace.id, claimId, reviewerId: member.user.id }, select: { id: true } });
  return reviewRead(member, review!.id);
}

const saveReviewEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/reviews",
  tag: "Reviews",
  summary: "Submit or replace your review",
  description: "Your rating (a key of the workspace's rating scale), rationale and confidence (1-3). To replace your earlier review, send its `version`; a review saved meanwhile answers 409.",
  params: claimParams,
  body: saveReviewSchema.omit({ claimId: true }),
  response: out.reviewOut,
  operation: defineOperation({
    action: "review:write",
    input: saveReviewSchema,
    scope: claimScope,
    run: async (input, { member, ctx }) => {
      await saveReview(ctx, member.workspace.ratingScale, input);
      return ownReview(member, input.claimId);
    },
  }),
};

const reviewParams = { id: "reviewId" };
const reviewOwnerOf = async (input: { reviewId: string }, member: Member) => {
  const review = await reviewOwner(member.workspace.id, input.reviewId);
  if (!review) throw notFound("That review");
  return { ownerId: review.reviewerId };
};

const getReviewEndpoint: Endpoint = {
  method: "GET",
  path: "/reviews/{id}",
  tag: "Reviews",
  summary: "Read a review",
  params: reviewParams,
  response: out.reviewOut,
  operation: defineOperation({ action: "workspace:read", input: reviewIdInput, scope: reviewScope, run: async (input, { member }) => reviewRead(member, input.reviewId) }),
};

const updateReviewInput = saveReviewSchema.omit({ claimId: true }).extend({ reviewId: id("review id"), version });

const updateReviewEndpoint: Endpoint = {
  method: "PATCH",
  path: "/reviews/{id}",
  tag: "Reviews",
  summary: "Change your review",
  description: "Only the reviewer changes a review. Send rating, rationale, confidence and the `version` you read.",
  params: reviewParams,
  body: updateReviewInput.omit({ reviewId: true }),
  response: out.reviewOut,
  operation: defineOperation({
    action: "review:edit",
    input: updateReviewInput,
    scope: reviewScope,
    owner: reviewOwnerOf,
    run: async ({ reviewId, ...input }, { member, ctx }) => {
      const { claimId } = (await reviewOwner(member.workspace.id, reviewId))!;
      await saveReview(ctx, member.workspace.ratingScale, { ...input, claimId });
      return reviewRead(member, reviewId);
    },
  }),
};

const deleteReviewEndpoint: Endpoint = {
  method: "DELETE",
  path: "/reviews/{id}",
  tag: "Reviews",
  summary: "Withdraw your review",
  description: "Only the reviewer, and not once a verdict on the claim is published (409).",
  params: reviewParams,
  status: 204,
  operation: defineOperation({ action: "review:delete", input: reviewIdInput, scope: reviewScope, owner: reviewOwnerOf, run: async (input, { ctx, may }) => void (await withdrawReview(ctx, may, input)) }),
};

// ---- decisions ------------------------------------------------------------------------------

const listDecisions: Endpoint = {
  method: "GET",
  path: "/claims/{id}/decisions",
  tag: "Decisions",
  summary: "List a claim's verdicts",
  description: "Oldest first: the first is the original verdict, later ones corrections.",
  params: claimParams,
  query: listQuery,
  response: out.decisionPage,
  operation: defineOperation({
    action: "workspace:read",
    input: listQuery.extend({ claimId: id("claim id") }),
    scope: claimScope,
    run: async (input, { member }) => {
      const page = pageOf(await pageDecisions(member.workspace.id, input.claimId, cursorOf(input), input.limit), input.limit, (d) => [iso(d.createdAt), d.id]);
      return { items: page.items.map((d) => decisionJson(d, member)), nextCursor: page.nextCursor };
    },
  }),
};

const publishEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/decisions",
  tag: "Decisions",
  summary: "Publish (or correct) the verdict",
  description: "Through the publishing gate: the claim must be in review (or reopened, for a correction) and meet the desk's rules (independent sources, reviews, four eyes). Verdicts are a permanent record: they are never changed or deleted; a correction is a new decision. Editors and admins. Send the claim's `version`.",
  params: claimParams,
  body: publishDecisionSchema.omit({ claimId: true }),
  response: out.decisionOut,
  status: 201,
  operation: defineOperation({ action: "decision:publish", input: publishDecisionSchema, scope: claimScope, run: async (input, { member, ctx }) => decisionRead(member, (await publishDecision(ctx, input)).id) }),
};

const reuseDecisionEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/reuse-decision",
  tag: "Decisions",
  summary: "Reuse the original's verdict on a duplicate",
  description:
    "On a claim marked as a duplicate (PUT /claims/{id}/duplicate-of) whose original has a published verdict: publishes the original's rating and summary as this claim's own decision, with `reusedFromDecisionId` naming the decision it copies. It passes the same publishing gate as any verdict (this claim in review or reopened, the desk's sources, reviews and four eyes); 400 lists what is missing. A claim that already has a verdict is refused unless `replace` is true, which publishes a correction (the claim must be reopened). Send the claim's `version`, and optionally the original's `decisionId` you saw (a newer one answers 409). Editors and admins.",
  params: claimParams,
  body: reuseDecisionSchema.omit({ claimId: true }),
  response: out.decisionOut,
  status: 201,
  operation: defineOperation({ action: "decision:publish", input: reuseDecisionSchema, scope: claimScope, run: async (input, { member, ctx }) => decisionRead(member, (await reuseOriginalDecision(ctx, input)).id) }),
};

const getDecisionEndpoint: Endpoint = {
  method: "GET",
  path: "/decisions/{id}",
  tag: "Decisions",
  summary: "Read a verdict",
  params: { id: "decisionId" },
  response: out.decisionOut,
  operation: defineOperation({ action: "workspace:read", input: decisionIdInput, scope: (input) => ({ kind: "decision" as const, id: input.decisionId }), run: async (input, { member }) => decisionRead(member, input.decisionId) }),
};

// ---- comments -------------------------------------------------------------------------------

const listComments: Endpoint = {
  method: "GET",
  path: "/claims/{id}/comments",
  tag: "Comments",
  summary: "List a claim's comments",
  description: "Oldest first; replies carry their thread's `parentId`.",
  params: claimParams,
  query: listQuery,
  response: out.commentPage,
  operation: defineOperation({
    action: "workspace:read",
    input: listQuery.extend({ claimId: id("claim id") }),
    scope: claimScope,
    run: async (input, { member }) => {
      const page = pageOf(await pageComments(member.workspace.id, input.claimId, cursorOf(input), input.limit), input.limit, (c) => [iso(c.createdAt), c.id]);
      return { items: page.items.map(commentJson), nextCursor: page.nextCursor };
    },
  }),
};

const createCommentEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/comments",
  tag: "Comments",
  summary: "Comment on a claim",
  description: "Mention members as @[Name](userId); they are told in their inbox. `parentId` makes it a reply.",
  params: claimParams,
  body: createCommentSchema.omit({ claimId: true }),
  response: out.commentOut,
  status: 201,
  operation: defineOperation({ action: "comment:create", input: createCommentSchema, scope: claimScope, run: async (input, { member, ctx, may }) => commentRead(member, (await createComment(ctx, may, input)).id) }),
};

const commentParams = { id: "commentId" };
const commentOwnerOf = async (input: { commentId: string }, member: Member) => {
  const comment = await commentOwner(member.workspace.id, input.commentId);
  if (!comment) throw notFound("That comment");
  return { ownerId: comment.authorId };
};

const getCommentEndpoint: Endpoint = {
  method: "GET",
  path: "/comments/{id}",
  tag: "Comments",
  summary: "Read a comment",
  params: commentParams,
  response: out.commentOut,
  operation: defineOperation({ action: "workspace:read", input: commentIdInput, scope: commentScope, run: async (input, { member }) => commentRead(member, input.commentId) }),
};

const editCommentEndpoint: Endpoint = {
  method: "PATCH",
  path: "/comments/{id}",
  tag: "Comments",
  summary: "Edit your comment",
  description: "Only its author, within 15 minutes of posting, from the `version` read.",
  params: commentParams,
  body: editCommentSchema.omit({ commentId: true }),
  response: out.commentOut,
  operation: defineOperation({
    action: "comment:edit",
    input: editCommentSchema,
    scope: commentScope,
    owner: commentOwnerOf,
    run: async (input, { member, ctx, may }) => {
      await editComment(ctx, may, input);
      return commentRead(member, input.commentId);
    },
  }),
};

const deleteCommentEndpoint: Endpoint = {
  method: "DELETE",
  path: "/comments/{id}",
  tag: "Comments",
  summary: "Delete your comment",
  description: "Only its author, within 15 minutes of posting, and not once someone has replied (409).",
  params: commentParams,
  status: 204,
  operation: defineOperation({ action: "comment:delete", input: commentIdInput, scope: commentScope, owner: commentOwnerOf, run: async (input, { ctx, may }) => void (await deleteComment(ctx, may, input)) }),
};

export const ENDPOINTS: readonly Endpoint[] = [
  listWorkspaces,
  listArticles,
  createArticle,
  importFile,
  getArticleEndpoint,
  updateArticleEndpoint,
  deleteArticleEndpoint,
  articleReport,
  listClaims,
  createClaim,
  getClaim,
  updateClaimEndpoint,
  deleteClaimEndpoint,
  changeStatus,
  adjustSpanEndpoint,
  splitEndpoint,
  mergeEndpoint,
  assignClaim,
  unassignClaim,
  listSources,
  createSourceEndpoint,
  getSourceEndpoint,
  updateSourceEndpoint,
  deleteSourceEndpoint,
  listReviews,
  saveReviewEndpoint,
  getReviewEndpoint,
  updateReviewEndpoint,
  deleteReviewEndpoint,
  listDecisions,
  publishEndpoint,
  reuseDecisionEndpoint,
  getDecisionEndpoint,
  listComments,
  createCommentEndpoint,
  getCommentEndpoint,
  editCommentEndpoint,
  deleteCommentEndpoint,
  ...SHARE_LINK_ENDPOINTS,
  ...REVISION_ENDPOINTS,
  ...SECURITY_ENDPOINTS,
  ...SEARCH_ENDPOINTS,
  ...REUSE_ENDPOINTS,
];
