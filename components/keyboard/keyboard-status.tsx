"use client";

import { useNavigationPending } from "./pending";

/**
 * One polite status line for the keyboard: "Opening claim…" while a claim loads (from a key
 * or a link), or what a shortcut could not do. Stays in the page so screen readers hear changes.
 */
export function KeyboardStatus({ announcement }: { announcement: string }) {
  const pending = useNavigationPending();
  const text = pending ? "Opening claim…" : announcement;
  return (
    <p
      role="status"
      data-testid="keyboard-status"
      className={text ? "no-print fixed bottom-4 left-4 z-40 flex max-w-sm items-center gap-2 rounded-md bg-ink px-3 py-2 text-sm text-white shadow-lg" : "sr-only"}
    >
      {pending ? <span aria-hidden="true" className="h-3 w-3 animate-spin rounded-full border-2 border-white/40 border-t-white motion-reduce:animate-none" /> : null}
      {text}
    </p>
  );
}
