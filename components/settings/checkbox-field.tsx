"use client";

import { useId } from "react";
import { useFieldErrors } from "@/components/ui/action-form";

/** A yes/no setting inside an ActionForm: sends "on" when ticked, nothing when not. */
export function CheckboxField({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked?: boolean }) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <div className="flex items-start gap-2">
      <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} className="mt-1 size-4 accent-ink" />
      <div>
        <label htmlFor={id} className="text-sm font-medium">{label}</label>
        {hint ? <p id={`${id}-hint`} className="text-xs text-muted">{hint}</p> : null}
        {errors?.length ? <p className="text-sm text-red-800">{errors.join(" ")}</p> : null}
      </div>
    </div>
  );
}
