"use client";

import type { ActionResult } from "@/lib/actions/workspace-action";
import type { Rating } from "@/lib/domain/rating-scale";
import { CONFIDENCE_LABELS, SOURCE_KIND_LABELS, SOURCE_STANCE_LABELS } from "@/lib/validation/labels";
import { toDateInput } from "../format";
import { ActionForm } from "../ui/action-form";
import { Disclosure } from "../ui/disclosure";
import { FormErrors, SelectField, TextAreaField, TextField } from "../ui/field";

export type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const kindOptions = Object.entries(SOURCE_KIND_LABELS).map(([value, label]) => ({ value, label }));
const stanceOptions = Object.entries(SOURCE_STANCE_LABELS).map(([value, label]) => ({ value, label }));
const confidenceOptions = Object.entries(CONFIDENCE_LABELS).map(([value, label]) => ({ value, label }));
/** The ratings on offer: the active ones, plus the one already chosen if it has since been retired. */
const ratingOptions = (scale: readonly Rating[], current?: string) =>
  scale.filter((r) => !r.retired || r.key === current).map((r) => ({ value: r.key, label: r.label }));

type SourceValues = {
  id: string;
  version: number;
  url: string;
  title: string;
  publisher: string | null;
  kind: string;
  stance: string;
  quotation: string | null;
  publishedAt: Date | null;
  accessedAt: Date | null;
};

/** Adds a source to a claim, or edits one when `source` is given. */
export function SourceForm({ action, claimId, source }: { action: FormAction; claimId?: string; source?: SourceValues }) {
  return (
    <ActionForm action={action} submitLabel={source ? "Save source" : "Add source"} resetOnSuccess={!source} version={source?.version}>
      {source ? (
        <input type="hidden" name="sourceId" value={source.id} />
      ) : (
        <input type="hidden" name="claimId" value={claimId} />
      )}
      <FormErrors names={["claimId", "sourceId", "version"]} />
      <TextField name="url" label="URL" type="url" required placeholder="https://" defaultValue={source?.url} />
      <TextField name="title" label="Title" required maxLength={300} defaultValue={source?.title} />
      <TextField name="publisher" label="Publisher" defaultValue={source?.publisher ?? undefined} />
      <div className="grid grid-cols-2 gap-3">
        <SelectField name="kind" label="Kind" required options={kindOptions} defaultValue={source?.kind ?? "OTHER"} />
        <SelectField name="stance" label="Stance" required options={stanceOptions} defaultValue={source?.stance ?? "CONTEXT"} />
      </div>
      <TextAreaField name="quotation" label="Quoted passage" rows={3} defaultValue={source?.quotation ?? undefined} />
      <div className="grid grid-cols-2 gap-3">
        <TextField name="publishedAt" label="Published" type="date" defaultValue={toDateInput(source?.publishedAt)} />
        <TextField name="accessedAt" label="Accessed" type="date" defaultValue={toDateInput(source?.accessedAt ?? (source ? null : new Date()))} />
      </div>
    </ActionForm>
  );
}

export function DeleteSourceForm({ action, sourceId }: { action: FormAction; sourceId: string }) {
  return (
    <ActionForm action={action} submitLabel="Remove source" pendingLabel="Removing…" variant="danger" confirm="Remove this source from the claim?">
      <input type="hidden" name="sourceId" value={sourceId} />
    </ActionForm>
  );
}

export function ReviewForm({ action, claimId, scale, review }: { action: FormAction; claimId: string; scale: readonly Rating[]; review?: { rating: string; rationale: string; confidence: number | null; version: number } }) {
  return (
    <ActionForm action={action} submitLabel={review ? "Update my review" : "Submit my review"} version={review?.version}>
      <input type="hidden" name="claimId" value={claimId} />
      <FormErrors names={["claimId"]} />
      <div className="grid grid-cols-2 gap-3">
        <SelectField name="rating" label="Rating" required options={ratingOptions(scale, review?.rating)} placeholder="Choose…" defaultValue={review?.rating} />
        <SelectField name="confidence" label="Confidence" required options={confidenceOptions} defaultValue={String(review?.confidence ?? 2)} />
      </div>
      <TextAreaField name="rationale" label="Rationale" required rows={4} defaultValue={review?.rationale} hint="What the evidence shows, in a few sentences." />
    </ActionForm>
  );
}

