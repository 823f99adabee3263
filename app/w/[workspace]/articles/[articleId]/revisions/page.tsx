import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/components/format";
import { FocusOnMount } from "@/components/revisions/focus-on-mount";
import { ReattachPicker } from "@/components/revisions/reattach-picker";
import { RevisionDiff } from "@/components/revisions/revision-diff";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { articlePath } from "@/lib/actions/workspace-action";
import { requirePageMember } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { getDb } from "@/lib/db/client";
import { getRevision, listOrphanedClaims, listRevisions } from "@/lib/db/revisions";
import { identifier } from "@/lib/validation/fields";
import { MAX_REVISION_NOTE } from "@/lib/validation/revision";
import { reattachClaimAction, replaceArticleTextAction } from "../revision-actions";

export const metadata: Metadata = { title: "Text and revisions" };

// Anything odd in the address is ignored rather than an error.
const revisionParam = z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined);
const querySchema = z.object({ view: revisionParam, from: revisionParam, to: revisionParam, reattached: identifier().max(64).optional().catch(undefined) });

type Props = { params: Promise<{ workspace: string; articleId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The article's text over time: every revision read-only, the differences, editing, orphans. */
export default async function RevisionsPage({ params, searchParams }: Props) {
  const { workspace: slug, articleId } = await params;
  const query = querySchema.parse(await searchParams);
  const member = await requirePageMember(slug);
  const workspaceId = member.workspace.id;
  const [article, revisions] = await Promise.all([
    getDb().article.findFirst({ where: { id: articleId, workspaceId }, select: { id: true, title: true, body: true, version: true } }),
    listRevisions(workspaceId, articleId),
  ]);
  if (!article) notFound();
  const editor = can(member.actor, "article:revise");
  const orphans = editor ? await listOrphanedClaims(workspaceId, article.id) : [];
  const latest = revisions[0]?.number ?? 1;
  const base = articlePath(slug, article.id);
  const here = `${base}/revisions`;

  const viewing = query.view && revisions.length > 0 ? await getRevision(workspaceId, article.id, query.view) : null;
  const to = query.to ?? latest;
  const from = query.from ?? to - 1;
  const [fromRevision, toRevision] = revisions.length > 1 && from >= 1 && from !== to ? await Promise.all([getRevision(workspaceId, article.id, from), getRevision(workspaceId, article.id, to)]) : [null, null];

  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
      <Link href={base} className="text-sm text-muted hover:underline">← {article.title}</Link>
      <h1 className="mt-3 font-serif text-3xl font-semibold tracking-tight">Text and revisions</h1>
      <p className="mt-2 max-w-prose text-sm text-muted">
        Replacing the text saves a new revision. Every claim follows its words into the new text; a claim whose words cannot be found with confidence is listed under “Orphaned claims” for an editor to re-attach or dismiss, never moved silently.
      </p>

      {query.reattached ? (
        <p id="reattached-status" role="status" tabIndex={-1} className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm focus:outline-2 focus:outline-accent">
          Claim re-attached. <Link href={`${base}?claim=${query.reattached}`} className="text-accent hover:underline">Open it in the article</Link>
          <FocusOnMount targetId="reattached-status" />
        </p>
      ) : null}

      {orphans.length > 0 ? (
        <section aria-labelledby="orphans-heading" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-5">
          <h2 id="orphans-heading" className="text-base font-semibold">Orphaned claims ({orphans.length})</h2>
          <div className="mt-3">
            <ReattachPicker body={article.body} orphans={orphans} claimHref={`${base}?claim=`} action={reattachClaimAction.bind(null, slug)} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="text-base font-semibold">Revisions</h2>
        {revisions.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-rule bg-white p-4 text-sm text-muted">The text has not been replaced yet: this is its only version.</p>
        ) : (
          <ol className="mt-3 divide-y divide-rule rounded-lg border border-rule bg-white">
            {revisions.map((r) => (
              <li key={r.number} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <div>
                  <p className="font-medium">
                    Revision {r.number}
                    {r.number === latest ? " (current)" : ""}
                    {r.note ? <span className="font-normal text-muted"> · {r.note}</span> : null}
                  </p>
                  <p className="text-muted">
                    {formatDateTime(r.createdAt)}
                    {r.createdBy ? ` by ${r.createdBy}` : ""} · {r.length.toLocaleString("en-US")} characters
                  </p>
                </div>
                <div className="flex gap-2">
                  <Link href={`${here}?view=${r.number}#viewing-heading`} className={buttonClass("secondary")} aria-current={viewing?.number === r.number ? "page" : undefined}>
                    Read<span className="sr-only"> revision {r.number}</span>
                  </Link>
                  {r.number > 1 ? (
                    <Link href={`${here}?from=${r.number - 1}&to=${r.number}#diff-heading`} className={buttonClass("secondary")}>
                      Changes<span className="sr-only"> from revision {r.number - 1} to {r.number}</span>
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      {viewing ? (
        <section aria-labelledby="viewing-heading" className="mt-8">
          <h2 id="viewing-heading" className="scroll-mt-4 text-base font-semibold">
            Revision {viewing.number} ({viewing.number === latest ? "current, " : ""}read-only){viewing.note ? ` · ${viewing.note}` : ""}
          </h2>
          <div className="mt-3 whitespace-pre-wrap rounded-lg border border-rule bg-white p-4 font-serif text-base leading-relaxed">{viewing.body}</div>
        </section>
      ) : null}

      {fromRevision && toRevision ? (
        <section aria-labelledby="diff-heading" className="mt-8">
          <h2 id="diff-heading" className="scroll-mt-4 text-base font-semibold">Changes</h2>
          <form key={`${from}-${to}`} method="get" action={`${here}#diff-heading`} className="mt-2 flex flex-wrap items-end gap-2 text-sm">
            <label className="flex flex-col">
              From
              <select name="from" defaultValue={from} className="mt-1 rounded-md border border-rule bg-white px-2 py-1">
                {revisions.map((r) => <option key={r.number} value={r.number}>Revision {r.number}</option>)}
              </select>
            </label>
            <label className="flex flex-col">
              To
              <select name="to" defaultValue={to} className="mt-1 rounded-md border border-rule bg-white px-2 py-1">
                {revisions.map((r) => <option key={r.number} value={r.number}>Revision {r.number}</option>)}
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary")}>Compare</button>
          </form>
          <div className="mt-3">
            <RevisionDiff before={fromRevision.body} after={toRevision.body} fromLabel={`revision ${from}`} toLabel={`revision ${to}`} />
          </div>
        </section>
      ) : null}

      {editor ? (
        <section aria-labelledby="edit-heading" className="mt-8 rounded-lg border border-rule bg-white p-5">
          <h2 id="edit-heading" className="text-base font-semibold">Edit text</h2>
          <div className="mt-3">
            <ActionForm action={replaceArticleTextAction.bind(null, slug)} submitLabel="Save as a new revision" pendingLabel="Saving and re-anchoring…">
              <input type="hidden" name="articleId" value={article.id} />
              <input type="hidden" name="version" value={article.version} />
              <TextAreaField name="body" label="Article text" required defaultValue={article.body} rows={16} />
              <TextField name="note" label="What changed" maxLength={MAX_REVISION_NOTE} placeholder="For example: corrected the unemployment figure" />
            </ActionForm>
          </div>
        </section>
      ) : null}
    </main>
  );
}
