"use client";

import { useId } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/policy";

/** A role picker for compact rows; its label is read by screen readers, not shown. */
export function RoleSelect({ name = "role", label, defaultValue }: { name?: string; label: string; defaultValue?: Role }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} className="rounded-md border border-rule bg-white px-2 py-1.5 text-sm shadow-xs focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30">
        {ROLES.map((role) => (
          <option key={role} value={role}>{ROLE_LABELS[role]}</option>
        ))}
      </select>
    </>
  );
}
