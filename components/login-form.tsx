"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { safeCallbackPath } from "@/lib/validation/auth";
import { TWO_FACTOR_REQUIRED } from "@/lib/validation/two-factor";

const INVALID = "That email and password do not match an account.";

/**
 * Email and password; then, for people with two-factor sign-in, a second step asking for the code
 * from their authenticator app (or a recovery code). The second step sends the email and password
 * again with the code: the server checks all three together, and keeps nothing in between.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<"password" | "code">("password");
  const [recovery, setRecovery] = useState(false);
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  // On the code step, the keyboard goes to the code field (again after each refusal).
  useEffect(() => {
    if (step === "code") {
      codeInput.current?.focus();
      codeInput.current?.select();
    }
  }, [step, recovery, error]);

  async function submit(fields: { email: string; password: string; code?: string }) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { ...fields, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(safeCallbackPath(callbackUrl));
      router.refresh();
      return;
    }
    setPending(false);
    if (result?.error === TWO_FACTOR_REQUIRED) {
      credentials.current = { email: fields.email, password: fields.password };
      if (step === "code") setError(recovery ? "Enter one of your recovery codes." : "Enter the 6-digit code from your authenticator app.");
      setStep("code");
      return;
    }
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : INVALID);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (step === "password") {
      await submit({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
    } else if (credentials.current) {
      await submit({ ...credentials.current, code: String(form.get("code") ?? "") });
    }
  }

  const errorBox = error ? (
    <p role="alert" id="login-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {error}
    </p>
  ) : null;

  if (step === "code") {
    return (
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate aria-labelledby="code-step-heading">
        <div>
          <h2 id="code-step-heading" className="text-base font-semibold">Two-factor sign-in</h2>
          <p className="mt-1 text-sm text-muted" id="code-step-help">
            {recovery
              ? "Enter one of the recovery codes you saved when you set up two-factor sign-in. Each code works once."
              : "Open your authenticator app and enter the 6-digit code it shows for Factdesk."}
          </p>
        </div>
        <div>
          <label htmlFor="code" className="block text-sm font-medium">{recovery ? "Recovery code" : "Authentication code"}</label>
          <input
            ref={codeInput}
            key={recovery ? "recovery" : "totp"}
            id="code"
            name="code"
            type="text"
            required
            autoComplete={recovery ? "off" : "one-time-code"}
            inputMode={recovery ? "text" : "numeric"}
            pattern={recovery ? undefined : "[0-9 ]*"}
            maxLength={recovery ? 20 : 7}
            spellCheck={false}
            autoCapitalize="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={`code-step-help${error ? " login-error" : ""}`}
            className={`${inputClass} font-mono tracking-widest`}
          />
        </div>
        {errorBox}
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Checking…" : "Verify and sign in"}
        </Button>
        <div className="flex flex-wrap justify-between gap-2 text-sm">
          <button
            type="button"
            className="text-accent underline-offset-2 hover:underline"
            onClick={() => {
              setRecovery(!recovery);
              setError(null);
            }}
          >
            {recovery ? "Use a code from your app" : "Use a recovery code"}
          </button>
          <button
            type="button"
            className="text-muted underline-offset-2 hover:underline"
            onClick={() => {
              credentials.current = null;
              setStep("password");
              setRecovery(false);
              setError(null);
            }}
          >
            Start over
          </button>
        </div>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      {errorBox}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
