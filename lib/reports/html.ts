// PURE: the report as one standalone, printable HTML document. Every piece of user text is
// escaped; links are only ever http(s); the styles are inline so the file works on its own.
import { readableTime, reusedVerdictWarning, type DeskReport, type ReportDocument, type ReportSource } from "./document";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const h = escapeHtml;
const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? h(url) : null);
const dayOf = (iso: string) => iso.slice(0, 10);

const STYLE = `
:root { color-scheme: light; --ink: #1c1917; --muted: #57534e; --line: #d6d3d1; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 "Source Serif 4", Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.kicker { font: 600 0.8rem/1.2 Inter, system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 0 0 0.4rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.75rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; font: 0.9rem/1.5 Inter, system-ui, sans-serif; color: var(--muted); }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
section.claim { border-top: 1px solid var(--line); padding: 1.25rem 0; break-inside: avoid-page; }
h2 { font: 600 0.8rem/1.2 Inter, system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 0 0 0.5rem; }
blockquote { margin: 0 0 0.75rem; padding-left: 1rem; border-left: 3px solid var(--line); font-size: 1.1rem; }
.facts { font: 0.9rem/1.5 Inter, system-ui, sans-serif; margin: 0 0 0.75rem; padding: 0; list-style: none; }
.verdict { display: inline-block; font: 700 0.85rem/1.2 Inter, system-ui, sans-serif; border: 1.5px solid var(--ink); border-radius: 999px; padding: 0.2rem 0.6rem; margin-right: 0.4rem; }
h3 { font: 600 0.85rem/1.2 Inter, system-ui, sans-serif; margin: 1rem 0 0.4rem; }
ol.sources, ul.reviews { margin: 0; padding-left: 1.25rem; font-size: 0.95rem; }
ol.sources li, ul.reviews li { margin-bottom: 0.4rem; }
.source-meta, .muted { color: var(--muted); font: 0.85rem/1.4 Inter, system-ui, sans-serif; }
.url { font: 0.8rem/1.4 ui-monospace, monospace; color: var(--muted); overflow-wrap: anywhere; }
a { color: var(--accent); }
footer { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: 0.75rem; }
@media print {
  @page { margin: 18mm 16mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid-page; }
}
`;

function sourcesHtml(sources: ReportSource[]): string {
  if (sources.length === 0) return `<p class="muted">No sources yet.</p>`;
  const items = sources.map((s) => {
    const href = safeHref(s.url);
    const title = href ? `<a href="${href}" rel="noopener noreferrer">${h(s.title)}</a>` : h(s.title);
    const meta = [s.stanceLabel, s.kindLabel, s.publisher, s.publishedAt && `published ${s.publishedAt}`, s.accessedAt && `accessed ${s.accessedAt}`].filter(Boolean).map((x) => h(String(x))).join(" · ");
    const quotation = s.quotation ? `<blockquote>${h(s.quotation)}</blockquote>` : "";
    return `<li>${title}<div class="source-meta">${meta}</div><div class="url">${h(s.url)}</div>${quotation}</li>`;
  });
  return `<h3>Sources</h3><ol class="sources">${items.join("")}</ol>`;
}

function deskClaimHtml(c: DeskReport["claims"][number]): string {
  const facts = [
    c.claimant && `<li>Claimant: ${h(c.claimant)}</li>`,
    c.statement.trim() !== c.quote.trim() && `<li>Statement checked: ${h(c.statement)}</li>`,
    `<li>Status: <strong>${h(c.statusLabel)}</strong>${c.statusReason ? `: ${h(c.statusReason)}` : ""}</li>`,
    `<li>Assigned to: ${c.assignees.length ? c.assignees.map(h).join(", ") : "nobody"}</li>`,
  ].filter(Boolean);
  const verdict = c.verdict
    ? `<p><span class="verdict">${h(c.verdict.label)}</span><span class="muted">published ${dayOf(c.verdict.publishedAt)}${c.verdict.approvedBy ? ` by ${h(c.verdict.approvedBy)}` : ""}</span></p>${
        c.verdict.reusedFrom
          ? `<p class="muted">Verdict reused from the original claim “${h(c.verdict.reusedFrom.statement)}” in “${h(c.verdict.reusedFrom.articleTitle)}”</p>${reusedVerdictWarning(c.verdict.reusedFrom) ? `<p><strong>${h(reusedVerdictWarning(c.verdict.reusedFrom)!)}</strong></p>` : ""}`
          : ""
      }<p>${h(c.verdict.summary)}</p>`
    : `<p class="muted">No verdict published yet.</p>`;
  const reviews = c.reviews.length
    ? `<h3>Reviews</h3><ul class="reviews">${c.reviews
        .map((r) =>
          r.hidden
            ? `<li>${h(r.reviewer)}: <span class="muted">rating hidden until you have reviewed this claim yourself</span></li>`
            : `<li>${h(r.reviewer)}: <strong>${h(r.label ?? r.rating ?? "")}</strong>${r.confidence ? ` <span class="muted">(confidence ${r.confidence} of 3)</span>` : ""}${r.rationale ? `<div>${h(r.rationale)}</div>` : ""}</li>`,
        )
        .join("")}</ul>`
    : `<p class="muted">No reviews yet.</p>`;
  return `<ul class="facts">${facts.join("")}</ul>${verdict}${reviews}`;
}

export function renderHtml(report: ReportDocument): string {
  const { article } = report;
  const meta: Array<[string, string]> = [];
  if (article.outlet) meta.push(["Outlet", h(article.outlet)]);
  if (article.author) meta.push(["Author", h(article.author)]);
  if (article.publishedAt) meta.push(["Published", article.publishedAt]);
  if (article.url) meta.push(["Original", safeHref(article.url) ? `<a href="${h(article.url)}" rel="noopener noreferrer">${h(article.url)}</a>` : h(article.url)]);
  meta.push(["Fact-checked by", h(report.publisher.name)]);
  if (report.audience === "desk") meta.push(["Claims", `${report.counts.claims}, of which ${report.counts.published} with a published verdict`]);
  const claims = report.claims.map((c, i) => {
    const body =
      report.audience === "desk"
        ? deskClaimHtml(c as DeskReport["claims"][number])
        : "verdict" in c && c.verdict
          ? `<ul class="facts">${c.claimant ? `<li>Claimant: ${h(c.claimant)}</li>` : ""}</ul><p><span class="verdict">${h(c.verdict.label)}</span><span class="muted">published ${dayOf(c.verdict.publishedAt)}</span></p><p>${h(c.verdict.summary)}</p>`
          : "";
    return `<section class="claim"><h2>Claim ${i + 1}</h2><blockquote>${h(c.quote)}</blockquote>${body}${sourcesHtml(c.sources)}</section>`;
  });
  const empty = report.claims.length === 0 ? `<p class="muted">${report.audience === "reader" ? "No verdicts have been published for this article yet." : "No claims yet."}</p>` : "";
  const kicker = report.audience === "reader" ? `Fact-check · ${h(report.publisher.name)}` : `Desk report · ${h(report.publisher.name)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Factdesk report, schemaVersion ${report.schemaVersion}">
<title>${report.audience === "reader" ? "Fact-check" : "Desk report"}: ${h(article.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><p class="kicker">${kicker}</p><h1>${h(article.title)}</h1><dl class="meta">${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl></header>
${empty}${claims.join("\n")}
<footer class="muted">Generated ${h(readableTime(report.generatedAt))}</footer>
</main>
</body>
</html>
`;
}
