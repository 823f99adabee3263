import Link from "next/link";
import type { Member } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import type { ClaimDetail } from "@/lib/db/claim-detail";
import { listOutdatedDuplicates } from "@/lib/db/reuse-bulk";
import { findSimilarClaims, getDuplicateLinks, type DuplicateLinks } from "@/lib/db/similar-claims";
import { publishBlockers } from "@/lib/domain/publishing";
import { ratingLabel } from "@/lib/domain/rating-scale";
import { resultHref } from "@/lib/domain/search";
import { ActionForm } from "../ui/action-form";
import { TextAreaField } from "../ui/field";
import type { FormAction } from "./claim-forms";
import { StatusBadge } from "./status-badge";

type PanelClaim = Pick<ClaimDetail, "id" | "statement" | "version" | "status" | "sources" | "reviews" | "decisions">;

type Props = {
  member: Member;
  claim: PanelClaim;
  /** The bound markDuplicateAction; shown to those the policy lets mark duplicates. */
  markDuplicate: FormAction;
  /** The bound reuseDecisionAction; shown to those who may publish a verdict. */
  reuseDecision: FormAction;
  /** The bound reuseOnDuplicatesAction: on an original, its verdict reused on its out-of-date duplicates. */
  reuseOnDuplicates?: FormAction;
};

/**
 * On a published original: its duplicates that still show an earlier verdict of it, and the one
 * button that reuses the current verdict on them (each reopened with the person's reason and
 * published through the same rules as a single reuse; see lib/db/reuse-bulk.ts). Shown, with the
 * button disabled, once they are all up to date too: the form stays in place, so its outcome
 * ("Updated 3 duplicates; 1 skipped: …") stays on screen after the page refreshes.
 */
async function FollowOnDuplicates({ member, claim, anyReuse, action }: { member: Member; claim: PanelClaim; anyReuse: boolean; action: FormAction }) {
  const current = claim.decisions[0]?.id;
  if (claim.status !== "PUBLISHED" || !current || !can(member.actor, "decision:publish") || !can(member.actor, "claim:reopen")) return null;
  const outdated = await listOutdatedDuplicates(member.workspace.id, claim.id, current);
  if (outdated.length === 0 && !anyReuse) return null;
  const ready = outdated.filter((d) => d.status === "PUBLISHED").length;
  const busy = outdated.length - ready;
  const count = (n: number) => (n === 1 ? "1 duplicate" : `${n} duplicates`);
  return (
    <div className={`mt-3 rounded-md border p-3 ${outdated.length > 0 ? "border-amber-200 bg-amber-50" : "border-rule bg-paper"}`} data-testid="reuse-on-duplicates">
      <p className="font-medium">
        {outdated.length > 0 ? `${count(outdated.length)} still show${outdated.length === 1 ? "s" : ""} an earlier verdict of this claim` : "Every duplicate that reused a verdict of this claim shows the current one"}
      </p>
      <p className="mt-1 text-xs text-muted">
        {ready > 0
          ? "Each published one is reopened with your reason and this verdict published on it as a correction, under the desk's publishing rules (its own sources and reviews, four eyes); any the rules refuse stay as they are."
          : outdated.length > 0
            ? "Every one of them has been reopened since, so whoever is correcting it decides; each can reuse this verdict from its own page."
            : "When this claim is corrected again, the ones left behind can be updated from here."}
        {ready > 0 && busy > 0 ? ` ${count(busy)} reopened by someone will be left to them.` : ""}
      </p>
      <ActionForm
        action={action}
        submitLabel={ready > 0 ? `Reuse this verdict on ${ready} out-of-date duplicate${ready === 1 ? "" : "s"}` : "Nothing to update"}
        pendingLabel="Publishing…"
        variant={ready > 0 ? "primary" : "secondary"}
        disabled={ready === 0}
        className="mt-2 space-y-2"
      >
        <input type="hidden" name="claimId" value={claim.id} />
        <input type="hidden" name="decisionId" value={current} />
        <input type="hidden" name="duplicates" value={outdated.map((d) => `${d.id}:${d.version}`).join(",")} />
        {ready > 0 ? <TextAreaField name="reason" label="Why they are reopened" required rows={2} hint="Shown in each duplicate's history, for example “The original was corrected.”" /> : null}
      </ActionForm>
    </div>
  );
}

