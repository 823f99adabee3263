import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/format";
import { ShareLinkForm } from "@/components/share/share-link-form";
import { ActionForm } from "@/components/ui/action-form";
import { articlePath } from "@/lib/actions/workspace-action";
import { requirePageAction } from "@/lib/auth/guards";
import { getShareTarget, listShareLinks, type ShareLinkRow } from "@/lib/db/share-links";
import { createShareLinkAction, revokeShareLinkAction } from "./actions";

export const metadata: Metadata = { title: "Public links" };

function linkState(link: ShareLinkRow, now: Date): { label: string; working: boolean } {
  if (link.revokedAt) return { label: `Revoked ${formatDateTime(link.revokedAt)}`, working: false };
  if (link.expiresAt && link.expiresAt <= now) return { label: `Expired ${formatDateTime(link.expiresAt)}`, working: false };
  return { label: link.expiresAt ? `Works until ${formatDateTime(link.expiresAt)}` : "Works until revoked", working: true };
}

/** Public links to the article's published report (editors): create, list, revoke. */
export default async function ShareLinksPage({ params }: { params: Promise<{ workspace: string; articleId: string }> }) {
  const { workspace: slug, articleId } = await params;
  const member = await requirePageAction(slug, "share:manage");
  const workspaceId = member.workspace.id;
  const [article, links] = await Promise.all([getShareTarget(workspaceId, articleId), listShareLinks(workspaceId, articleId)]);
  if (!article) notFound();
  const published = article.published;
  const now = new Date();

  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <Link href={articlePath(slug, article.id)} className="text-sm text-muted hover:underline">← {article.title}</Link>
      <h1 className="mt-3 font-serif text-3xl font-semibold tracking-tight">Public links</h1>
      <p className="mt-2 max-w-prose text-sm text-muted">
        A public link opens this article’s published report for anyone who has it, without signing in: the published claims with their verdicts, summaries and sources, under your desk’s name. Reviews, comments, unpublished claims and the names of the people on the desk never appear.
      </p>
      <p className="mt-2 text-sm" role="note">
        {published === 0
          ? "No claim of this article is published yet: a link would show an empty report until one is."
          : `${published} published ${published === 1 ? "claim" : "claims"} will show; claims published later appear too.`}
      </p>

      <section aria-labelledby="new-link-heading" className="mt-6 rounded-lg border border-rule bg-white p-5">
        <h2 id="new-link-heading" className="text-base font-semibold">New public link</h2>
        <div className="mt-3">
          <ShareLinkForm action={createShareLinkAction.bind(null, slug)} articleId={article.id} />
        </div>
      </section>

      <section aria-labelledby="links-heading" className="mt-8">
        <h2 id="links-heading" className="text-base font-semibold">Links to this report</h2>
        {links.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-rule bg-white p-6 text-sm text-muted">No public links yet. Create one above to share the published report with readers or a partner outlet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-rule rounded-lg border border-rule bg-white">
            {links.map((link) => {
              const state = linkState(link, now);
              return (
                <li key={link.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                  <div>
                    <p className={state.working ? "font-medium" : "font-medium text-muted"}>{state.label}</p>
                    <p className="text-muted">
                      Created {formatDateTime(link.createdAt)}
                      {link.createdBy ? ` by ${link.createdBy}` : ""}
                    </p>
                  </div>
                  {state.working && !link.revokedAt ? (
                    <ActionForm
                      action={revokeShareLinkAction.bind(null, slug)}
                      submitLabel="Revoke"
                      pendingLabel="Revoking…"
                      variant="danger"
                      confirm="Revoke this public link? Anyone who has it will get a “not found” page from now on."
                      ariaLabel={`Revoke the link created ${formatDateTime(link.createdAt)}`}
                      className="flex flex-wrap items-center gap-2"
                    >
                      <input type="hidden" name="shareLinkId" value={link.id} />
                    </ActionForm>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}
