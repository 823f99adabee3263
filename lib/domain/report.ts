// PURE: the one model of an article's fact-check report. Every format (lib/reports) is rendered
// from it, through one audience's view, so the formats never disagree.
import type { SOURCE_KIND_LABELS, SOURCE_STANCE_LABELS } from "@/lib/validation/source";
import type { ClaimStatus } from "./workflow";

type SourceKind = keyof typeof SOURCE_KIND_LABELS;
type SourceStance = keyof typeof SOURCE_STANCE_LABELS;

export type ReportData = {
  workspace: string;
  /** The publisher named on the report: the workspace's organisation, else its name. */
  organization?: { name: string; url: string | null };
  generatedAt: Date;
  article: { id: string; title: string; outlet: string | null; author: string | null; url: string | null; publishedAt: Date | null };
  claims: Array<{
    id: string;
    quote: string;
    statement: string;
    claimant: string | null;
    status: ClaimStatus;
    /** The desk's note on the last status change (internal). */
    statusReason?: string | null;
    /** Names of the people the claim is assigned to (internal). */
    assignees?: string[];
    /** Reviews as the person asking may see them under the independent-review rule (internal). */
    reviews?: Array<{ reviewer: string; rating: string | null; ratingLabel: string | null; rationale: string | null; confidence: number | null; hidden: boolean; updatedAt: Date }>;
    verdict: {
      rating: string;
      ratingLabel: string;
      summary: string;
      publishedAt: Date;
      approvedBy: string | null;
      /** The original claim whose verdict this duplicate reuses (internal). */
      reusedFrom?: {
        claimId: string;
        statement: string;
        articleTitle: string;
        /** False when the original no longer stands by the verdict copied here. */
        current?: boolean;
        /** What became of the original's verdict since: reopened, or corrected with a new rating. */
        originalChange?: { kind: "reopened" | "corrected"; rating: string | null; ratingLabel: string | null; publishedAt: Date | null } | null;
      } | null;
    } | null;
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

export const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

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
export const linkTarget = (url: string) => url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/** A safe download name from the article title. */
export function reportFileName(title: string, extension: string): string {
  const slug = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `fact-check-${slug || "article"}.${extension}`;
}