/**
 * Reusing the original's verdict on this duplicate: the button when the publishing gate lets
 * this person publish here, else why not (the same list the server would answer with).
 */
function ReuseVerdict({ member, claim, links, action }: { member: Member; claim: PanelClaim; links: DuplicateLinks; action: FormAction }) {
  const original = links.original;
  if (!original?.publishedDecisionId || !can(member.actor, "decision:publish")) return null;
  if (claim.status === "PUBLISHED" && links.reusedFrom?.decisionId === original.publishedDecisionId) return null;
  const hasVerdict = claim.decisions.length > 0;
  if (hasVerdict && claim.status !== "REOPENED") {
    const reusedEarlier = links.reusedFrom?.claimId === original.id;
    return (
      <p className="mt-2 text-xs text-muted">
        {reusedEarlier ? "This claim reuses an earlier verdict of the original, which has since been corrected." : "This claim has a verdict of its own."} To publish the original&apos;s current verdict here as a correction, reopen the claim first (with a reason); the button to reuse it then appears here.
      </p>
    );
  }
  const blockers = publishBlockers({
    status: claim.status,
    sourceUrls: claim.sources.map((s) => s.url),
    reviewerIds: claim.reviews.map((r) => r.reviewerId),
    publisherId: member.actor.userId,
    rules: member.workspace,
  });
  if (blockers.length > 0) {
    return (
      <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-2.5 text-xs" id="reuse-blockers">
        <p className="font-medium">The original&apos;s verdict is reused under the same publishing rules as any verdict. Not yet:</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {blockers.map((b) => <li key={b}>{b}</li>)}
        </ul>
      </div>
    );
  }
  return (
    <ActionForm action={action} submitLabel={hasVerdict ? "Replace this claim's verdict with the original's" : "Reuse the original's verdict"} pendingLabel="Publishing…" className="mt-2 space-y-2" version={claim.version}>
      <input type="hidden" name="claimId" value={claim.id} />
      <input type="hidden" name="decisionId" value={original.publishedDecisionId} />
      {hasVerdict ? <input type="hidden" name="replace" value="true" /> : null}
      <p className="text-xs text-muted">Publishes its rating and summary as this claim&apos;s verdict, linked to the original{hasVerdict ? ", as a correction" : ""}.</p>
    </ActionForm>
  );
}

/**
 * Under the open claim: the claim it repeats or the claims repeating it (links both ways), and
 * the workspace's most similar claims with their published verdicts; editors mark one as the
 * original whose verdict this claim reuses.
 */
