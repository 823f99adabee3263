"use client";

import { hasUnsavedChanges, isTypingTarget } from "@/lib/domain/shortcuts";

// DOM helpers for the keyboard: unsaved drafts, fold-out forms, and where focus goes.

const FIELD_SELECTOR = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

/** Each field's current value beside the value the page rendered it with. */
function fieldValues(form: HTMLFormElement): Array<{ value: string; initial: string }> {
  return [...form.elements].flatMap((el) => {
    if (el instanceof HTMLTextAreaElement) return [{ value: el.value, initial: el.defaultValue }];
    if (el instanceof HTMLSelectElement) return [...el.options].map((o) => ({ value: String(o.selected), initial: String(o.defaultSelected) }));
    if (!(el instanceof HTMLInputElement) || el.type === "hidden") return [];
    if (el.type === "checkbox" || el.type === "radio") return [{ value: String(el.checked), initial: String(el.defaultChecked) }];
    return [{ value: el.value, initial: el.defaultValue }];
  });
}

/**
 * After a save that keeps the form's text, what was saved becomes what "unsaved" is measured
 * against (React does not move a select's default when its `defaultValue` changes).
 */
export function markFormSaved(form: HTMLFormElement): void {
  for (const el of form.elements) {
    if (el instanceof HTMLTextAreaElement) el.defaultValue = el.value;
    else if (el instanceof HTMLSelectElement) for (const o of el.options) o.defaultSelected = o.selected;
    else if (el instanceof HTMLInputElement && el.type !== "hidden") {
      if (el.type === "checkbox" || el.type === "radio") el.defaultChecked = el.checked;
      else el.defaultValue = el.value;
    }
  }
}

export const isFormDirty = (form: HTMLFormElement): boolean => hasUnsavedChanges(fieldValues(form));

/** The forms inside `root` that hold unsaved text. */
export const dirtyForms = (root: ParentNode | null): HTMLFormElement[] => (root ? [...root.querySelectorAll("form")].filter(isFormDirty) : []);

/** What a form is called for a question about it: its fold-out's title, or "this form". */
export function formName(form: HTMLFormElement): string {
  const summary = form.closest("details")?.querySelector(":scope > summary")?.textContent?.trim();
  return summary ? `“${summary.replace(/…$/, "")}”` : "this form";
}

/** Asks before unsaved text is thrown away; true when there is none, or the person agrees. */
export function confirmDiscard(forms: HTMLFormElement[]): boolean {
  if (forms.length === 0) return true;
  const names = forms.map(formName).join(" and ");
  return window.confirm(`Discard your unsaved changes to ${names}?`);
}

export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && isTypingTarget(target);
}

/** The reader's motion preference, for every scroll the keyboard causes. */
export const scrollBehavior = (): ScrollBehavior => (window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");

/** Opens a fold-out marked `data-shortcut` and puts the caret in its first field (or `field`). */
export function openDisclosure(name: string, field?: string): boolean {
  const details = document.querySelector<HTMLDetailsElement>(`details[data-shortcut="${name}"]`);
  if (!details) return false;
  details.open = true;
  const target = (field ? details.querySelector<HTMLElement>(`[name="${field}"]`) : null) ?? details.querySelector<HTMLElement>(FIELD_SELECTOR);
  (target ?? details.querySelector("summary"))?.focus({ preventScroll: true });
  details.scrollIntoView({ block: "nearest", behavior: scrollBehavior() });
  return true;
}

/** Closes the fold-out around `from`, asking first about unsaved text; focus goes to its title. */
export function closeDisclosureAround(from: Element): boolean {
  const details = from.closest<HTMLDetailsElement>("details[open]");
  if (!details) return false;
  if (!confirmDiscard(dirtyForms(details))) return true;
  // The draft goes: the next opening starts from what the page shows.
  for (const form of details.querySelectorAll("form")) form.reset();
  details.open = false;
  details.querySelector<HTMLElement>(":scope > summary")?.focus();
  return true;
}

/** Submits the form around a field with Ctrl/⌘+Enter, unless it is already saving. */
export function submitFormAround(from: Element): boolean {
  const form = from.closest("form");
  if (!form) return false;
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  if (button?.disabled) return true;
  form.requestSubmit(button ?? undefined);
  return true;
}
