"use client";

import { useRouter } from "next/navigation";
import { createContext, startTransition, useActionState, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/workspace-action";
import type { CurrentState } from "@/lib/errors";
import { FOCUS_LOST_EVENT } from "../keyboard/events";
import { markFormSaved } from "../keyboard/form-dom";
import { Button } from "./button";
import { ConflictView, type ConflictRow } from "./conflict-view";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const FieldErrorsContext = createContext<Record<string, string[]>>({});
export const useFormErrors = () => useContext(FieldErrorsContext);
export const useFieldErrors = (name: string) => useFormErrors()[name];

/** The label a person reads for a field, and an option's text rather than its value. */
function describeField(form: HTMLFormElement, name: string, value: string): { label: string; text: string } {
  const element = form.elements.namedItem(name);
  const field = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement ? element : null;
  const label = field?.labels?.[0]?.firstChild?.textContent?.trim() || name;
  const text = field instanceof HTMLSelectElement ? ([...field.options].find((o) => o.value === value)?.text ?? value) : value;
  return { label, text };
}

/** Each field the person sent that the current version also has, theirs beside yours. */
function compareWithCurrent(form: HTMLFormElement, mine: FormData, current: CurrentState): ConflictRow[] {
  return Object.entries(current.fields)
    .filter(([name]) => mine.has(name))
    .map(([name, theirs]) => {
      const yours = String(mine.get(name) ?? "");
      const { label, text } = describeField(form, name, yours);
      return { name, label, yours: text, theirs: describeField(form, name, theirs).text, differs: yours.trim() !== theirs.trim() };
    });
}

function setFieldValue(form: HTMLFormElement, name: string, value: string): void {
  const element = form.elements.namedItem(name);
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) element.value = value;
}

const lostFocus = () => !document.activeElement || document.activeElement === document.body;

/**
 * Where focus goes once a save finishes, when the submit button (disabled while saving) has
 * lost it: the first field the server refused, else the title of the fold-out the form is in
 * (what opened it), else the submit button. Never the page body. A form removed with focus
 * inside it asks the page for a place instead.
 */
function useFocusAfterSave(formRef: React.RefObject<HTMLFormElement | null>, pending: boolean, state: ActionResult | null) {
  const saving = useRef(false);
  useEffect(() => {
    if (pending) {
      saving.current = true;
      return;
    }
    const form = formRef.current;
    if (!saving.current || !form) return;
    saving.current = false;
    if (!lostFocus()) return;
    const target =
      (state && !state.ok ? form.querySelector<HTMLElement>("[aria-invalid=true]") : null) ??
      form.closest("details")?.querySelector<HTMLElement>(":scope > summary") ??
      form.querySelector<HTMLElement>("button[type=submit]");
    target?.focus();
  }, [formRef, pending, state]);
  useLayoutEffect(() => {
    const form = formRef.current;
    return () => {
      // Focus inside it, or already on the body because its submit button was disabled while saving.
      if (!form?.contains(document.activeElement) && !(saving.current && lostFocus())) return;
      setTimeout(() => {
        if (lostFocus()) document.dispatchEvent(new Event(FOCUS_LOST_EVENT));
      });
    };
  }, [formRef]);
}

/**
 * The one form component for server actions: pending state, the server's field messages beside
 * each field, and a status line that screen readers announce.
 *
 * With `version`, the form guards against lost writes. While the person edits, the version they
 * started from stays fixed, whatever live updates arrive; a save the server refuses as stale
 * shows their values beside the current ones, and they choose to save theirs on top or take
 * the current ones. Their text stays in the form until they choose.
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
  version,
  ariaLabel,
  disabled = false,
}: {
  action: FormAction;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  resetOnSuccess?: boolean;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  className?: string;
  confirm?: string;
  /** The submit button's accessible name, when its visible label is only a symbol. */
  ariaLabel?: string;
  /** Nothing to submit yet (e.g. nothing selected). */
  disabled?: boolean;
  /** The version of the thing being edited, as the page shows it now (absent: nothing yet). */
  version?: number;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const submitted = useRef<FormData | null>(null);
  // The version this person's edits are based on: follows the page until they start typing.
  const [base, setBase] = useState<number | undefined>(version);
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState<{ current: CurrentState; rows: ConflictRow[] } | null>(null);
  const latest = version === undefined ? base : Math.max(version, base ?? 0);
  const effective = editing ? base : latest;

  const [state, formAction, pending] = useActionState(async (previous: ActionResult | null, data: FormData) => {
    const result = await action(previous, data);
    if (result.ok) {
      setEditing(false);
      setConflict(null);
      if (resetOnSuccess) formRef.current?.reset();
      else if (formRef.current) markFormSaved(formRef.current);
    } else if (result.code === "CONFLICT") {
      // Make sure the page shows the newest data, whatever the live stream has delivered so far.
      router.refresh();
      const form = formRef.current;
      if (result.current && form) {
        setConflict({ current: result.current, rows: compareWithCurrent(form, data, result.current) });
      } else {
        setEditing(false); // nothing to compare: the next save goes on top of what the page shows
      }
    }
    return result;
  }, null);

  useFocusAfterSave(formRef, pending, state);

  const submit = (data: FormData) => {
    submitted.current = data;
    startTransition(() => formAction(data));
  };

  return (
    <form
      ref={formRef}
      className={className}
      noValidate
      onInput={() => {
        if (editing) return;
        setBase(latest);
        setEditing(true);
      }}
      // Submitted by hand rather than through `action`, which would clear every field even when
      // the server refuses the input; people fix their entry, they do not retype it.
      onSubmit={(event) => {
        event.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        submit(new FormData(event.currentTarget));
      }}
    >
      {effective !== undefined ? <input type="hidden" name="version" value={effective} /> : null}
      <FieldErrorsContext.Provider value={state && !state.ok ? state.fieldErrors : {}}>{children}</FieldErrorsContext.Provider>
      {conflict ? (
        <ConflictView
          rows={conflict.rows}
          pending={pending}
          onKeepMine={() => {
            const data = submitted.current;
            if (!data) return;
            const again = new FormData();
            for (const [key, value] of data) if (key !== "version") again.append(key, value);
            again.set("version", String(conflict.current.version));
            setBase(conflict.current.version);
            setEditing(true);
            setConflict(null);
            submit(again);
          }}
          onTakeTheirs={() => {
            const form = formRef.current;
            if (form) for (const [name, value] of Object.entries(conflict.current.fields)) setFieldValue(form, name, value);
            setBase(conflict.current.version);
            setEditing(false);
            setConflict(null);
          }}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant={variant} disabled={pending || disabled} aria-label={ariaLabel}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        <p className="text-sm" role={state && !state.ok ? "alert" : "status"}>
          {pending || conflict ? null : state?.ok ? <span className="text-emerald-800">{state.message}</span> : state ? <span className="text-red-800">{state.message}</span> : null}
        </p>
      </div>
    </form>
  );
}
