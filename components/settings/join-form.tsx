"use client";

import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { MIN_PASSWORD } from "@/lib/validation/member";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

function Status({ state, extra }: { state: ActionResult | null; extra?: string | null }) {
  return (
    <p role={state && !state.ok ? "alert" : "status"} className="text-sm">
      {extra ? <span className="text-red-800">{extra}</span> : state && !state.ok ? <span className="text-red-800">{state.message}</span> : state?.ok ? <span className="text-emerald-800">{state.message}</span> : null}
    </p>
  );
}

/** For someone already signed in: one button, then they land in the workspace. */
export function JoinAsUserForm({ action, token, who }: { action: FormAction; token: string; who: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="mt-6 space-y-3">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending} className="w-full">{pending ? "Joining…" : `Join as ${who}`}</Button>
      <Status state={state} />
      <p className="text-sm text-muted">
        Not you?{" "}
        <button type="button" className="text-accent underline" onClick={() => void signOut({ callbackUrl: `/invite/${token}` })}>Sign out</button>{" "}
        and open this link again.
      </p>
    </form>
  );
}

function Input({ name, label, type = "text", autoComplete, hint, errors }: { name: string; label: string; type?: string; autoComplete: string; hint?: string; errors?: string[] }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <input id={id} name={name} type={type} autoComplete={autoComplete} required aria-invalid={errors?.length ? true : undefined} aria-describedby={described} className={inputClass} />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-muted">{hint}</p> : null}
      {errors?.length ? <p id={`${id}-error`} className="mt-1 text-sm text-red-800">{errors.join(" ")}</p> : null}
    </div>
  );
}

/** For someone new: name, email and password make the account; then they are signed in. */
export function JoinAsNewUserForm({ action, token }: { action: FormAction; token: string }) {
  const router = useRouter();
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [state, formAction, pending] = useActionState(async (previous: ActionResult | null, data: FormData) => {
    setCredentials({ email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") });
    return action(previous, data);
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const destination = state?.ok ? state.secret : undefined;

  useEffect(() => {
    if (!destination || !credentials) return;
    void signIn("credentials", { ...credentials, redirect: false }).then((result) => {
      if (result?.ok && !result.error) {
        router.replace(destination);
        router.refresh();
      } else {
        setSignInError("Your account is ready, but signing in failed. Sign in with your email and password.");
      }
    });
  }, [destination, credentials, router]);

  return (
    // Submitted by hand so a refused form keeps what the person typed.
    <form
      noValidate
      className="mt-6 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="token" value={token} />
      <Input name="name" label="Your name" autoComplete="name" hint="As your colleagues will see it." errors={errors.name} />
      <Input name="email" label="Email" type="email" autoComplete="username" hint="You sign in with it." errors={errors.email} />
      <Input name="password" label="Password" type="password" autoComplete="new-password" hint={`At least ${MIN_PASSWORD} characters.`} errors={errors.password} />
      <Button type="submit" disabled={pending || Boolean(destination)} className="w-full">{pending ? "Creating your account…" : "Create account and join"}</Button>
      <Status state={state} extra={signInError} />
    </form>
  );
}
