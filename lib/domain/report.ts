// PURE: the fact-check report for one article, as Markdown and as JSON. Both are built from the
// same ReportData so the formats never disagree.
import { SOURCE_KIND_LABELS, SOURCE_STANCE_LABELS } from "@/lib/validation/source";
import { STATUS_LABELS, type ClaimStatus } from "./workflow";

type SourceKind = keyof typeof SOURCE_KIND_LABELS;
type SourceStance = keyof typeof SOURCE_STANCE_LABELS;

export type ReportData = {
  workspace: string;
  generatedAt: Date;
  article: { id: string; title: string; outlet: string | null; author: string | null; url: string | null; publishedAt: Date | null };
  claims: Array<{
    id: string;
    quote: string;
    statement: string;
    claimant: string | null;
    status: ClaimStatus;
    verdict: { rating: string; ratingLabel: string; summary: string; publishedAt: Date; approvedBy: string | null } | null;
    sources: Array<{
      url: string;
      title: string;
      publisher: string | null;
      kind: SourceKind;
      stance: SourceStance;
      quotation: string | null;
      publishedAt: Date | null;
      accessedAt: Date | null;
    }>;
  }>;
};

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** Markdown-inert text: user input can neither inject HTML nor break the document's structure. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]#|])/g, "\\$1")
    // A summary starts its own paragraph: keep "- x", "1. x", "> x" or "---" from becoming structure.
    .replace(/^([-+>=]|\d+[.)])/, "\\$1");
}

/** A link target that cannot break out of the Markdown link syntax (encodeURIComponent keeps parentheses). */
const linkTarget = (url: string) => url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

export function renderMarkdownReport(report: ReportData): string {
  const { article } = report;
  const published = report.claims.filter((c) => c.verdict).length;
  const lines: string[] = [`# Fact-check report: ${escapeMarkdown(article.title)}`, ""];
  const meta = [
    article.outlet && `Outlet: ${escapeMarkdown(article.outlet)}`,
    article.author && `Author: ${escapeMarkdown(article.author)}`,
    article.publishedAt && `Published: ${day(article.publishedAt)}`,
    article.url && `Original: <${linkTarget(article.url)}>`,
  ].filter(Boolean);
  lines.push(...meta.map((m) => `- ${m}`));
  lines.push(`- Desk: ${escapeMarkdown(report.workspace)}`, `- Report generated: ${report.generatedAt.toISOString()}`);
  lines.push(`- Claims: ${report.claims.length}, of which ${published} with a published verdict`, "");

  report.claims.forEach((claim, i) => {
    lines.push(`## Claim ${i + 1}`, "", `> ${escapeMarkdown(claim.quote)}`, "");
    if (claim.claimant) lines.push(`- Claimant: ${escapeMarkdown(claim.claimant)}`);
    lines.push(`- Status: ${STATUS_LABELS[claim.status]}`);
    if (claim.verdict) {
      lines.push(`- Verdict: **${escapeMarkdown(claim.verdict.ratingLabel)}** (published ${day(claim.verdict.publishedAt)})`);
      lines.push("", escapeMarkdown(claim.verdict.summary));
    } else {
      lines.push("- Verdict: not yet published");
    }
    lines.push("");
    if (claim.sources.length === 0) {
      lines.push("No sources yet.", "");
      return;
    }
    lines.push("Sources:", "");
    for (const s of claim.sources) {
      const details = [SOURCE_STANCE_LABELS[s.stance], SOURCE_KIND_LABELS[s.kind], s.publisher && escapeMarkdown(s.publisher), s.publishedAt && `published ${day(s.publishedAt)}`, s.accessedAt && `accessed ${day(s.accessedAt)}`]
        .filter(Boolean)
        .join(", ");
      lines.push(`- [${escapeMarkdown(s.title)}](${linkTarget(s.url)}) (${details})`);
      if (s.quotation) lines.push(`  > ${escapeMarkdown(s.quotation)}`);
    }
    lines.push("");
  });
  return `${lines.join("\n").trimEnd()}\n`;
}

export function toJsonReport(report: ReportData) {
  return {
    workspace: report.workspace,
    generatedAt: report.generatedAt.toISOString(),
    article: { ...report.article, publishedAt: day(report.article.publishedAt) },
    claims: report.claims.map((c) => ({
      id: c.id,
      quote: c.quote,
      statement: c.statement,
      claimant: c.claimant,
      status: c.status,
      verdict: c.verdict
        ? { rating: c.verdict.rating, label: c.verdict.ratingLabel, summary: c.verdict.summary, publishedAt: c.verdict.publishedAt.toISOString(), approvedBy: c.verdict.approvedBy }
        : null,
      sources: c.sources.map((s) => ({ ...s, publishedAt: day(s.publishedAt), accessedAt: day(s.accessedAt) })),
    })),
  };
}

/** A safe download name from the article title. */
export function reportFileName(title: string, extension: "md" | "json"): string {
  const slug = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `fact-check-${slug || "article"}.${extension}`;
}
