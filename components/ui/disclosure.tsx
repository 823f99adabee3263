"use client";

import { useState, type ReactNode } from "react";
import type { ShortcutId } from "@/lib/domain/shortcuts";
import { useShortcutPrefs } from "../keyboard/prefs-store";

/**
 * A fold-out section that stays as the reader left it when the page refreshes its data. With
 * `shortcut`, the keyboard shortcut of that name opens it and puts the caret in its form.
 */
export function Disclosure({ summary, children, initiallyOpen = false, shortcut }: { summary: string; children: ReactNode; initiallyOpen?: boolean; shortcut?: ShortcutId }) {
  const [open, setOpen] = useState(initiallyOpen);
  const { enabled, keys } = useShortcutPrefs();
  const key = shortcut && enabled ? keys[shortcut] : "";
  return (
    <details className="rounded-md border border-rule bg-paper/60 p-3" open={open} onToggle={(event) => setOpen(event.currentTarget.open)} data-shortcut={shortcut}>
      <summary className="cursor-pointer text-sm font-medium text-accent" aria-keyshortcuts={key || undefined}>{summary}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
