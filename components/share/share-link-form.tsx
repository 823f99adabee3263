"use client";

import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { SHARE_LINK_EXPIRY_DAYS } from "@/lib/validation/share-link";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Creates a public link and shows it once, with a copy button. The link lives only in this
 * page's memory: the server keeps its hash, so it cannot be shown again.
 */
export function ShareLinkForm({ action, articleId }: { action: FormAction; articleId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [copied, setCopied] = useState(false);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const link = state?.ok && state.secret ? `${window.location.origin}${state.secret}` : null;

  return (
    <div className="space-y-4">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setCopied(false);
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
          <div className="rounded-md border border-emerald-200 bg-emerald-50 p-4">
            <p className="text-sm font-medium text-emerald-950">Public link created. Copy it now: it is shown only once.</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <label htmlFor="share-link" className="sr-only">Public link</label>
              <input id="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} mt-0 flex-1 font-mono text-xs`} />
              <Button
                type="button"
                variant="secondary"
                onClick={async () => {
                  await navigator.clipboard.writeText(link).catch(() => undefined);
                  setCopied(true);
                }}
              >
                {copied ? "Copied" : "Copy link"}
              </Button>
            </div>
            <p className="mt-2 text-xs text-emerald-950">Anyone with this link can read the published verdicts of this article, without signing in. Revoke it below when it should stop working.</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
