"use client";

import { startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/shown-once";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { SHARE_LINK_EXPIRY_DAYS } from "@/lib/validation/share-link";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Creates a public link and shows it once, with a copy button. The link lives only in this
 * page's memory: the server keeps its hash, so it cannot be shown again.
 */
export function ShareLinkForm({ action, articleId }: { action: FormAction; articleId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const link = state?.ok && state.secret ? `${window.location.origin}${state.secret}` : null;

  return (
    <div className="space-y-4">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
        noValidate
        className="flex flex-wrap items-end gap-3"
      >
        <input type="hidden" name="articleId" value={articleId} />
        <div>
          <label htmlFor="share-expiry" className="block text-sm font-medium">Works for</label>
          <select id="share-expiry" name="expiresInDays" defaultValue="" className={`${inputClass} w-auto`} aria-invalid={errors.expiresInDays ? true : undefined} aria-describedby={errors.expiresInDays ? "share-expiry-error" : undefined}>
            <option value="">Until revoked</option>
            {SHARE_LINK_EXPIRY_DAYS.map((days) => (
              <option key={days} value={days}>{days} days</option>
            ))}
          </select>
          {errors.expiresInDays ? <p id="share-expiry-error" className="mt-1 text-sm text-red-800">{errors.expiresInDays.join(" ")}</p> : null}
        </div>
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create public link"}</Button>
      </form>
      <div role="status" aria-live="polite">
        {state && !state.ok ? <p className="text-sm text-red-800">{state.message}</p> : null}
        {link ? (
          <ShownOnce
            key={link}
            id="share-link"
            label="Public link"
            value={link}
            title="Public link created. Copy it now: it is shown only once."
            copyLabel="Copy link"
            note="Anyone with this link can read the published verdicts of this article, without signing in. Revoke it below when it should stop working."
          />
        ) : null}
      </div>
    </div>
  );
}
