"use client";

import { startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/shown-once";
import type { ActionResult } from "@/lib/actions/workspace-action";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** A signing secret shown once, with a copy button: the page forgets it on the next visit. */
function SecretOnce({ secret, id }: { secret: string; id: string }) {
  return (
    <ShownOnce
      id={id}
      label="Signing secret"
      value={secret}
      title="Copy the signing secret now: it is shown only once."
      copyLabel="Copy secret"
      note="Your receiver uses it to check the Factdesk-Signature header of every delivery."
      testId="webhook-secret"
    />
  );
}

/** Registers a webhook: URL, a note, the events; then shows its secret once. */
export function CreateWebhookForm({ action, events }: { action: FormAction; events: ReadonlyArray<{ name: string; label: string; hint: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <div className="space-y-4">
      <form
        key={state?.ok ? state.at : "entry"}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
        noValidate
        className="max-w-2xl space-y-4"
      >
        <div>
          <label htmlFor="webhook-url" className="block text-sm font-medium">Payload URL</label>
          <input
            id="webhook-url"
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://example.org/hooks/factdesk"
            className={`${inputClass} font-mono`}
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errors.url ? "webhook-url-hint webhook-url-error" : "webhook-url-hint"}
          />
          <p id="webhook-url-hint" className="mt-1 text-xs text-muted">https only, on a public address; no user name or password in it.</p>
          {errors.url ? <p id="webhook-url-error" className="mt-1 text-sm text-red-800">{errors.url.join(" ")}</p> : null}
        </div>
        <div>
          <label htmlFor="webhook-description" className="block text-sm font-medium">
            Description <span className="font-normal text-muted">(optional)</span>
          </label>
          <input id="webhook-description" name="description" maxLength={200} placeholder="e.g. Publishing system" className={inputClass} aria-invalid={errors.description ? true : undefined} />
          {errors.description ? <p className="mt-1 text-sm text-red-800">{errors.description.join(" ")}</p> : null}
        </div>
        <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium">Events</legend>
          <div className="mt-2 space-y-2">
            {events.map((e) => (
              <div key={e.name} className="flex items-start gap-2">
                <input id={`webhook-${e.name}`} name={e.name} type="checkbox" defaultChecked className="mt-1 size-4 accent-ink" aria-describedby={`webhook-${e.name}-hint`} />
                <div>
                  <label htmlFor={`webhook-${e.name}`} className="text-sm">{e.label}</label>
                  <p id={`webhook-${e.name}-hint`} className="font-mono text-xs text-muted">{e.hint}</p>
                </div>
              </div>
            ))}
          </div>
          {errors.events ? <p id="webhook-events-error" className="mt-1 text-sm text-red-800">{errors.events.join(" ")}</p> : null}
        </fieldset>
        <Button type="submit" disabled={pending}>{pending ? "Registering…" : "Register webhook"}</Button>
      </form>
      <div role="status" aria-live="polite">
        {state && !state.ok && Object.keys(state.fieldErrors).length === 0 ? <p className="text-sm text-red-800">{state.message}</p> : null}
        {state?.ok && state.secret ? <SecretOnce secret={state.secret} id="webhook-new-secret" /> : null}
      </div>
    </div>
  );
}

/** Rotates a hook's secret and shows the new one once. */
export function RotateSecretForm({ action, webhookId, label }: { action: FormAction; webhookId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="contents">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!window.confirm("Make a new secret? The current one stops signing deliveries at once.")) return;
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
      >
        <input type="hidden" name="webhookId" value={webhookId} />
        <Button type="submit" variant="secondary" disabled={pending} aria-label={`Rotate secret of ${label}`}>{pending ? "Rotating…" : "Rotate secret"}</Button>
      </form>
      <div role="status" aria-live="polite" className="basis-full empty:hidden">
        {state && !state.ok ? <p className="text-sm text-red-800">{state.message}</p> : null}
        {state?.ok && state.secret ? <SecretOnce secret={state.secret} id={`secret-${webhookId}`} /> : null}
      </div>
    </div>
  );
}
