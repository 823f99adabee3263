// PURE: the report as CSV, one row per claim, for spreadsheets: UTF-8 with a byte-order mark,
// RFC 4180 quoting (CRLF rows), and cells that a spreadsheet would run as a formula neutralised.
import { reusedVerdictWarning, type ReportDocument, type ReportSource } from "./document";

const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field; text a spreadsheet would evaluate (= + - @ tab CR) gets a leading apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: Array<string | number | null | undefined>) => cells.map(csvCell).join(",");

const sourceList = (sources: ReportSource[]) => sources.map((s) => `${s.title} (${s.stanceLabel}): ${s.url}`).join("\n");

export function renderCsv(report: ReportDocument): string {
  const rows: string[] = [];
  if (report.audience === "reader") {
    rows.push(csvRow(["claim", "claim_id", "quote", "claimant", "verdict", "rating", "summary", "verdict_published", "source_count", "sources"]));
    report.claims.forEach((c, i) => {
      rows.push(csvRow([i + 1, c.id, c.quote, c.claimant, c.verdict.label, c.verdict.rating, c.verdict.summary, c.verdict.publishedAt, c.sources.length, sourceList(c.sources)]));
    });
  } else {
    rows.push(
      csvRow(["claim", "claim_id", "quote", "statement", "claimant", "status", "status_note", "assignees", "verdict", "rating", "summary", "verdict_published", "approved_by", "review_count", "reviews", "source_count", "sources", "verdict_reused_from", "verdict_reused_outdated"]),
    );
    report.claims.forEach((c, i) => {
      const reviews = c.reviews.map((r) => (r.hidden ? `${r.reviewer}: hidden` : `${r.reviewer}: ${r.label ?? r.rating}${r.confidence ? ` (confidence ${r.confidence}/3)` : ""}: ${r.rationale ?? ""}`)).join("\n");
      rows.push(
        csvRow([
          i + 1,
          c.id,
          c.quote,
          c.statement,
          c.claimant,
          c.statusLabel,
          c.statusReason,
          c.assignees.join("; "),
          c.verdict?.label,
          c.verdict?.rating,
          c.verdict?.summary,
          c.verdict?.publishedAt,
          c.verdict?.approvedBy,
          c.reviews.length,
          reviews,
          c.sources.length,
          sourceList(c.sources),
          c.verdict?.reusedFrom ? `${c.verdict.reusedFrom.statement} (${c.verdict.reusedFrom.articleTitle}, claim ${c.verdict.reusedFrom.claimId})` : null,
          reusedVerdictWarning(c.verdict?.reusedFrom),
        ]),
      );
    });
  }
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
