import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { identifier } from "@/lib/validation/fields";
import { ArticleText } from "@/components/article/article-text";
import { ClaimKeys } from "@/components/article/claim-keys";
import { ClaimList } from "@/components/article/claim-list";
import { ClaimPanel } from "@/components/article/claim-panel";
import { SimilarClaims } from "@/components/article/similar-claims";
import { LiveArticle } from "@/components/article/live-article";
import { ArticlePresence, LatestChange } from "@/components/article/presence";
import { ShortcutsButton } from "@/components/keyboard/shortcuts-dialog";
import { buttonClass } from "@/components/ui/button";
import { formatDate } from "@/components/format";
import { requirePageMember } from "@/lib/auth/guards";
import { articlePath, type WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { getArticleForPage } from "@/lib/db/articles";
import { getClaimDetail } from "@/lib/db/claim-detail";
import { listClaimsForArticle } from "@/lib/db/claims";
import { listAssignableMembers } from "@/lib/db/workspaces";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { compactClaims } from "@/lib/realtime/compact";
import {
  assignClaimAction,
  changeClaimStatusAction,
  createClaimAction,
  updateClaimAction,
  createSourceAction,
  deleteSourceAction,
  publishDecisionAction,
  adjustClaimSpanAction,
  splitClaimAction,
  mergeClaimsAction,
  saveReviewAction,
  updateSourceAction,
} from "./actions";
import { markDuplicateAction, reuseDecisionAction, reuseOnDuplicatesAction } from "./duplicate-actions";

type Props = {
  params: Promise<{ workspace: string; articleId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Anything odd in the address (repeated or unknown values) is ignored rather than an error.
const querySchema = z.object({
  claim: identifier().max(64).optional().catch(undefined),
  status: z.enum(CLAIM_STATUSES).optional().catch(undefined),
});

// The title in generateMetadata and the page itself come from one query per request.
const getArticleOnce = cache(getArticleForPage);

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { workspace: slug, articleId } = await params;
  const member = await requirePageMember(slug);
  const { article } = await getArticleOnce(member.workspace.id, articleId);
  return { title: article?.title ?? "Article" };
}

export default async function ArticlePage({ params, searchParams }: Props) {
  const { workspace: slug, articleId } = await params;
  const query = querySchema.parse(await searchParams);
  const member = await requirePageMember(slug);
  const workspaceId = member.workspace.id;
  // Read before the claims, with the id of the article's latest event: the live stream resumes
  // after it, so a change that commits while the page renders arrives through the stream (and one
  // already shown merges harmlessly).
  const { article, since } = await getArticleOnce(workspaceId, articleId);
  if (!article) notFound();
  const [allClaims, claim, assignable] = await Promise.all([
    listClaimsForArticle(workspaceId, articleId),
    query.claim ? getClaimDetail(workspaceId, query.claim, member.actor) : Promise.resolve(null),
    query.claim && can(member.actor, "claim:assign") ? listAssignableMembers(workspaceId) : Promise.resolve([]),
  ]);
  const selected = claim && claim.articleId === article.id ? claim : null;

  const filter = query.status ?? null;
  const base = articlePath(slug, article.id);
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);

  return (
    <LiveArticle articleId={article.id} body={article.body} initialClaims={compactClaims(allClaims, article.body)} since={since.toString()} viewerId={member.user.id} selectedClaimId={selected?.id ?? null}>
    <main className="mx-auto max-w-[90rem] px-4 py-8 sm:px-6">
      <ClaimKeys base={base} filter={filter} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_26rem] xl:grid-cols-[minmax(0,1fr)_30rem]">
        <div className="min-w-0 lg:mx-auto lg:w-full lg:max-w-[68ch]">
          <Link prefetch={false} href={`/w/${slug}`} className="no-print text-sm text-muted hover:underline">← Articles</Link>
          <header className="mt-3 max-w-[68ch]">
            <h1 className="font-serif text-3xl font-semibold leading-tight tracking-tight sm:text-4xl">{article.title}</h1>
            <p className="mt-3 text-sm text-muted">
              {[article.outlet, article.author && `By ${article.author}`, article.publishedAt && formatDate(article.publishedAt)].filter(Boolean).join(" · ")}
              {article.url ? (
                <>
                  {" · "}
                  <a href={article.url} target="_blank" rel="noopener noreferrer nofollow" className="text-accent hover:underline">Original</a>
                </>
              ) : null}
            </p>
            <div className="no-print mt-4 flex flex-wrap items-center gap-2 text-sm">
              {can(member.actor, "claim:triage") ? (
                <>
                  <Link prefetch={false} href={`${base}/triage`} className={buttonClass("secondary")}>Triage detected claims</Link>
                  <span aria-hidden="true" className="mx-1 text-rule">|</span>
                </>
              ) : null}
              <Link prefetch={false} href={`${base}/report`} className={buttonClass("secondary")}>Report</Link>
              <Link prefetch={false} href={`${base}/revisions`} className={buttonClass("secondary")}>{can(member.actor, "article:revise") ? "Edit text · revisions" : "Revisions"}</Link>
              <span className="text-muted">Desk report:</span>
              <a href={`/api/v1/articles/${article.id}/report?format=md&audience=desk`} className={buttonClass("secondary")} download>Markdown</a>
              <a href={`/api/v1/articles/${article.id}/report?format=json&audience=desk`} className={buttonClass("secondary")} download>JSON</a>
              {can(member.actor, "share:manage") ? <Link prefetch={false} href={`${base}/share`} className={buttonClass("secondary")}>Public links</Link> : null}
              <span className="ml-auto"><ShortcutsButton /></span>
            </div>
            <div className="no-print mt-4 space-y-1 border-t border-rule pt-3">
              <ArticlePresence />
              <LatestChange scale={member.workspace.ratingScale} />
            </div>
          </header>
          <div className="mt-8 max-w-[68ch]">
            <ArticleText articleId={article.id} base={base} filter={filter} highlightThreshold={member.workspace.highlightThreshold} createClaim={can(member.actor, "claim:create") ? bound(createClaimAction) : null} />
            {can(member.actor, "claim:create") ? (
              <p className="no-print mt-8 border-t border-rule pt-4 text-sm text-muted">Select any words in the text and choose “Add claim” to check something the detector missed. With the keyboard: select words with Shift and the arrow keys (caret browsing, F7) then press the “Add claim” key (a); “Keyboard shortcuts” lists every key and lets you change them.</p>
            ) : null}
          </div>
        </div>
        <aside id="claim-panel" aria-label="Claims" className={`no-print space-y-4 scroll-mt-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto`}>
          {selected ? (
            <ClaimPanel
              key={selected.id}
              claim={selected}
              member={member}
              nav={{ base, filter }}
              assignable={assignable}
              actions={{
                changeStatus: bound(changeClaimStatusAction),
                assign: bound(assignClaimAction),
                updateClaim: bound(updateClaimAction),
                createSource: bound(createSourceAction),
                updateSource: bound(updateSourceAction),
                deleteSource: bound(deleteSourceAction),
                saveReview: bound(saveReviewAction),
                publishDecision: bound(publishDecisionAction),
                spans: { adjust: bound(adjustClaimSpanAction), split: bound(splitClaimAction), merge: bound(mergeClaimsAction) },
              }}
            />
          ) : null}
          {selected ? <SimilarClaims member={member} claim={selected} markDuplicate={bound(markDuplicateAction)} reuseDecision={bound(reuseDecisionAction)} reuseOnDuplicates={bound(reuseOnDuplicatesAction)} /> : (
            <>
              {query.claim ? <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">That claim is not part of this article. Choose one from the list.</p> : null}
              <ClaimList base={base} filter={filter} scale={member.workspace.ratingScale} />
            </>
          )}
        </aside>
      </div>
    </main>
    </LiveArticle>
  );
}
