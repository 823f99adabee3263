// PURE: the report as one audience sees it, and the versioned schema of its JSON form. Every
// format renders this document, never ReportData itself, so a reader's format cannot show what
// the reader's document leaves out.
import { z } from "zod";
import { day, type ReportData } from "@/lib/domain/report";
import { CLAIM_STATUSES, STATUS_LABELS } from "@/lib/domain/workflow";
import { SOURCE_KIND_LABELS, SOURCE_KINDS, SOURCE_STANCE_LABELS, SOURCE_STANCES } from "@/lib/validation/source";

export const REPORT_SCHEMA_VERSION = 1;

export const AUDIENCES = ["reader", "desk"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  reader: "Reader’s report",
  desk: "Desk’s report",
};

const date = z.iso.date().describe("A calendar date, YYYY-MM-DD.");
const timestamp = z.iso.datetime().describe("An instant, ISO 8601 in UTC.");

const sourceSchema = z
  .object({
    url: z.string().describe("Where the evidence is."),
    title: z.string(),
    publisher: z.string().nullable(),
    kind: z.enum(SOURCE_KINDS),
    kindLabel: z.string(),
    stance: z.enum(SOURCE_STANCES).describe("How the source bears on the claim."),
    stanceLabel: z.string(),
    quotation: z.string().nullable().describe("The passage of the source that matters."),
    publishedAt: date.nullable(),
    accessedAt: date.nullable(),
  })
  .strict();

const readerVerdictSchema = z
  .object({
    rating: z.string().describe("The key of the rating on the desk's scale."),
    label: z.string().describe("The rating as readers see it."),
    summary: z.string(),
    publishedAt: timestamp,
  })
  .strict();

const readerClaimSchema = z
  .object({
    id: z.string(),
    quote: z.string().describe("The words as the article has them."),
    claimant: z.string().nullable(),
    verdict: readerVerdictSchema,
    sources: z.array(sourceSchema),
  })
  .strict();

const deskClaimSchema = z
  .object({
    id: z.string(),
    quote: z.string(),
    statement: z.string().describe("The claim as the desk checks it."),
    claimant: z.string().nullable(),
    status: z.enum(CLAIM_STATUSES),
    statusLabel: z.string(),
    statusReason: z.string().nullable().describe("The note on the last status change."),
    assignees: z.array(z.string()),
    verdict: readerVerdictSchema
      .extend({
        approvedBy: z.string().nullable(),
        reusedFrom: z
          .object({
            claimId: z.string(),
            statement: z.string(),
            articleTitle: z.string(),
            current: z.boolean().describe("False when the original no longer stands by the verdict reused here: it was reopened or corrected since."),
            originalChange: z
              .object({
                kind: z.enum(["reopened", "corrected"]),
                rating: z.string().nullable().describe("The original's new rating, when corrected."),
                label: z.string().nullable(),
                publishedAt: z.string().nullable().describe("When the original's new verdict was published, when corrected."),
              })
              .strict()
              .nullable()
              .describe("When not current: what became of the original's verdict."),
          })
          .strict()
          .nullable()
          .describe("When this claim was marked as a duplicate and its verdict reused: the original claim the verdict comes from."),
      })
      .strict()
      .nullable(),
    reviews: z.array(
      z
        .object({
          reviewer: z.string(),
          hidden: z.boolean().describe("True when the independent-review rule hides this review's rating from the person who asked for the report."),
          rating: z.string().nullable(),
          label: z.string().nullable(),
          rationale: z.string().nullable(),
          confidence: z.number().int().nullable(),
          updatedAt: timestamp,
        })
        .strict(),
    ),
    sources: z.array(sourceSchema),
  })
  .strict();

const articleSchema = z
  .object({ id: z.string(), title: z.string(), outlet: z.string().nullable(), author: z.string().nullable(), url: z.string().nullable(), publishedAt: date.nullable() })
  .strict();

const publisherSchema = z.object({ name: z.string().describe("The organisation publishing the fact-check."), url: z.string().nullable() }).strict();

const common = {
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: timestamp,
  publisher: publisherSchema,
  article: articleSchema,
};

export const readerReportSchema = z
  .object({
    ...common,
    audience: z.literal("reader"),
    claims: z.array(readerClaimSchema).describe("Claims with a published verdict, in reading order."),
  })
  .strict()
  .meta({ id: "ReaderReport", description: "The published fact-checks of one article: nothing internal to the desk." });

export const deskReportSchema = z
  .object({
    ...common,
    audience: z.literal("desk"),
    workspace: z.string(),
    counts: z.object({ claims: z.number().int(), published: z.number().int() }).strict(),
    claims: z.array(deskClaimSchema).describe("Every claim not dismissed, in reading order."),
  })
  .strict()
  .meta({ id: "DeskReport", description: "The desk's working report: every claim with its status, assignees, reviews and sources." });

