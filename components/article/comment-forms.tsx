"use client";

import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/workspace-action";
import type { MentionCandidate } from "@/lib/domain/comment-text";
import { ActionForm } from "../ui/action-form";
import { Disclosure } from "../ui/disclosure";
import { FormErrors } from "../ui/field";
import { CommentMentionInput } from "./comment-mention-input";

export type CommentAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const HINT = "Type @ and a name to mention a member; links starting with http:// or https:// become clickable.";

/** A new comment on the claim, or (with `parentId`) a reply in a thread. */
export function CommentForm({ action, claimId, parentId, members, label, submitLabel }: {
  action: CommentAction;
  claimId: string;
  parentId?: string;
  members: readonly MentionCandidate[];
  label: string;
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} pendingLabel="Posting…" resetOnSuccess variant={parentId ? "secondary" : "primary"}>
      <input type="hidden" name="claimId" value={claimId} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <FormErrors names={["claimId", "parentId"]} />
      <CommentMentionInput label={label} members={members} hint={parentId ? undefined : HINT} rows={parentId ? 2 : 3} />
    </ActionForm>
  );
}

export function ReplyForm(props: Omit<Parameters<typeof CommentForm>[0], "label" | "submitLabel"> & { parentId: string }) {
  return (
    <Disclosure summary="Reply">
      <CommentForm {...props} label="Your reply" submitLabel="Post reply" />
    </Disclosure>
  );
}

/**
 * The author's edit, offered until the edit window closes (`editableUntil`, from the server):
 * then the control goes away by itself, and the server would refuse anyway.
 */
export function EditCommentForm({ action, comment, members, editableUntil }: {
  action: CommentAction;
  comment: { id: string; body: string; version: number };
  members: readonly MentionCandidate[];
  editableUntil: string;
}) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    const left = new Date(editableUntil).getTime() - Date.now();
    const timer = setTimeout(() => setOpen(false), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [editableUntil]);
  if (!open) return null;
  return (
    <Disclosure summary="Edit my comment">
      <ActionForm action={action} submitLabel="Save comment" version={comment.version}>
        <input type="hidden" name="commentId" value={comment.id} />
        <FormErrors names={["commentId", "version"]} />
        <CommentMentionInput label="Edit your comment" members={members} initialBody={comment.body} hint="You can change a comment for 15 minutes after posting it." />
      </ActionForm>
    </Disclosure>
  );
}
