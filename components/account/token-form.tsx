"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { PersonalActionFn } from "@/lib/actions/workspace-action";
import { TOKEN_EXPIRIES, TOKEN_EXPIRY_LABELS, TOKEN_SCOPE_TEXT, TOKEN_SCOPES, MAX_TOKEN_NAME } from "@/lib/validation/api-token";

/** Copies text, falling back to selecting it for a copy command where the Clipboard API is off. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand?.("copy") ?? false;
  }
}

/**
 * Makes a personal API token and shows it once, with a copy button. The token lives only in this
 * page's memory: the server keeps its hash, so it can never be shown again.
 */
export function TokenForm({ action, activePrefixes }: { action: PersonalActionFn; /** Of the person's active tokens, as the page lists them now. */ activePrefixes: string[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const copyButton = useRef<HTMLButtonElement>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const ids = useId();
  const errors = state && !state.ok ? state.fieldErrors : {};
  const made = state?.ok ? (state.secret ?? null) : null;
  // Revoked from the list below while still on screen: no longer worth copying.
  const revoked = made !== null && !activePrefixes.some((prefix) => made.startsWith(prefix));
  const token = revoked ? null : made;

  // Once made, the next thing to do is copy it: put the keyboard there.
  useEffect(() => {
    if (token) copyButton.current?.focus();
  }, [token]);

  const errorId = (name: string) => `${ids}-${name}-error`;
  const fieldError = (name: string) => (errors[name]?.length ? <p id={errorId(name)} className="mt-1 text-sm text-red-800">{errors[name].join(" ")}</p> : null);

  return (
    <div className="space-y-5">
      <div role="status" aria-live="polite" aria-atomic="true">
        {token ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="new-token">
            <p className="font-medium text-amber-950">{state?.ok ? state.message : null} Copy it now: it is shown only this once.</p>
            <p className="mt-1 text-sm text-amber-950">Factdesk keeps only a fingerprint of it. If you lose it, revoke it and make another. Anyone holding it can act as you, so keep it out of code, chat and email.</p>
            <div className="mt-3 flex flex-wrap items-center gap-2">
              <label htmlFor={`${ids}-token`} className="sr-only">Your new API token</label>
              <input ref={tokenInput} id={`${ids}-token`} readOnly value={token} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} mt-0 min-w-0 flex-1 font-mono text-xs`} spellCheck={false} />
              <button
                ref={copyButton}
                type="button"
                className={buttonClass("secondary")}
                onClick={async () => setCopy((await copyText(token, tokenInput.current)) ? "copied" : "failed")}
              >
                {copy === "copied" ? "Copied" : "Copy token"}
              </button>
            </div>
            {copy === "failed" ? <p className="mt-2 text-sm text-amber-950">This browser would not copy it: select the token and copy it by hand.</p> : null}
          </div>
        ) : revoked ? (
          <p className="text-sm text-muted">The token you just made has been revoked.</p>
        ) : state && !state.ok ? (
          <p className="text-sm text-red-800">{state.message}</p>
        ) : null}
      </div>

      <form
        // A fresh form (empty name) after each token made; a refused entry stays as typed.
        key={state?.ok ? state.at : "entry"}
        noValidate
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setCopy("idle");
          startTransition(() => formAction(data));
        }}
      >
        <div className="max-w-md">
          <label htmlFor={`${ids}-name`} className="block text-sm font-medium">Name</label>
          <input
            id={`${ids}-name`}
            name="name"
            maxLength={MAX_TOKEN_NAME}
            required
            autoComplete="off"
            placeholder="e.g. CMS sync, verdict spreadsheet"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={[`${ids}-name-hint`, errors.name ? errorId("name") : null].filter(Boolean).join(" ")}
            className={inputClass}
          />
          <p id={`${ids}-name-hint`} className="mt-1 text-xs text-muted">So you recognise it in the list later: what uses it, and where.</p>
          {fieldError("name")}
        </div>

        <fieldset aria-describedby={errors.scope ? errorId("scope") : undefined}>
          <legend className="text-sm font-medium">Access</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="flex cursor-pointer gap-3 rounded-md border border-rule bg-white p-3 has-[:checked]:border-accent has-[:checked]:bg-accent/5">
                <input type="radio" name="scope" value={scope} defaultChecked={scope === "READ"} aria-describedby={`${ids}-scope-${scope}`} className="mt-1 accent-accent" />
                <span>
                  <span className="block text-sm font-medium">{TOKEN_SCOPE_TEXT[scope].label}</span>
                  <span id={`${ids}-scope-${scope}`} className="mt-0.5 block text-xs text-muted">{TOKEN_SCOPE_TEXT[scope].explanation}</span>
                </span>
              </label>
            ))}
          </div>
          {fieldError("scope")}
        </fieldset>

        <div className="max-w-xs">
          <label htmlFor={`${ids}-expiry`} className="block text-sm font-medium">Expires</label>
          <select
            id={`${ids}-expiry`}
            name="expiry"
            defaultValue="90"
            aria-invalid={errors.expiry ? true : undefined}
            aria-describedby={[`${ids}-expiry-hint`, errors.expiry ? errorId("expiry") : null].filter(Boolean).join(" ")}
            className={inputClass}
          >
            {TOKEN_EXPIRIES.map((expiry) => (
              <option key={expiry} value={expiry}>{TOKEN_EXPIRY_LABELS[expiry]}</option>
            ))}
          </select>
          <p id={`${ids}-expiry-hint`} className="mt-1 text-xs text-muted">After that it stops working by itself. You can revoke it sooner at any time.</p>
          {fieldError("expiry")}
        </div>

        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create token"}</Button>
          <Link href="/docs/api" className="text-sm text-accent underline underline-offset-2">How to use it: the API reference</Link>
        </div>
      </form>
    </div>
  );
}
