// PURE: the reader's view of a report for the public link: published claims only, and of each
// only what was published (the words, the claimant, the verdict and its summary, the sources).
// Fields are copied one by one, so whatever the report model gains later stays out until added here.
import type { ReportData } from "./report";

type ReportClaim = ReportData["claims"][number];
type Verdict = NonNullable<ReportClaim["verdict"]>;

export type PublicClaim = {
  id: string;
  quote: string;
  statement: string;
  claimant: string | null;
  verdict: { rating: string; ratingLabel: string; summary: string; publishedAt: Date };
  sources: Array<Pick<ReportClaim["sources"][number], "url" | "title" | "publisher" | "kind" | "stance" | "quotation" | "publishedAt" | "accessedAt">>;
};

export type PublicReport = {
  article: Pick<ReportData["article"], "title" | "outlet" | "author" | "url" | "publishedAt">;
  claims: PublicClaim[];
};

const isPublished = (claim: ReportClaim): claim is ReportClaim & { verdict: Verdict } => claim.status === "PUBLISHED" && claim.verdict !== null;

export function toPublicReport(report: ReportData): PublicReport {
  const { title, outlet, author, url, publishedAt } = report.article;
  return {
    article: { title, outlet, author, url, publishedAt },
    claims: report.claims.filter(isPublished).map((claim) => ({
      id: claim.id,
      quote: claim.quote,
      statement: claim.statement,
      claimant: claim.claimant,
      verdict: { rating: claim.verdict.rating, ratingLabel: claim.verdict.ratingLabel, summary: claim.verdict.summary, publishedAt: claim.verdict.publishedAt },
      sources: claim.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, kind: s.kind, stance: s.stance, quotation: s.quotation, publishedAt: s.publishedAt, accessedAt: s.accessedAt })),
    })),
  };
}

/** Only the published claims of a report, for builders that read the report model (ClaimReview). */
export function publishedOnly(report: ReportData): ReportData {
  return { ...report, claims: report.claims.filter(isPublished) };
}