export async function SimilarClaims({ member, claim, markDuplicate, reuseDecision, reuseOnDuplicates }: Props) {
  const workspaceId = member.workspace.id;
  const slug = member.workspace.slug;
  const scale = member.workspace.ratingScale;
  const [links, found] = await Promise.all([getDuplicateLinks(workspaceId, claim.id), findSimilarClaims(workspaceId, claim.statement, { excludeId: claim.id, limit: 6 })]);
  // The original and the duplicates are shown above; the list holds the others.
  const linked = new Set([links.original?.id, ...links.duplicates.map((d) => d.id)]);
  const similar = found.filter((s) => !linked.has(s.id)).slice(0, 5);
  const mayMark = can(member.actor, "claim:mark-duplicate");
  const isOriginal = links.duplicates.length > 0;

  return (
    <section aria-labelledby="similar-heading" className="no-print space-y-4 rounded-lg border border-rule bg-white p-5 shadow-xs">
      {links.original ? (
        <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm">
          <p className="font-medium">Duplicate of another claim</p>
          <p className="mt-1">
            <Link href={resultHref(slug, { articleId: links.original.articleId, claimId: links.original.id })} className="text-accent hover:underline">“{links.original.statement}”</Link>
          </p>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
            <StatusBadge status={links.original.status} />
            {links.original.publishedRating ? (
              <span>
                {links.original.publishedDecisionId ? "Its verdict" : "Its last verdict (reopened for a correction)"}: <strong className="text-ink">{ratingLabel(scale, links.original.publishedRating)}</strong>
                {links.original.publishedDecisionId && links.reusedFrom?.decisionId === links.original.publishedDecisionId ? ", reused here" : ""}
                {links.reusedFrom?.claimId === links.original.id && !links.reusedFrom.current ? ", not the one reused here" : ""}
              </span>
            ) : (
              <span>No verdict published on it yet.</span>
            )}
            <span>In “{links.original.articleTitle}”</span>
          </p>
          <ReuseVerdict member={member} claim={claim} links={links} action={reuseDecision} />
          {mayMark ? (
            <ActionForm action={markDuplicate} submitLabel="Not a duplicate" pendingLabel="Clearing…" variant="secondary" className="mt-2" version={claim.version}>
              <input type="hidden" name="claimId" value={claim.id} />
            </ActionForm>
          ) : null}
        </div>
      ) : null}
      {isOriginal ? (
        <div className="text-sm">
          <p className="font-medium">Repeated by {links.duplicates.length === 1 ? "1 claim" : `${links.duplicates.length} claims`}</p>
          <ul className="mt-1 space-y-1">
            {links.duplicates.map((d) => (
              <li key={d.id}>
                <Link href={resultHref(slug, { articleId: d.articleId, claimId: d.id })} className="text-accent hover:underline">“{d.statement}”</Link>
                <span className="text-xs text-muted"> in “{d.articleTitle}”</span>
                {d.reusesVerdict && d.reusedVerdictOutdated ? (
                  <span className="ml-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/30" data-testid="duplicate-reuse-outdated">reused an earlier verdict: out of date</span>
                ) : d.reusesVerdict ? (
                  <span className="ml-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-900 ring-1 ring-inset ring-emerald-600/30">reuses this verdict</span>
                ) : null}
              </li>
            ))}
          </ul>
          {reuseOnDuplicates ? <FollowOnDuplicates member={member} claim={claim} anyReuse={links.duplicates.some((d) => d.reusesVerdict)} action={reuseOnDuplicates} /> : null}
        </div>
      ) : null}

      <div>
        <h3 id="similar-heading" className="text-xs font-semibold uppercase tracking-wider text-muted">Similar claims in this workspace</h3>
        {similar.length === 0 ? (
          <p className="mt-2 text-sm text-muted">{links.original || isOriginal ? "No other similar claim found." : "No similar claim found."}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {similar.map((s) => {
              const rating = ratingLabel(scale, s.publishedRating);
              return (
                <li key={s.id} className="rounded-md border border-rule p-3 text-sm">
                  <Link href={resultHref(slug, { articleId: s.articleId, claimId: s.id })} className="text-accent hover:underline">“{s.statement}”</Link>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
                    <StatusBadge status={s.status} />
                    {rating ? <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-900 ring-1 ring-inset ring-emerald-600/30">Rated: {rating}</span> : null}
                    <span>{Math.round(s.similarity * 100)}% alike</span>
                    {s.claimant ? <span>{s.claimant}</span> : null}
                    <span>In “{s.articleTitle}”</span>
                  </p>
                  {mayMark && !links.original && !isOriginal && !s.duplicateOfId ? (
                    <ActionForm action={markDuplicate} submitLabel="Same claim: mark as its duplicate" pendingLabel="Marking…" variant="secondary" className="mt-2" version={claim.version}>
                      <input type="hidden" name="claimId" value={claim.id} />
                      <input type="hidden" name="duplicateOfId" value={s.id} />
                    </ActionForm>
                  ) : null}
                  {s.duplicateOfId ? <p className="mt-1 text-xs text-muted">Itself a duplicate of another claim.</p> : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
