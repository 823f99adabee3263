"use client";

import { startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/shown-once";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { ROLE_LABELS, ROLES } from "@/lib/auth/policy";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Creates an invitation link and shows it once, with a copy button. The link lives only in this
 * page's memory: the server keeps its hash, so it cannot be shown again.
 */
export function InvitationForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const link = state?.ok && state.secret ? `${window.location.origin}${state.secret}` : null;

  return (
    <div className="space-y-4">
      <form
        // A new form (empty fields) after each link made; a refused entry stays.
        key={state?.ok ? state.at : "entry"}
        // Submitted by hand so a refused entry stays in the field.
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
        noValidate
        className="flex flex-wrap items-end gap-3"
      >
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium">Role</label>
          <select id="invite-role" name="role" defaultValue="REVIEWER" className={`${inputClass} w-auto`} aria-invalid={errors.role ? true : undefined}>
            {ROLES.map((role) => (
              <option key={role} value={role}>{ROLE_LABELS[role]}</option>
            ))}
          </select>
        </div>
        <div className="min-w-64 flex-1">
          <label htmlFor="invite-email" className="block text-sm font-medium">
            For <span className="font-normal text-muted">(optional: an email, as a note for the list)</span>
          </label>
          <input id="invite-email" name="email" type="email" className={inputClass} aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? "invite-email-error" : undefined} />
          {errors.email ? <p id="invite-email-error" className="mt-1 text-sm text-red-800">{errors.email.join(" ")}</p> : null}
        </div>
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create invitation link"}</Button>
      </form>
      <div role="status" aria-live="polite">
        {state && !state.ok ? <p className="text-sm text-red-800">{state.message}</p> : null}
        {link ? (
          <ShownOnce
            key={link}
            id="invite-link"
            label="Invitation link"
            value={link}
            title="Invitation link created. Copy it now: it is shown only once."
            copyLabel="Copy link"
            note="It works once, for 7 days. Send it to the person by a channel you trust."
          />
        ) : null}
      </div>
    </div>
  );
}
