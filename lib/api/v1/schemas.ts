import { z } from "zod";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { ROLES } from "@/lib/auth/policy";
import { SOURCE_KINDS, SOURCE_STANCES } from "@/lib/validation/source";

// PURE: the shapes /api/v1 answers with. They document the API (the OpenAPI document is generated
// from them) and type the handlers, and the conformance test checks live answers against them.

const dateTime = z.iso.datetime({ offset: true }).describe("Date and time, ISO 8601 (UTC).");
const day = z.iso.date().describe("A calendar date, YYYY-MM-DD.");
const person = z.object({ id: z.string(), name: z.string() }).meta({ id: "Person" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INVALID_INPUT", "CONFLICT", "RATE_LIMITED", "TOO_LARGE", "UNSUPPORTED_TYPE", "INTERNAL"]),
      message: z.string().describe("What went wrong, in words a person can act on."),
      fields: z.record(z.string(), z.array(z.string())).optional().describe("With INVALID_INPUT (and a refused upload): each field's messages."),
      current: z.object({ version: z.number().int(), fields: z.record(z.string(), z.string()) }).optional().describe("With CONFLICT on a stale version: the item as it stands now."),
    }),
  })
  .meta({ id: "Error" });

export const workspaceOut = z.object({ slug: z.string(), name: z.string(), role: z.enum(ROLES) }).meta({ id: "Workspace" });

export const articleSummaryOut = z
  .object({
    id: z.string(),
    workspace: z.string().describe("The workspace's slug."),
    title: z.string(),
    outlet: z.string().nullable(),
    author: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: day.nullable(),
    createdAt: dateTime,
    version: z.number().int(),
    claimCounts: z.object({ total: z.number().int().describe("Claims not dismissed."), published: z.number().int() }),
  })
  .meta({ id: "ArticleSummary" });

export const claimSummaryOut = z
  .object({
    id: z.string(),
    articleId: z.string(),
    quote: z.string().describe("The exact words in the article: body.slice(start, end)."),
    start: z.number().int(),
    end: z.number().int(),
    statement: z.string().describe("The claim as checked, in the desk's words."),
    claimant: z.string().nullable(),
    score: z.number().nullable().describe("Check-worthiness from the detector, 0 to 1; null for claims added by hand."),
    status: z.enum(CLAIM_STATUSES),
    origin: z.enum(["DETECTED", "MANUAL"]),
    version: z.number().int(),
    sourceCount: z.number().int(),
    publishedRating: z.string().nullable().describe("The key of the published verdict's rating."),
  })
  .meta({ id: "ClaimSummary" });

export const articleOut = articleSummaryOut.extend({ body: z.string(), claims: z.array(claimSummaryOut).describe("Every claim, dismissed ones included, in text order.") }).meta({ id: "Article" });

export const sourceOut = z
  .object({
    id: z.string(),
    claimId: z.string(),
    url: z.string(),
    title: z.string(),
    publisher: z.string().nullable(),
    kind: z.enum(SOURCE_KINDS),
    stance: z.enum(SOURCE_STANCES),
    quotation: z.string().nullable(),
    publishedAt: day.nullable(),
    accessedAt: day.nullable(),
    addedBy: person.nullable(),
    version: z.number().int(),
    createdAt: dateTime,
  })
  .meta({ id: "Source" });

export const reviewOut = z
  .object({
    id: z.string(),
    claimId: z.string(),
    reviewer: person,
    hidden: z.boolean().describe("Independent reviews: true when the caller may not see this rating yet (they have not reviewed the claim themselves); rating, rationale and confidence are then null."),
    rating: z.string().nullable(),
    rationale: z.string().nullable(),
    confidence: z.number().int().min(1).max(3).nullable().describe("1 low, 2 medium, 3 high."),
    version: z.number().int(),
    updatedAt: dateTime,
  })
  .meta({ id: "Review" });

export const decisionOut = z
  .object({
    id: z.string(),
    claimId: z.string(),
    rating: z.string(),
    ratingLabel: z.string(),
    summary: z.string(),
    approvedBy: person.nullable(),
    publishedAt: dateTime,
    reusedFromDecisionId: z.string().nullable().describe("When this verdict was reused from a duplicate's original: the original's decision it copies."),
    reusedVerdictOutdated: z
      .boolean()
      .nullable()
      .describe("For a reused verdict: true when the original no longer stands by the decision copied here (it was reopened, or corrected with a newer decision); null when this verdict was not reused or its original was deleted."),
  })
  .meta({ id: "Decision" });

export const commentOut = z
  .object({
    id: z.string(),
    claimId: z.string(),
    parentId: z.string().nullable(),
    author: person.nullable(),
    body: z.string().describe("As stored: mentions are written @[Name](userId)."),
    text: z.string().describe("As people read it: mentions are written @Name."),
    version: z.number().int(),
    createdAt: dateTime,
    editedAt: dateTime.nullable(),
  })
  .meta({ id: "Comment" });

export const claimOut = claimSummaryOut
  .extend({
    statusReason: z.string().nullable(),
    createdAt: dateTime,
    assignees: z.array(person),
    sources: z.array(sourceOut),
    reviews: z.array(reviewOut),
    decisions: z.array(decisionOut).describe("Newest first; more than one means the verdict was corrected."),
  })
  .meta({ id: "Claim" });

export const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page.") }).meta({ id });

export const workspacePage = page(workspaceOut, "WorkspacePage");
export const articlePage = page(articleSummaryOut, "ArticlePage");
export const claimPage = page(claimSummaryOut, "ClaimPage");
export const sourcePage = page(sourceOut, "SourcePage");
export const reviewPage = page(reviewOut, "ReviewPage");
export const decisionPage = page(decisionOut, "DecisionPage");
export const commentPage = page(commentOut, "CommentPage");

export type ArticleSummaryOut = z.input<typeof articleSummaryOut>;
export type ClaimSummaryOut = z.input<typeof claimSummaryOut>;
export type ClaimOut = z.input<typeof claimOut>;
export type SourceOut = z.input<typeof sourceOut>;
export type ReviewOut = z.input<typeof reviewOut>;
export type DecisionOut = z.input<typeof decisionOut>;
export type CommentOut = z.input<typeof commentOut>;
