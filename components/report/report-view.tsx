import { StatusBadge } from "@/components/article/status-badge";
import { formatDate, formatDateTime } from "@/components/format";
import type { DeskReport, ReportDocument, ReportSource } from "@/lib/reports/document";
import "./report-print.css";

// The report as the page shows it (and prints it), from the same document every download is
// rendered from: a reader's document has nothing internal in it to show.

const date = (iso: string | null) => (iso ? formatDate(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : "");

function Sources({ sources }: { sources: ReportSource[] }) {
  if (sources.length === 0) return <p className="mt-3 text-sm text-muted">No sources yet.</p>;
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold">Sources</h3>
      <ol className="mt-2 list-decimal space-y-2 pl-5 text-sm">
        {sources.map((s, i) => (
          <li key={i} className="report-source">
            {/^https?:\/\//i.test(s.url) ? (
              <a href={s.url} target="_blank" rel="noopener noreferrer nofollow" className="text-accent hover:underline">{s.title}</a>
            ) : (
              <span>{s.title}</span>
            )}
            <span className="block text-xs text-muted">
              {[s.stanceLabel, s.kindLabel, s.publisher, s.publishedAt && `published ${date(s.publishedAt)}`, s.accessedAt && `accessed ${date(s.accessedAt)}`].filter(Boolean).join(" · ")}
            </span>
            {s.quotation ? <blockquote className="mt-1 border-l-2 border-rule pl-3 font-serif italic">{s.quotation}</blockquote> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Verdict({ label, summary, publishedAt, approvedBy }: { label: string; summary: string; publishedAt: string; approvedBy?: string | null }) {
  return (
    <div className="mt-3">
      <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <span className="report-verdict rounded-full border-2 border-ink px-2.5 py-0.5 font-semibold">{label}</span>
        <span className="text-muted">published {date(publishedAt)}{approvedBy ? ` by ${approvedBy}` : ""}</span>
      </p>
      <p className="mt-2 font-serif text-base leading-relaxed">{summary}</p>
    </div>
  );
}

function DeskDetails({ claim }: { claim: DeskReport["claims"][number] }) {
  return (
    <>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {claim.claimant ? (<><dt className="text-muted">Claimant</dt><dd>{claim.claimant}</dd></>) : null}
        {claim.statement.trim() !== claim.quote.trim() ? (<><dt className="text-muted">Statement checked</dt><dd>{claim.statement}</dd></>) : null}
        <dt className="text-muted">Status</dt>
        <dd><StatusBadge status={claim.status} />{claim.statusReason ? <span className="ml-2 text-muted">{claim.statusReason}</span> : null}</dd>
        <dt className="text-muted">Assigned to</dt>
        <dd>{claim.assignees.length ? claim.assignees.join(", ") : "Nobody"}</dd>
      </dl>
      {claim.verdict ? <Verdict {...claim.verdict} /> : <p className="mt-3 text-sm text-muted">No verdict published yet.</p>}
      {claim.reviews.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">Reviews</h3>
          <ul className="mt-2 space-y-2 text-sm">
            {claim.reviews.map((r, i) => (
              <li key={i}>
                <span className="font-medium">{r.reviewer}</span>
                {r.hidden ? (
                  <span className="text-muted">: rating hidden until you have reviewed this claim yourself</span>
                ) : (
                  <>
                    : <span className="font-semibold">{r.label ?? r.rating}</span>
                    {r.confidence ? <span className="text-muted"> (confidence {r.confidence} of 3)</span> : null}
                    {r.rationale ? <span className="mt-0.5 block whitespace-pre-line">{r.rationale}</span> : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-3 text-sm text-muted">No reviews yet.</p>
      )}
    </>
  );
}

export function ReportView({ report }: { report: ReportDocument }) {
  const { article } = report;
  return (
    <article className="report-document rounded-lg border border-rule bg-white px-5 py-6 sm:px-8" aria-labelledby="report-title">
      <header className="border-b-2 border-ink pb-4">
        <p className="text-xs font-semibold uppercase tracking-wider text-muted">{report.audience === "reader" ? "Fact-check" : "Desk report"} · {report.publisher.name}</p>
        <h2 id="report-title" className="mt-1 font-serif text-2xl font-semibold leading-tight sm:text-3xl">{article.title}</h2>
        <p className="mt-2 text-sm text-muted">
          {[article.outlet, article.author && `By ${article.author}`, article.publishedAt && date(article.publishedAt)].filter(Boolean).join(" · ")}
          {article.url ? <span className="report-original block break-all">{article.url}</span> : null}
        </p>
        <p className="mt-1 text-sm text-muted">
          {report.audience === "desk" ? `${report.counts.claims} ${report.counts.claims === 1 ? "claim" : "claims"}, ${report.counts.published} with a published verdict. ` : `${report.claims.length} ${report.claims.length === 1 ? "claim" : "claims"} checked. `}
          Generated {formatDateTime(new Date(report.generatedAt))}.
        </p>
      </header>
      {report.claims.length === 0 ? (
        <p className="py-6 text-sm text-muted">{report.audience === "reader" ? "No verdicts have been published for this article yet." : "No claims yet."}</p>
      ) : null}
      {report.claims.map((claim, i) => (
        <section key={claim.id} className="report-claim border-b border-rule py-5 last:border-b-0" aria-labelledby={`claim-${claim.id}`}>
          <h3 id={`claim-${claim.id}`} className="text-xs font-semibold uppercase tracking-wider text-muted">Claim {i + 1}</h3>
          <blockquote className="mt-2 border-l-4 border-rule pl-4 font-serif text-lg leading-relaxed">{claim.quote}</blockquote>
          {report.audience === "desk" ? (
            <DeskDetails claim={claim as DeskReport["claims"][number]} />
          ) : "verdict" in claim && claim.verdict ? (
            <>
              {claim.claimant ? <p className="mt-3 text-sm"><span className="text-muted">Claimant:</span> {claim.claimant}</p> : null}
              <Verdict {...claim.verdict} />
            </>
          ) : null}
          <Sources sources={claim.sources} />
        </section>
      ))}
    </article>
  );
}
