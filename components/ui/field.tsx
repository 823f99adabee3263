"use client";

import { useId, type ReactNode } from "react";
import { useFieldErrors, useFormErrors } from "./action-form";

export const inputClass =
  "mt-1 block w-full rounded-md border border-rule bg-white px-3 py-2 text-sm shadow-xs placeholder:text-muted/70 focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 aria-[invalid=true]:border-red-500";

type Common = { name: string; label: string; hint?: string; required?: boolean };

function FieldShell({ id, label, hint, required, errors, children }: { id: string; label: string; hint?: string; required?: boolean; errors?: string[]; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {required ? null : <span className="font-normal text-muted"> (optional)</span>}
      </label>
      {children}
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-muted">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function TextField({ name, label, hint, required, type = "text", defaultValue, placeholder, maxLength, min, max, autoComplete }: Common & { type?: "text" | "url" | "date" | "email" | "password" | "number"; defaultValue?: string; placeholder?: string; maxLength?: number; min?: number; max?: number; autoComplete?: string }) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} errors={errors}>
      <input id={id} name={name} type={type} defaultValue={defaultValue} placeholder={placeholder} maxLength={maxLength} min={min} max={max} autoComplete={autoComplete} required={required} aria-invalid={errors ? true : undefined} aria-describedby={describedBy(id, hint, errors)} className={inputClass} />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, hint, required, defaultValue, rows = 4, placeholder, className = "" }: Common & { defaultValue?: string; rows?: number; placeholder?: string; className?: string }) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} errors={errors}>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} placeholder={placeholder} required={required} aria-invalid={errors ? true : undefined} aria-describedby={describedBy(id, hint, errors)} className={`${inputClass} ${className}`} />
    </FieldShell>
  );
}

export function SelectField({ name, label, hint, required, defaultValue, options, placeholder }: Common & { defaultValue?: string; options: ReadonlyArray<{ value: string; label: string }>; placeholder?: string }) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} errors={errors}>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} required={required} aria-invalid={errors ? true : undefined} aria-describedby={describedBy(id, hint, errors)} className={inputClass}>
        {placeholder ? <option value="" disabled>{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Messages that belong to the whole form or to a hidden input (ids, versions). */
export function FormErrors({ names }: { names: string[] }) {
  const errors = useFormErrors();
  const all = names.flatMap((n) => errors[n] ?? []);
  return all.length ? <p className="text-sm text-red-800">{all.join(" ")}</p> : null;
}
