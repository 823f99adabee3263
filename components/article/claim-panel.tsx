import type { ReactNode } from "react";
import type { Member } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import type { ClaimDetail } from "@/lib/db/claim-detail";
import { ratingLabel } from "@/lib/domain/rating-scale";
import { transitionsFor, type ClaimStatus } from "@/lib/domain/workflow";
import { CONFIDENCE_LABELS } from "@/lib/validation/review";
import { SOURCE_KIND_LABELS, SOURCE_STANCE_LABELS } from "@/lib/validation/source";
import { formatDate, formatDateTime } from "../format";
import { ClaimEditForm, DecisionForm, DeleteSourceForm, ReviewForm, SourceForm, StatusForm, type FormAction } from "./claim-forms";
import { ClaimPosition } from "./claim-keys";
import { describeEvent } from "./event-text";
import { FocusOnOpen } from "./focus-on-open";
import { ActivityZone, ClaimPresence } from "./presence";
import { StatusBadge } from "./status-badge";
import { Disclosure } from "../ui/disclosure";

export type ClaimActions = {
  changeStatus: FormAction;
  updateClaim: FormAction;
  createSource: FormAction;
  updateSource: FormAction;
  deleteSource: FormAction;
  saveReview: FormAction;
  publishDecision: FormAction;
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
  if (steps.length === 0) return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {steps.map((step) => (
        <StatusForm key={step.to} action={action} claimId={claim.id} version={claim.version} status={step.to} label={step.label} needsReason={step.needsReason} blocker={step.blocker} />
      ))}
    </div>
  );
}

export function ClaimPanel({ claim, member, actions, nav }: { claim: ClaimDetail; member: Member; actions: ClaimActions; nav: { base: string; filter: ClaimStatus | null } }) {
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
        <h2 id="claim-heading" tabIndex={-1} className="scroll-mt-4 font-serif text-lg leading-snug focus:outline-none">“{claim.statement}”</h2>
        <FocusOnOpen targetId="claim-heading" />
        <p className="text-sm text-muted">{claim.claimant ? <>Claimant: <span className="text-ink">{claim.claimant}</span></> : "Claimant not identified"}</p>
        <ClaimPresence claimId={claim.id} />
        {can(actor, "claim:edit") && claim.status !== "PUBLISHED" ? (
          <ActivityZone activity="claim">
            <Disclosure summary="Edit the statement">
              <ClaimEditForm action={actions.updateClaim} claim={claim} />
            </Disclosure>
          </ActivityZone>
        ) : null}
        <WorkflowSteps claim={claim} member={member} action={actions.changeStatus} />
      </header>

      <Section title="Verdict">
        {latest ? (
          <div className="rounded-md border border-emerald-200 bg-emerald-50/60 p-3">
            <p className="font-semibold">{ratingLabel(scale, latest.rating)}</p>
            <p className="mt-1 text-sm">{latest.summary}</p>
            <p className="mt-2 text-xs text-muted">Published {formatDateTime(latest.createdAt)}{latest.approvedBy ? ` by ${latest.approvedBy.name}` : ""}</p>
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
        {can(actor, "decision:publish") && claim.status !== "DISMISSED" ? (
          <Disclosure summary={latest ? "Publish a correction" : "Publish the verdict"}>
            <DecisionForm action={actions.publishDecision} claimId={claim.id} version={claim.version} scale={scale} correcting={Boolean(latest)} />
          </Disclosure>
        ) : null}
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
            <Disclosure summary="Add a source" initiallyOpen={claim.sources.length === 0}>
              <SourceForm action={actions.createSource} claimId={claim.id} />
            </Disclosure>
          </ActivityZone>
        ) : null}
      </Section>

      <Section title="Reviews" count={claim.reviews.length}>
        {claim.reviews.length === 0 ? <p className="text-sm text-muted">No reviews yet.</p> : null}
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
            <Disclosure summary={mine ? "Update my review" : "Write my review"}>
              <ReviewForm action={actions.saveReview} claimId={claim.id} scale={scale} review={mine} />
            </Disclosure>
          </ActivityZone>
        ) : null}
      </Section>

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
