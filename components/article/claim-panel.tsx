import Link from "next/link";
import type { ReactNode } from "react";
import type { Member } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import type { ClaimDetail } from "@/lib/db/claim-detail";
import { scoreCheckWorthiness } from "@/lib/domain/detection/score";
import { publishBlockers, reviewAgreement } from "@/lib/domain/publishing";
import { ratingLabel, type Rating } from "@/lib/domain/rating-scale";
import { reusedVerdictState } from "@/lib/domain/reuse";
import { resultHref } from "@/lib/domain/search";
import { PUBLISHABLE_FROM, transitionsFor, type ClaimStatus } from "@/lib/domain/workflow";
import { CONFIDENCE_LABELS } from "@/lib/validation/review";
import { SOURCE_KIND_LABELS, SOURCE_STANCE_LABELS } from "@/lib/validation/source";
import { formatDate, formatDateTime } from "../format";
import { AssignForm, ClaimEditForm, DecisionForm, DeleteSourceForm, ReviewForm, SourceForm, StatusForm, UnassignForm, type FormAction } from "./claim-forms";
import { ClaimComments } from "./claim-comments";
import { ClaimCurrentWords } from "./claim-current-words";
import { ClaimPosition } from "./claim-keys";
import { ClaimSpanEditor } from "./claim-span-editor";
import { describeEvent } from "./event-text";
import { FocusOnOpen } from "./focus-on-open";
import { ActivityZone, ClaimPresence } from "./presence";
import { StatusBadge } from "./status-badge";
import { Disclosure } from "../ui/disclosure";

export type ClaimActions = {
  changeStatus: FormAction;
  assign: FormAction;
  updateClaim: FormAction;
  createSource: FormAction;
  updateSource: FormAction;
  deleteSource: FormAction;
  saveReview: FormAction;
  publishDecision: FormAction;
  /** Which words the claim covers (editors): adjust, split, merge with the next claim. */
  spans?: { adjust: FormAction; split: FormAction; merge: FormAction };
};

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="border-t border-rule pt-4">
      <h3 className="text-xs font-semibold uppercase tracking-wider text-muted">
        {title}
        {count !== undefined ? <span className="font-normal"> ({count})</span> : null}
      </h3>
      <div className="mt-3 space-y-3">{children}</div>
    </section>
  );
}

/** The workflow steps this person can take from here, each with why it is not possible yet. */
function WorkflowSteps({ claim, member, action }: { claim: ClaimDetail; member: Member; action: FormAction }) {
  const steps = transitionsFor({ status: claim.status, sourceCount: claim.sources.length, reviewCount: claim.reviews.length }, (a) => can(member.actor, a));
  if (steps.length === 0) {
    // Say who moves it on, rather than leaving a reviewer wondering where the buttons went.
    if (!can(member.actor, "claim:research")) return null;
    const next = claim.status === "DETECTED" ? "An editor queues or dismisses detected claims." : claim.status === "PUBLISHED" ? "An editor can reopen the claim for a correction." : claim.status === "DISMISSED" ? "An editor can restore it to the queue." : null;
    return next ? <p className="text-sm text-muted">{next}</p> : null;
  }
  return (
    <div className="flex flex-wrap items-start gap-2">
      {steps.map((step) => (
        <StatusForm key={step.to} action={action} claimId={claim.id} version={claim.version} status={step.to} label={step.label} needsReason={step.needsReason} blocker={step.blocker} />
      ))}
    </div>
  );
}

/** Whether the reviews this person can see agree; hidden ratings stay out of it. */
function AgreementLine({ reviews, scale }: { reviews: ClaimDetail["reviews"]; scale: readonly Rating[] }) {
  const agreement = reviewAgreement(reviews.flatMap((r) => (!r.hidden && r.rating ? [r.rating] : [])));
  if (!agreement) return null;
  return (
    <p className="text-sm">
      {agreement.kind === "agree" ? (
        <span className="text-emerald-800">✓ Reviewers agree: {ratingLabel(scale, agreement.rating)}</span>
      ) : (
        <span className="text-amber-800">≠ Reviewers disagree: {agreement.counts.map((c) => `${c.count} × ${ratingLabel(scale, c.rating)}`).join(", ")}</span>
      )}
    </p>
  );
}

