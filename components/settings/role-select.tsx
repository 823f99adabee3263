"use client";

import { useId } from "react";
import { inputClass } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/policy";

/** A role picker for compact rows; its label is read by screen readers, not shown. */
export function RoleSelect({ name = "role", label, defaultValue }: { name?: string; label: string; defaultValue?: Role }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} className={`${inputClass} mt-0 w-auto py-1.5`}>
        {ROLES.map((role) => (
          <option key={role} value={role}>{ROLE_LABELS[role]}</option>
        ))}
      </select>
    </>
  );
}
