"use client";

import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { Button } from "./button";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const FieldErrorsContext = createContext<Record<string, string[]>>({});
export const useFormErrors = () => useContext(FieldErrorsContext);
export const useFieldErrors = (name: string) => useFormErrors()[name];

/**
 * The one form component for server actions: pending state, the server's field messages beside
 * each field, and a status line that screen readers announce.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingLabel = "Saving…",
  resetOnSuccess = false,
  variant = "primary",
  className = "space-y-3",
  confirm,
}: {
  action: FormAction;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  resetOnSuccess?: boolean;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  return (
    <form
      ref={formRef}
      className={className}
      noValidate
      // Submitted by hand rather than through `action`, which would clear every field even when
      // the server refuses the input; people fix their entry, they do not retype it.
      onSubmit={(event) => {
        event.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <FieldErrorsContext.Provider value={state && !state.ok ? state.fieldErrors : {}}>{children}</FieldErrorsContext.Provider>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        <p className="text-sm" role={state && !state.ok ? "alert" : "status"}>
          {pending ? null : state?.ok ? <span className="text-emerald-800">{state.message}</span> : state ? <span className="text-red-800">{state.message}</span> : null}
        </p>
      </div>
    </form>
  );
}