/** Who has the claim, and for editors the controls to give it to someone or take it back. */
function Assignees({ claim, member, assignable, action }: { claim: ClaimDetail; member: Member; assignable: Array<{ id: string; name: string }>; action: FormAction }) {
  const mayAssign = can(member.actor, "claim:assign");
  const assigned = new Set(claim.assignees.map((a) => a.userId));
  const candidates = assignable.filter((m) => !assigned.has(m.id));
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-muted">{claim.assignees.length === 0 ? "Not assigned to anyone yet." : "Assigned to"}</span>
        {claim.assignees.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5" aria-label="Assignees">
            {claim.assignees.map((a) => (
              <li key={a.userId} className="inline-flex items-center gap-0.5 rounded-full border border-rule bg-paper py-0.5 pl-2.5 pr-1 text-sm">
                <span className={mayAssign ? "" : "pr-1.5"}>{a.userId === member.user.id ? "You" : a.user.name}</span>
                {mayAssign ? <UnassignForm action={action} claimId={claim.id} userId={a.userId} name={a.user.name} /> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {mayAssign && candidates.length > 0 ? <AssignForm action={action} claimId={claim.id} members={candidates} /> : null}
    </div>
  );
}

/** The editor's view before publishing: every visible review side by side, and whether they agree. */
function ReviewsSideBySide({ reviews, scale }: { reviews: ClaimDetail["reviews"]; scale: readonly Rating[] }) {
  const visible = reviews.filter((r) => !r.hidden && r.rating !== null);
  const agreement = reviewAgreement(visible.map((r) => r.rating ?? ""));
  if (visible.length === 0) return null;
  return (
    <div className="space-y-2">
      {agreement ? (
        <p className={`text-sm font-medium ${agreement.kind === "agree" ? "text-emerald-800" : "text-amber-800"}`}>
          {agreement.kind === "agree"
            ? `✓ The ${agreement.count} reviews agree: ${ratingLabel(scale, agreement.rating)}.`
            : `≠ The reviews disagree: ${agreement.counts.map((c) => `${c.count} × ${ratingLabel(scale, c.rating)}`).join(", ")}.`}
        </p>
      ) : null}
      <ul className={`grid gap-2 ${visible.length > 1 ? "sm:grid-cols-2" : ""}`} aria-label="Reviews side by side">
        {visible.map((r) => (
          <li key={r.id} className="rounded-md border border-rule bg-paper/60 p-2.5 text-sm">
            <p className="font-semibold">{ratingLabel(scale, r.rating)}</p>
            <p className="text-xs text-muted">{r.reviewer.name}{r.confidence ? ` · ${CONFIDENCE_LABELS[r.confidence]} confidence` : ""}</p>
            {r.rationale ? <p className="mt-1 line-clamp-6 whitespace-pre-line">{r.rationale}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Publishing: what still stands in the way (the desk's rules, four eyes), or the form. */
function Publish({ claim, member, action }: { claim: ClaimDetail; member: Member; action: FormAction }) {
  const { workspace, actor } = member;
  if (!can(actor, "decision:publish") || claim.status === "PUBLISHED" || claim.status === "DISMISSED") return null;
  if (!PUBLISHABLE_FROM.includes(claim.status)) return <p className="text-sm text-muted">A verdict can be published once the claim is in review.</p>;
  const blockers = publishBlockers({
    status: claim.status,
    sourceUrls: claim.sources.map((s) => s.url),
    reviewerIds: claim.reviews.map((r) => r.reviewerId),
    publisherId: actor.userId,
    rules: workspace,
  });
  const agreement = reviewAgreement(claim.reviews.flatMap((r) => (r.rating ? [r.rating] : [])));
  return (
    <div className="space-y-3 rounded-md border border-rule p-3">
      <h4 className="text-sm font-semibold">{claim.status === "REOPENED" ? "Publish a correction" : "Publish the verdict"}</h4>
      <ReviewsSideBySide reviews={claim.reviews} scale={workspace.ratingScale} />
      {blockers.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm" id="publish-blockers">
          <p className="font-medium">Not ready to publish:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {blockers.map((b) => <li key={b}>{b}</li>)}
          </ul>
        </div>
      ) : (
        <DecisionForm action={action} claimId={claim.id} version={claim.version} scale={workspace.ratingScale} correcting={claim.status === "REOPENED"} suggested={agreement?.kind === "agree" ? agreement.rating : undefined} />
      )}
    </div>
  );
}

/** The detector's reasons for flagging the claim's words, the same list the triage page shows. */
function FlaggedBecause({ quote }: { quote: string }) {
  const { reasons } = scoreCheckWorthiness(quote);
  if (reasons.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted hover:text-ink">Why it was flagged</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-muted">
        {reasons.map((reason) => <li key={reason}>{reason}</li>)}
      </ul>
    </details>
  );
}

export function ClaimPanel({ claim, member, actions, nav, assignable }: { claim: ClaimDetail; member: Member; actions: ClaimActions; nav: { base: string; filter: ClaimStatus | null }; assignable: Array<{ id: string; name: string }> }) {
  const { actor, workspace } = member;
  const scale = workspace.ratingScale;
  const own = claim.reviews.find((r) => r.reviewerId === actor.userId);
  const mine = own && own.rating !== null && own.rationale !== null ? { rating: own.rating, rationale: own.rationale, confidence: own.confidence, version: own.version } : undefined;
  const latest = claim.decisions[0];

  return (
    <article aria-labelledby="claim-heading" className="space-y-5 rounded-lg border border-rule bg-white p-5 shadow-xs">
      <ClaimPosition base={nav.base} filter={nav.filter} />

      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={claim.status} />
          {claim.score !== null ? <span className="text-xs text-muted">Check-worthiness {Math.round(claim.score * 100)}%</span> : null}
          {claim.origin === "MANUAL" ? <span className="text-xs text-muted">Added by a reviewer</span> : null}
        </div>
        {claim.orphaned ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            <span className="font-medium">Orphaned: </span>the text was replaced and this claim&apos;s words could not be found with confidence, so it is not marked in the text.{" "}
            {can(actor, "claim:reattach") ? (
              <Link href={`${nav.base}/revisions`} className="text-accent underline">Re-attach it to its words</Link>
            ) : (
              "An editor can re-attach it."
            )}
          </p>
        ) : null}
        <h2 id="claim-heading" tabIndex={-1} className="scroll-mt-4 font-serif text-lg leading-snug focus:outline-none">“{claim.statement}”</h2>
        <FocusOnOpen targetId="claim-heading" />
        <ClaimCurrentWords claim={claim} action={can(actor, "claim:edit") ? actions.updateClaim : null} />
        <p className="text-sm text-muted">{claim.claimant ? <>Claimant: <span className="text-ink">{claim.claimant}</span></> : "Claimant not identified"}</p>
        {claim.origin !== "MANUAL" && !claim.orphaned ? <FlaggedBecause quote={claim.quote} /> : null}
        {claim.statusReason && (claim.status === "DISMISSED" || claim.status === "REOPENED") ? (
          <p className="rounded-md border border-rule bg-paper px-3 py-2 text-sm">
            <span className="font-medium">{claim.status === "DISMISSED" ? "Dismissed because: " : "Reopened for a correction: "}</span>
            {claim.statusReason}
          </p>
        ) : null}
        <Assignees claim={claim} member={member} assignable={assignable} action={actions.assign} />
        <ClaimPresence claimId={claim.id} />
        {can(actor, "claim:edit") && claim.status !== "PUBLISHED" ? (
          <ActivityZone activity="claim">
            <Disclosure summary="Edit the statement" shortcut="editClaim">
              <ClaimEditForm action={actions.updateClaim} claim={claim} />
            </Disclosure>
          </ActivityZone>
        ) : null}
        {actions.spans && can(actor, "claim:span") && claim.status !== "PUBLISHED" && claim.status !== "DISMISSED" && !claim.orphaned ? (
          <Disclosure summary="Adjust span, split or merge">
            <ClaimSpanEditor claimId={claim.id} actions={actions.spans} />
          </Disclosure>
        ) : claim.status === "PUBLISHED" && can(actor, "claim:span") ? (
          <p className="text-xs text-muted">The verdict is published, so the claim&apos;s words stay as they are; reopen it to change them.</p>
        ) : null}
        <WorkflowSteps claim={claim} member={member} action={actions.changeStatus} />
      </header>

      <Section title="Verdict">
        {latest ? (
          <div className="rounded-md border border-emerald-200 bg-emerald-50/60 p-3">
            <p className="font-semibold">{ratingLabel(scale, latest.rating)}</p>
            <p className="mt-1 text-sm">{latest.summary}</p>
            <p className="mt-2 text-xs text-muted">Published {formatDateTime(latest.createdAt)}{latest.approvedBy ? ` by ${latest.approvedBy.name}` : ""}</p>
            {latest.reusedFrom ? (
              <p className="mt-1 text-xs" data-testid="verdict-reused-from">
                Verdict reused from{" "}
                <Link href={resultHref(workspace.slug, { articleId: latest.reusedFrom.claim.articleId, claimId: latest.reusedFrom.claim.id })} className="text-accent hover:underline">“{latest.reusedFrom.claim.statement}”</Link>
              </p>
            ) : null}
            {latest.reusedFrom ? <ReusedVerdictWarning source={latest.reusedFrom} claim={claim} scale={scale} slug={workspace.slug} /> : null}
            {claim.decisions.length > 1 ? (
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-muted">Earlier verdicts ({claim.decisions.length - 1})</summary>
                <ul className="mt-2 space-y-2">
                  {claim.decisions.slice(1).map((d) => (
                    <li key={d.id} className="text-muted"><span className="line-through">{ratingLabel(scale, d.rating)}</span>: {d.summary} ({formatDate(d.createdAt)})</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-muted">No verdict published yet.</p>
        )}
        <Publish claim={claim} member={member} action={actions.publishDecision} />
      </Section>

      <Section title="Sources" count={claim.sources.length}>
        {claim.sources.length === 0 ? <p className="text-sm text-muted">No sources yet. Add the primary data or records that confirm or refute this claim.</p> : null}
        <ul className="space-y-3">
          {claim.sources.map((s) => (
            <li key={s.id} className="rounded-md border border-rule p-3 text-sm">
              <a href={s.url} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-accent hover:underline">{s.title}</a>
              <p className="mt-0.5 text-xs text-muted">
                <span className="font-medium text-ink">{SOURCE_STANCE_LABELS[s.stance]}</span> · {SOURCE_KIND_LABELS[s.kind]}
                {s.publisher ? ` · ${s.publisher}` : ""}
                {s.publishedAt ? ` · published ${formatDate(s.publishedAt)}` : ""}
                {s.accessedAt ? ` · accessed ${formatDate(s.accessedAt)}` : ""}
              </p>
              {s.quotation ? <blockquote className="mt-2 border-l-2 border-rule pl-3 font-serif italic">{s.quotation}</blockquote> : null}
              <p className="mt-1 break-all text-xs text-muted">{s.url}</p>
              <p className="mt-1 text-xs text-muted">Added by {s.addedBy?.name ?? "a former member"}</p>
              <div className="mt-2 space-y-2 empty:hidden">
                {can(actor, "source:update", { ownerId: s.addedById }) ? (
                  <ActivityZone activity="source">
                    <Disclosure summary="Edit source">
                      <SourceForm action={actions.updateSource} source={s} />
                    </Disclosure>
                  </ActivityZone>
                ) : null}
                {can(actor, "source:delete", { ownerId: s.addedById }) ? <DeleteSourceForm action={actions.deleteSource} sourceId={s.id} /> : null}
              </div>
            </li>
          ))}
        </ul>
        {can(actor, "source:create") ? (
          <ActivityZone activity="source">
            <Disclosure summary="Add a source" initiallyOpen={claim.sources.length === 0} shortcut="addSource">
              <SourceForm action={actions.createSource} claimId={claim.id} />
            </Disclosure>
          </ActivityZone>
        ) : null}
      </Section>

      <Section title="Reviews" count={claim.reviews.length}>
        {claim.reviews.length === 0 ? <p className="text-sm text-muted">No reviews yet.</p> : null}
        <AgreementLine reviews={claim.reviews} scale={scale} />
        <ul className="space-y-3">
          {claim.reviews.map((r) => (
            <li key={r.id} className="rounded-md border border-rule p-3 text-sm">
              <p>
                <span className="font-medium">{r.reviewerId === actor.userId ? "You" : r.reviewer.name}</span>
                {!r.hidden && r.rating !== null ? (
                  <>: <span className="font-semibold">{ratingLabel(scale, r.rating)}</span>{r.confidence ? <span className="text-muted"> · {CONFIDENCE_LABELS[r.confidence]} confidence</span> : null}</>
                ) : (
                  <span className="text-muted">: rating hidden until you submit your own review</span>
                )}
              </p>
              {r.rationale !== null ? <p className="mt-1 whitespace-pre-line">{r.rationale}</p> : null}
            </li>
          ))}
        </ul>
        {can(actor, "review:write") ? (
          <ActivityZone activity="review">
            <Disclosure summary={mine ? "Update my review" : "Write my review"} shortcut="review">
              <ReviewForm action={actions.saveReview} claimId={claim.id} scale={scale} review={mine} />
            </Disclosure>
          </ActivityZone>
        ) : null}
      </Section>

      <ClaimComments claimId={claim.id} member={member} />

      <Section title="History">
        <ol className="space-y-1.5 text-sm">
          {claim.events.map((e) => (
            <li key={e.id} className="flex gap-2">
              <time className="shrink-0 text-xs leading-5 text-muted" dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time>
              <span>{describeEvent(e, scale)}</span>
            </li>
          ))}
          <li className="flex gap-2">
            <time className="shrink-0 text-xs leading-5 text-muted" dateTime={claim.createdAt.toISOString()}>{formatDateTime(claim.createdAt)}</time>
            <span>{claim.origin === "MANUAL" ? "Claim created from selected words" : "Detected when the article was imported"}</span>
          </li>
        </ol>
      </Section>
    </article>
  );
}

type ReuseSourceOfDetail = NonNullable<ClaimDetail["decisions"][number]["reusedFrom"]>;

/**
 * On a duplicate whose reused verdict the original no longer stands by (reopened, or corrected
 * with a newer decision): says so, links to the original, and tells how to follow it. Nothing
 * is re-published by itself: following the original is a correction, under the same rules.
 */
function ReusedVerdictWarning({ source, claim, scale, slug }: { source: ReuseSourceOfDetail; claim: Pick<ClaimDetail, "status">; scale: readonly Rating[]; slug: string }) {
  const state = reusedVerdictState(source);
  if (state.current) return null;
  const href = resultHref(slug, { articleId: source.claim.articleId, claimId: source.claim.id });
  return (
    <div role="status" data-testid="reused-verdict-outdated" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2.5 text-xs text-amber-950">
      <p className="font-medium">
        {state.latest && !state.reopened ? (
          <>
            The original&apos;s verdict changed since it was reused here: <strong>{ratingLabel(scale, state.latest.rating) ?? state.latest.rating}</strong>, {formatDate(state.latest.createdAt)}.
          </>
        ) : (
          <>The original was reopened since its verdict was reused here{state.latest ? " (and corrected)" : ""}: it no longer stands by this verdict.</>
        )}{" "}
        <Link href={href} className="text-accent underline">See the original</Link>
      </p>
      <p className="mt-1">
        {state.reopened
          ? "This claim keeps its published verdict until the original is published again; then its new verdict can be reused here as a correction."
          : claim.status === "REOPENED"
            ? "This claim is reopened: the original's new verdict can be reused below as a correction."
            : "To follow it, reopen this claim (a correction needs a reason), then reuse the original's new verdict as a correction below."}
      </p>
    </div>
  );
}
