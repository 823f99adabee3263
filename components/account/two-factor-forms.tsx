"use client";

import { startTransition, useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/shown-once";
import type { PersonalActionFn } from "@/lib/actions/workspace-action";

const FieldError = ({ id, errors }: { id: string; errors?: string[] }) => (errors?.length ? <p id={id} className="mt-1 text-sm text-red-800">{errors.join(" ")}</p> : null);

function RecoveryCodes({ codes, title }: { codes: string; title: string }) {
  return (
    <ShownOnce
      id="recovery-codes"
      label="Recovery codes"
      value={codes}
      rows={codes.split("\n").length}
      title={title}
      copyLabel="Copy codes"
      testId="recovery-codes"
      note="Keep them somewhere safe, away from your phone: a password manager, or printed. Each code signs you in once if you lose your phone. Factdesk keeps only a fingerprint of each, so they cannot be shown again."
    />
  );
}

/**
 * Enrolment's steps: `scan` (the QR code and the key, drawn on the server), then the first code
 * from the app. On success the QR code, the key and `cancel` leave the screen and the recovery
 * codes are shown in their place, once, until the person says they have saved them.
 */
export function ConfirmTwoFactorForm({ action, doneHref, doneLabel, scan, cancel }: { action: PersonalActionFn; doneHref: string; doneLabel: string; scan: ReactNode; cancel: ReactNode }) {
  const [state, formAction, pending] = useActionState(action, null);
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const errors = state && !state.ok ? state.fieldErrors.code : undefined;
  const codes = state?.ok ? (state.secret ?? null) : null;

  useEffect(() => {
    if (state && !state.ok) input.current?.focus();
  }, [state]);

  if (codes) {
    return (
      <div className="mt-4 space-y-4" role="status" aria-live="polite">
        <p className="font-medium text-emerald-900">Two-factor sign-in is on. From your next sign-in, Factdesk asks for a code from your app after your password.</p>
        <RecoveryCodes codes={codes} title="Your recovery codes. Save them now: they are shown only this once." />
        {/* A full load, so the page shows two-factor sign-in as on. */}
        <a href={doneHref} className={buttonClass("primary")}>{doneLabel}</a>
      </div>
    );
  }

  return (
    <>
      <ol className="mt-4 space-y-6">
        <li>{scan}</li>
        <li>
          <h3 className="text-sm font-semibold">2. Enter the code the app shows</h3>
          <form
            noValidate
            className="mt-3 space-y-3"
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              startTransition(() => formAction(data));
            }}
          >
            <div>
              <label htmlFor={`${ids}-code`} className="block text-sm font-medium">Code from the app</label>
              <input
                ref={input}
                id={`${ids}-code`}
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]*"
                maxLength={7}
                required
                aria-invalid={errors ? true : undefined}
                aria-describedby={`${ids}-hint${errors ? ` ${ids}-error` : ""}`}
                className={`${inputClass} max-w-40 font-mono tracking-widest`}
              />
              <p id={`${ids}-hint`} className="mt-1 text-xs text-muted">The 6 digits the app shows for Factdesk. A new code comes every 30 seconds.</p>
              <FieldError id={`${ids}-error`} errors={errors} />
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={pending}>{pending ? "Checking…" : "Turn on two-factor sign-in"}</Button>
              <p className="text-sm text-red-800" role="alert">{state && !state.ok && !errors ? state.message : null}</p>
            </div>
          </form>
        </li>
      </ol>
      {cancel}
    </>
  );
}

/**
 * Proof that the account's owner is at the keyboard (their password, or a current code), for
 * making new recovery codes or turning two-factor sign-in off.
 */
export function TwoFactorProofForm({ action, submitLabel, pendingLabel, variant, confirm, showsCodes = false, idPrefix }: {
  action: PersonalActionFn;
  submitLabel: string;
  pendingLabel: string;
  variant: "secondary" | "danger";
  confirm?: string;
  /** The action answers with new recovery codes to show once. */
  showsCodes?: boolean;
  idPrefix: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const codes = showsCodes && state?.ok ? (state.secret ?? null) : null;
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state && !state.ok) form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
    if (state?.ok) form.current?.reset();
  }, [state]);

  return (
    <div className="space-y-4">
      <form
        ref={form}
        noValidate
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (confirm && !window.confirm(confirm)) return;
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${idPrefix}-password`} className="block text-sm font-medium">Your password</label>
            <input
              id={`${idPrefix}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? `${idPrefix}-password-error` : undefined}
              className={inputClass}
            />
            <FieldError id={`${idPrefix}-password-error`} errors={errors.password} />
          </div>
          <div>
            <label htmlFor={`${idPrefix}-code`} className="block text-sm font-medium">or a code from your app</label>
            <input
              id={`${idPrefix}-code`}
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={20}
              aria-invalid={errors.code ? true : undefined}
              aria-describedby={`${idPrefix}-code-hint${errors.code ? ` ${idPrefix}-code-error` : ""}`}
              className={`${inputClass} font-mono`}
            />
            <p id={`${idPrefix}-code-hint`} className="mt-1 text-xs text-muted">A recovery code works too.</p>
            <FieldError id={`${idPrefix}-code-error`} errors={errors.code} />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant={variant} disabled={pending}>{pending ? pendingLabel : submitLabel}</Button>
          <p className="text-sm" role={state && !state.ok ? "alert" : "status"}>
            {pending ? null : state?.ok ? <span className="text-emerald-800">{state.message}</span> : state ? <span className="text-red-800">{state.message}</span> : null}
          </p>
        </div>
      </form>
      {codes ? (
        <div role="status" aria-live="polite" className="space-y-3">
          <RecoveryCodes key={codes} codes={codes} title="Your new recovery codes. Save them now: they are shown only this once." />
          <a href="/account/two-factor" className={buttonClass("secondary")}>I have saved them</a>
        </div>
      ) : null}
    </div>
  );
}
