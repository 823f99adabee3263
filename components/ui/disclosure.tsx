"use client";

import { useState, type ReactNode } from "react";

/** A fold-out section that stays as the reader left it when the page refreshes its data. */
export function Disclosure({ summary, children, initiallyOpen = false }: { summary: string; children: ReactNode; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className="rounded-md border border-rule bg-paper/60 p-3" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium text-accent">{summary}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
