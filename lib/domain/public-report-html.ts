// PURE: the public report page (/r/{token}) as one HTML document. It is written by hand rather
// than rendered by the app so that its <head> carries the ClaimReview JSON-LD, it loads no script
// at all, and every byte of it comes from the whitelisted PublicReport.
import { SOURCE_KIND_LABELS, SOURCE_STANCE_LABELS } from "@/lib/validation/source";
import type { PublicClaim, PublicReport } from "./public-report";

export type PublicPage = PublicReport & { organization: { name: string; url: string | null }; jsonLd: string; pageUrl: string; fontUrl: string };

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** An href only for http(s) addresses; anything else is shown as text, never linked. */
const safeHref = (url: string | null) => (url && /^https?:\/\//i.test(url) ? escapeHtml(url) : null);

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const date = (d: Date) => escapeHtml(dateFormat.format(d));

function source(s: PublicClaim["sources"][number]): string {
  const href = safeHref(s.url);
  const title = escapeHtml(s.title);
  const details = [s.publisher && escapeHtml(s.publisher), escapeHtml(SOURCE_KIND_LABELS[s.kind]), s.publishedAt && `published ${date(s.publishedAt)}`].filter(Boolean).join(" · ");
  return `<li>
          <p><span class="stance stance-${s.stance.toLowerCase()}">${escapeHtml(SOURCE_STANCE_LABELS[s.stance])}</span> ${href ? `<a href="${href}" rel="noopener noreferrer">${title}</a>` : title}</p>
          <p class="details">${details}</p>${s.quotation ? `\n          <blockquote class="quotation">${escapeHtml(s.quotation)}</blockquote>` : ""}
        </li>`;
}

function claim(c: PublicClaim, index: number): string {
  const reworded = c.statement.trim() !== c.quote.trim();
  return `<li class="claim" id="claim-${escapeHtml(c.id)}">
      <p class="number">Claim ${index + 1}</p>
      <blockquote class="quote"><p>${escapeHtml(c.quote)}</p>${c.claimant ? `<footer>${escapeHtml(c.claimant)}</footer>` : ""}</blockquote>
      ${reworded ? `<p class="statement"><span class="label">As checked:</span> ${escapeHtml(c.statement)}</p>` : ""}
      <div class="verdict">
        <p><span class="label">Verdict</span> <strong class="rating">${escapeHtml(c.verdict.ratingLabel)}</strong></p>
        <p class="summary">${escapeHtml(c.verdict.summary)}</p>
        <p class="details">Published ${date(c.verdict.publishedAt)}</p>
      </div>
      ${
        c.sources.length
          ? `<section class="sources" aria-label="Sources for claim ${index + 1}">
        <h3>Sources</h3>
        <ul>
        ${c.sources.map(source).join("\n        ")}
        </ul>
      </section>`
          : ""
      }
    </li>`;
}

const STYLE = `
@font-face { font-family: "Source Serif 4"; src: url("{{font}}") format("woff2"); font-weight: 200 900; font-display: swap; }
:root { --ink: #1f2328; --muted: #59616b; --rule: #e3e0d8; --paper: #fbfaf7; --accent: #1d4ed8; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 1.125rem/1.65 "Source Serif 4", Georgia, "Times New Roman", serif; }
a { color: var(--accent); text-underline-offset: 2px; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.wrap { max-width: 42rem; margin: 0 auto; padding: 0 1.25rem; }
.masthead { border-bottom: 1px solid var(--rule); background: #fff; }
.masthead .wrap { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem; padding-top: .9rem; padding-bottom: .9rem; font: 600 .9rem/1.4 system-ui, sans-serif; }
.masthead a { color: var(--ink); text-decoration: none; }
.kicker { color: var(--muted); font-weight: 500; letter-spacing: .06em; text-transform: uppercase; font-size: .75rem; align-self: center; }
h1 { font-size: clamp(1.9rem, 5vw, 2.6rem); line-height: 1.15; letter-spacing: -.01em; margin: 2.5rem 0 .75rem; font-weight: 650; }
.meta, .details, .number, .label, footer, h3 { font-family: system-ui, sans-serif; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 1.5rem; }
.intro { border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); padding: .9rem 0; margin: 0 0 1rem; font-style: italic; }
ol.claims { list-style: none; margin: 0; padding: 0; }
.claim { padding: 2rem 0; border-bottom: 1px solid var(--rule); }
.number { margin: 0 0 .5rem; color: var(--muted); font-size: .75rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
.quote { margin: 0; padding: 0 0 0 1.1rem; border-left: 3px solid var(--ink); }
.quote p { margin: 0; font-size: 1.3rem; line-height: 1.5; }
.quote p::before { content: "\\201C"; } .quote p::after { content: "\\201D"; }
.quote footer { margin-top: .4rem; color: var(--muted); font-size: .9rem; }
.quote footer::before { content: "\\2014\\00a0"; }
.statement { margin: 1rem 0 0; }
.label { color: var(--muted); font-size: .8rem; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; }
.verdict { margin-top: 1.25rem; padding: 1rem 1.1rem; background: #fff; border: 1px solid var(--rule); border-radius: .5rem; }
.verdict p { margin: 0; }
.rating { font-family: system-ui, sans-serif; font-size: 1.05rem; margin-left: .35rem; }
.verdict .summary { margin-top: .5rem; }
.verdict .details { margin-top: .5rem; }
.details { color: var(--muted); font-size: .8rem; }
.sources h3 { font-size: .8rem; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); margin: 1.5rem 0 .5rem; }
.sources ul { margin: 0; padding: 0; list-style: none; }
.sources li { margin: 0 0 .9rem; }
.sources li p { margin: 0; }
.stance { font-family: system-ui, sans-serif; font-size: .7rem; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; padding: .1rem .4rem; border: 1px solid var(--rule); border-radius: .25rem; margin-right: .3rem; white-space: nowrap; vertical-align: .1em; }
.quotation { margin: .35rem 0 0; padding-left: .8rem; border-left: 2px solid var(--rule); color: #3b4148; font-size: 1rem; }
.empty { padding: 2rem 0; color: var(--muted); }
.colophon { color: var(--muted); font-size: .85rem; padding: 2rem 0 3rem; }
@media (max-width: 30rem) { body { font-size: 1.05rem; } .quote p { font-size: 1.15rem; } }
@media print { .masthead { background: none; } a { color: inherit; } .claim { break-inside: avoid; } }
`;

export function renderPublicReportPage(page: PublicPage): string {
  const { article, organization, claims } = page;
  const org = escapeHtml(organization.name);
  const orgLink = safeHref(organization.url);
  const original = safeHref(article.url);
  const meta = [article.outlet && escapeHtml(article.outlet), article.author && `By ${escapeHtml(article.author)}`, article.publishedAt && date(article.publishedAt), original && `<a href="${original}" rel="noopener noreferrer">Read the original</a>`]
    .filter(Boolean)
    .join(" · ");
  const count = claims.length;
  const intro = count === 0 ? "" : `<p class="intro">${org} checked ${count === 1 ? "one claim" : `${count} claims`} in this article. Each verdict below was published by the desk, with the sources it relied on.</p>`;
  const description = escapeHtml(`${organization.name} fact-checks ${count === 1 ? "one claim" : `${count} claims`} in “${article.title}”.`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fact-check: ${escapeHtml(article.title)} · ${org}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${escapeHtml(page.pageUrl)}">
<script type="application/ld+json">${page.jsonLd}</script>
<style>${STYLE.replace("{{font}}", escapeHtml(page.fontUrl))}</style>
</head>
<body>
<header class="masthead"><div class="wrap">${orgLink ? `<a href="${orgLink}" rel="noopener">${org}</a>` : `<span>${org}</span>`}<span class="kicker">Fact-check</span></div></header>
<main class="wrap">
  <article>
    <h1>${escapeHtml(article.title)}</h1>
    ${meta ? `<p class="meta">${meta}</p>` : ""}
    ${intro}
    ${
      count === 0
        ? `<p class="empty">No verdicts on this article are published yet. Check back later.</p>`
        : `<ol class="claims">
    ${claims.map(claim).join("\n    ")}
    </ol>`
    }
  </article>
  <footer class="colophon">Published by ${org}. This page always shows the desk’s current verdicts: a correction replaces the verdict it corrects.</footer>
</main>
</body>
</html>
`;
}

/** The one answer for every link that does not open a report: unknown, malformed, revoked, expired. */
export const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Not found</title>
<style>body{margin:0;font:1.1rem/1.6 Georgia,serif;background:#fbfaf7;color:#1f2328}main{max-width:36rem;margin:0 auto;padding:6rem 1.25rem}h1{font-size:2rem;margin:0 0 .5rem}</style></head>
<body><main><h1>Not found</h1><p>There is no page at this address.</p></main></body>
</html>
`;
