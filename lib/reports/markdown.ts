// PURE: the report as Markdown, user text made inert (lib/domain/report escapeMarkdown).
import { escapeMarkdown as esc, linkTarget } from "@/lib/domain/report";
import { readableTime, reusedVerdictWarning, type DeskReport, type ReportDocument, type ReportSource } from "./document";

const dayOf = (iso: string) => iso.slice(0, 10);

function sourceLines(sources: ReportSource[]): string[] {
  if (sources.length === 0) return ["No sources yet.", ""];
  const lines = ["Sources:", ""];
  for (const s of sources) {
    const details = [s.stanceLabel, s.kindLabel, s.publisher && esc(s.publisher), s.publishedAt && `published ${s.publishedAt}`, s.accessedAt && `accessed ${s.accessedAt}`].filter(Boolean).join(", ");
    lines.push(`- [${esc(s.title)}](${linkTarget(s.url)}) (${details})`);
    if (s.quotation) lines.push(`  > ${esc(s.quotation)}`);
  }
  lines.push("");
  return lines;
}

function deskClaimLines(claim: DeskReport["claims"][number]): string[] {
  const lines: string[] = [];
  if (claim.claimant) lines.push(`- Claimant: ${esc(claim.claimant)}`);
  if (claim.statement.trim() !== claim.quote.trim()) lines.push(`- Statement checked: ${esc(claim.statement)}`);
  lines.push(`- Status: ${claim.statusLabel}`);
  if (claim.statusReason) lines.push(`- Status note: ${esc(claim.statusReason)}`);
  lines.push(`- Assigned to: ${claim.assignees.length ? claim.assignees.map(esc).join(", ") : "nobody"}`);
  if (claim.verdict) {
    const by = claim.verdict.approvedBy ? `, approved by ${esc(claim.verdict.approvedBy)}` : "";
    lines.push(`- Verdict: **${esc(claim.verdict.label)}** (published ${dayOf(claim.verdict.publishedAt)}${by})`);
    if (claim.verdict.reusedFrom) lines.push(`- Verdict reused from the original claim “${esc(claim.verdict.reusedFrom.statement)}” in “${esc(claim.verdict.reusedFrom.articleTitle)}”`);
    const warning = reusedVerdictWarning(claim.verdict.reusedFrom);
    if (warning) lines.push(`- **${esc(warning)}**`);
    lines.push("", esc(claim.verdict.summary));
  } else {
    lines.push("- Verdict: not yet published");
  }
  lines.push("");
  if (claim.reviews.length === 0) {
    lines.push("No reviews yet.", "");
  } else {
    lines.push("Reviews:", "");
    for (const r of claim.reviews) {
      if (r.hidden) {
        lines.push(`- ${esc(r.reviewer)}: rating hidden until you have reviewed this claim yourself`);
        continue;
      }
      const confidence = r.confidence ? `, confidence ${r.confidence} of 3` : "";
      lines.push(`- ${esc(r.reviewer)}: **${esc(r.label ?? r.rating ?? "")}**${confidence}`);
      if (r.rationale) lines.push(`  > ${esc(r.rationale)}`);
    }
    lines.push("");
  }
  return lines;
}

export function renderMarkdown(report: ReportDocument): string {
  const { article } = report;
  const title = report.audience === "reader" ? "Fact-check" : "Fact-check desk report";
  const lines: string[] = [`# ${title}: ${esc(article.title)}`, ""];
  const meta = [
    article.outlet && `Outlet: ${esc(article.outlet)}`,
    article.author && `Author: ${esc(article.author)}`,
    article.publishedAt && `Published: ${article.publishedAt}`,
    article.url && `Original: <${linkTarget(article.url)}>`,
  ].filter(Boolean);
  lines.push(...meta.map((m) => `- ${m}`));
  if (report.audience === "reader") {
    lines.push(`- Fact-checked by: ${esc(report.publisher.name)}`, `- Report generated: ${readableTime(report.generatedAt)}`);
    lines.push(`- Claims checked: ${report.claims.length}`, "");
    if (report.claims.length === 0) lines.push("No verdicts have been published for this article yet.", "");
  } else {
    lines.push(`- Desk: ${esc(report.workspace)}`, `- Report generated: ${readableTime(report.generatedAt)}`);
    lines.push(`- Claims: ${report.counts.claims}, of which ${report.counts.published} with a published verdict`, "");
  }

  report.claims.forEach((claim, i) => {
    lines.push(`## Claim ${i + 1}`, "", `> ${esc(claim.quote)}`, "");
    if (report.audience === "desk") {
      lines.push(...deskClaimLines(claim as DeskReport["claims"][number]));
    } else if ("verdict" in claim && claim.verdict) {
      if (claim.claimant) lines.push(`- Claimant: ${esc(claim.claimant)}`);
      lines.push(`- Verdict: **${esc(claim.verdict.label)}** (published ${dayOf(claim.verdict.publishedAt)})`, "", esc(claim.verdict.summary), "");
    }
    lines.push(...sourceLines(claim.sources));
  });
  return `${lines.join("\n").trimEnd()}\n`;
}