export function DecisionForm({ action, claimId, version, scale, correcting, suggested }: { action: FormAction; claimId: string; version: number; scale: readonly Rating[]; correcting: boolean; suggested?: string }) {
  return (
    <ActionForm action={action} submitLabel={correcting ? "Publish correction" : "Publish verdict"} pendingLabel="Publishing…" resetOnSuccess version={version}>
      <input type="hidden" name="claimId" value={claimId} />
      <FormErrors names={["claimId", "version"]} />
      <SelectField name="rating" label="Verdict" required options={ratingOptions(scale)} placeholder="Choose…" defaultValue={suggested} hint={suggested ? "Preset to the rating the reviewers agree on." : undefined} />
      <TextAreaField name="summary" label="Summary for readers" required rows={4} />
    </ActionForm>
  );
}

/**
 * One workflow step. A step that needs a reason (dismiss, reopen) asks for it first; a step that
 * is not possible yet is shown disabled with the reason beside it.
 */
export function StatusForm({ action, claimId, version, status, label, needsReason = false, blocker = null }: { action: FormAction; claimId: string; version: number; status: string; label: string; needsReason?: boolean; blocker?: string | null }) {
  if (blocker) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <button type="button" disabled aria-describedby={`blocker-${status}`} className="rounded-md border border-rule px-3 py-1.5 text-sm text-muted opacity-70">{label}</button>
        <span id={`blocker-${status}`}>{blocker}</span>
      </p>
    );
  }
  const form = (
    <ActionForm action={action} submitLabel={label} pendingLabel="Moving…" variant={needsReason ? "danger" : "secondary"} className={needsReason ? "space-y-2" : "flex flex-wrap items-center gap-2"} version={version}>
      <input type="hidden" name="claimId" value={claimId} />
      <input type="hidden" name="status" value={status} />
      <FormErrors names={["claimId", "status", "version"]} />
      {needsReason ? <TextAreaField name="reason" label="Reason" required rows={2} hint={status === "DISMISSED" ? "Why this claim is not worth checking; the desk sees it on the claim." : "What the correction is about; readers of the history see it."} /> : null}
    </ActionForm>
  );
  return needsReason ? <Disclosure summary={`${label}…`}>{form}</Disclosure> : form;
}

/** The statement as checked (the article's words stay as they are) and who made the claim. */
export function ClaimEditForm({ action, claim }: { action: FormAction; claim: { id: string; version: number; statement: string; claimant: string | null } }) {
  return (
    <ActionForm action={action} submitLabel="Save claim" version={claim.version}>
      <input type="hidden" name="claimId" value={claim.id} />
      <FormErrors names={["claimId", "version"]} />
      <TextAreaField name="statement" label="Statement as checked" required rows={3} defaultValue={claim.statement} hint="Reword it so it can be checked on its own; the quote in the article does not change." />
      <TextField name="claimant" label="Claimant" defaultValue={claim.claimant ?? undefined} maxLength={200} />
    </ActionForm>
  );
}

/** Gives the claim to a member (who hears of it in their inbox). */
export function AssignForm({ action, claimId, members }: { action: FormAction; claimId: string; members: Array<{ id: string; name: string }> }) {
  return (
    <ActionForm action={action} submitLabel="Assign" pendingLabel="Assigning…" resetOnSuccess variant="secondary" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="claimId" value={claimId} />
      <input type="hidden" name="assign" value="assign" />
      <FormErrors names={["claimId", "assign"]} />
      <div className="min-w-44 flex-1">
        <SelectField name="userId" label="Assign to" required options={members.map((m) => ({ value: m.id, label: m.name }))} placeholder="Choose a member…" />
      </div>
    </ActionForm>
  );
}

export function UnassignForm({ action, claimId, userId, name }: { action: FormAction; claimId: string; userId: string; name: string }) {
  return (
    <ActionForm action={action} submitLabel="×" pendingLabel="…" variant="ghost" className="inline-flex" ariaLabel={`Unassign ${name}`}>
      <input type="hidden" name="claimId" value={claimId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="assign" value="unassign" />
    </ActionForm>
  );
}