export const reportDocumentSchema = z
  .discriminatedUnion("audience", [readerReportSchema, deskReportSchema])
  .meta({
    title: "Factdesk fact-check report",
    description: `The JSON form of an article's fact-check report, schemaVersion ${REPORT_SCHEMA_VERSION}. Fields are only ever added within a version; a change that removes or redefines one raises schemaVersion.`,
  });

export type ReaderReport = z.infer<typeof readerReportSchema>;
export type DeskReport = z.infer<typeof deskReportSchema>;
export type ReportDocument = ReaderReport | DeskReport;
export type ReportSource = z.infer<typeof sourceSchema>;

/** The JSON Schema (2020-12) of the report's JSON form, as committed in docs/report-schema.json. */
export function reportJsonSchema() {
  return { $id: "https://factdesk.invalid/schemas/report-v1.json", ...z.toJSONSchema(reportDocumentSchema, { target: "draft-2020-12", io: "output" }) };
}

type Claim = ReportData["claims"][number];

const sourcesOf = (claim: Claim): ReportSource[] =>
  claim.sources.map((s) => ({
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    kind: s.kind,
    kindLabel: SOURCE_KIND_LABELS[s.kind],
    stance: s.stance,
    stanceLabel: SOURCE_STANCE_LABELS[s.stance],
    quotation: s.quotation,
    publishedAt: day(s.publishedAt),
    accessedAt: day(s.accessedAt),
  }));

/** The report for one audience. Fields are picked one by one: nothing is copied wholesale. */
export function reportDocument(data: ReportData, audience: "reader"): ReaderReport;
export function reportDocument(data: ReportData, audience: "desk"): DeskReport;
export function reportDocument(data: ReportData, audience: Audience): ReportDocument;
export function reportDocument(data: ReportData, audience: Audience): ReportDocument {
  const base = {
    schemaVersion: REPORT_SCHEMA_VERSION as typeof REPORT_SCHEMA_VERSION,
    generatedAt: data.generatedAt.toISOString(),
    publisher: { name: data.organization?.name ?? data.workspace, url: data.organization?.url ?? null },
    article: { id: data.article.id, title: data.article.title, outlet: data.article.outlet, author: data.article.author, url: data.article.url, publishedAt: day(data.article.publishedAt) },
  };
  if (audience === "reader") {
    return {
      ...base,
      audience: "reader",
      claims: data.claims.flatMap((c) =>
        c.verdict
          ? [{ id: c.id, quote: c.quote, claimant: c.claimant, verdict: { rating: c.verdict.rating, label: c.verdict.ratingLabel, summary: c.verdict.summary, publishedAt: c.verdict.publishedAt.toISOString() }, sources: sourcesOf(c) }]
          : [],
      ),
    };
  }
  return {
    ...base,
    audience: "desk",
    workspace: data.workspace,
    counts: { claims: data.claims.length, published: data.claims.filter((c) => c.verdict).length },
    claims: data.claims.map((c) => ({
      id: c.id,
      quote: c.quote,
      statement: c.statement,
      claimant: c.claimant,
      status: c.status,
      statusLabel: STATUS_LABELS[c.status],
      statusReason: c.statusReason ?? null,
      assignees: c.assignees ?? [],
      verdict: c.verdict
        ? { rating: c.verdict.rating, label: c.verdict.ratingLabel, summary: c.verdict.summary, publishedAt: c.verdict.publishedAt.toISOString(), approvedBy: c.verdict.approvedBy, reusedFrom: reusedFromJson(c.verdict.reusedFrom) }
        : null,
      reviews: (c.reviews ?? []).map((r) => ({ reviewer: r.reviewer, hidden: r.hidden, rating: r.rating, label: r.ratingLabel, rationale: r.rationale, confidence: r.confidence, updatedAt: r.updatedAt.toISOString() })),
      sources: sourcesOf(c),
    })),
  };
}

/** A report's timestamp as people read it on paper: "29 Nov 2026, 03:48 UTC". */
export function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${day}, ${date.toISOString().slice(11, 16)} UTC`;
}

function reusedFromJson(from: NonNullable<ReportData["claims"][number]["verdict"]>["reusedFrom"]) {
  if (!from) return null;
  const change = from.originalChange ?? null;
  return {
    claimId: from.claimId,
    statement: from.statement,
    articleTitle: from.articleTitle,
    current: from.current ?? true,
    originalChange: change ? { kind: change.kind, rating: change.rating, label: change.ratingLabel, publishedAt: change.publishedAt ? change.publishedAt.toISOString() : null } : null,
  };
}

/**
 * The desk's warning on a reused verdict the original no longer stands by, in words every format
 * shows; null while the original still stands by it.
 */
export function reusedVerdictWarning(from: { current: boolean; originalChange: { kind: "reopened" | "corrected"; label: string | null; publishedAt: string | null } | null } | null | undefined): string | null {
  if (!from || from.current) return null;
  const change = from.originalChange;
  if (change?.kind === "corrected") return `The original's verdict changed since it was reused here: ${change.label ?? "a new verdict"}, ${change.publishedAt?.slice(0, 10) ?? ""}`.replace(/, $/, "");
  return "The original was reopened since its verdict was reused here.";
}
