"use client";

import { useLinkStatus } from "next/link";
import { useEffect, useSyncExternalStore } from "react";

// How many claim navigations are under way (links being followed, j / k in a transition), so
// one indicator can say so whatever started them.
let count = 0;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Counts a navigation as under way until the returned function is called. */
export function beginNavigation(): () => void {
  count += 1;
  notify();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    count -= 1;
    notify();
  };
}

export function useNavigationPending(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => count > 0,
    () => false,
  );
}

/** Inside a `<Link>`: reports while that link's navigation is pending. Renders nothing. */
export function LinkPending() {
  const { pending } = useLinkStatus();
  useEffect(() => (pending ? beginNavigation() : undefined), [pending]);
  return null;
}
