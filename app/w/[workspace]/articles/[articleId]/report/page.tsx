import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { PrintButton } from "@/components/report/print-button";
import { ReportView } from "@/components/report/report-view";
import { articlePath } from "@/lib/actions/workspace-action";
import { requirePageMember } from "@/lib/auth/guards";
import { can, type Role } from "@/lib/auth/policy";
import { getArticleReport } from "@/lib/db/reports";
import { AUDIENCE_LABELS, AUDIENCES, reportDocument, type Audience } from "@/lib/reports/document";
import { formatsFor } from "@/lib/reports/index";

type Props = {
  params: Promise<{ workspace: string; articleId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// An odd value in the address shows the reader's report rather than an error.
const querySchema = z.object({ audience: z.enum(AUDIENCES).catch("reader").default("reader") });

const AUDIENCE_HINTS: Record<Audience, string> = {
  reader: "Published verdicts only, as readers see them: nothing internal.",
  desk: "Every claim with its status, assignees, reviews and their rationales.",
};

// Once per request for the title and the page: keyed by plain values (React's cache compares
// arguments by identity, and each page guard call builds a new actor).
const reportOnce = cache((workspaceId: string, articleId: string, userId: string, role: Role) => getArticleReport(workspaceId, articleId, { userId, role }));

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { workspace: slug, articleId } = await params;
  const member = await requirePageMember(slug);
  const data = await reportOnce(member.workspace.id, articleId, member.actor.userId, member.actor.role);
  return { title: data ? `Report: ${data.article.title}` : "Report" };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { workspace: slug, articleId } = await params;
  const member = await requirePageMember(slug);
  const deskAllowed = can(member.actor, "report:export");
  const requested = querySchema.parse(await searchParams).audience;
  const audience: Audience = requested === "desk" && deskAllowed ? "desk" : "reader";
  const data = await reportOnce(member.workspace.id, articleId, member.actor.userId, member.actor.role);
  if (!data) notFound();
  const report = reportDocument(data, audience);
  const base = `${articlePath(slug, articleId)}/report`;
  const audiences = AUDIENCES.filter((a) => a === "reader" || deskAllowed);
  const download = (format: string, a: Audience) => `/api/v1/articles/${articleId}/report?format=${format}&audience=${a}`;

  return (
    <main className="report-page mx-auto max-w-[72rem] px-4 py-8 sm:px-6">
      <Link href={articlePath(slug, articleId)} className="no-print text-sm text-muted hover:underline">← Back to the article</Link>
      <h1 className="no-print mt-3 font-serif text-3xl font-semibold tracking-tight">Fact-check report</h1>
      <div className="report-grid mt-6 grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0">
          <nav aria-label="Audience" className="no-print mb-4 flex flex-wrap items-center gap-3">
            <div className="inline-flex rounded-md border border-rule bg-white p-0.5">
              {audiences.map((a) => (
                <Link
                  key={a}
                  href={a === "reader" ? base : `${base}?audience=${a}`}
                  aria-current={a === audience ? "page" : undefined}
                  className={`rounded px-3 py-1.5 text-sm font-medium ${a === audience ? "bg-ink text-white" : "text-ink hover:bg-paper"}`}
                >
                  {AUDIENCE_LABELS[a]}
                </Link>
              ))}
            </div>
            <p className="text-sm text-muted">{AUDIENCE_HINTS[audience]}</p>
            <span className="ml-auto"><PrintButton /></span>
          </nav>
          <ReportView report={report} />
        </div>
        <aside aria-labelledby="downloads" className="no-print space-y-6 lg:sticky lg:top-4 lg:self-start">
          <h2 id="downloads" className="text-sm font-semibold uppercase tracking-wider text-muted">Downloads</h2>
          {audiences.map((a) => (
            <section key={a} aria-labelledby={`downloads-${a}`}>
              <h3 id={`downloads-${a}`} className="font-medium">{AUDIENCE_LABELS[a]}</h3>
              <p className="mt-0.5 text-xs text-muted">{AUDIENCE_HINTS[a]}</p>
              <ul className="mt-2 flex flex-wrap gap-2">
                {formatsFor(a).map((f) => (
                  <li key={f.id}>
                    <a href={download(f.id, a)} download className="inline-flex rounded-md border border-rule bg-white px-2.5 py-1 text-sm hover:bg-paper" aria-label={`${f.label}, ${AUDIENCE_LABELS[a].toLowerCase()}`}>
                      {f.label}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <p className="text-xs text-muted">
            The API serves the same files: <code className="break-all">GET /api/v1/articles/{articleId}/report?format=…&amp;audience=…</code>
          </p>
        </aside>
      </div>
    </main>
  );
}
