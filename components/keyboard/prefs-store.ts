"use client";

import { useSyncExternalStore } from "react";
import { DEFAULT_SHORTCUT_PREFS, parseShortcutPrefs, type ShortcutPrefs } from "@/lib/domain/shortcuts";

// Shortcut preferences live in this browser's localStorage (see docs/decisions/011): a choice
// about a keyboard and a habit, read before the first key press without a round trip, and
// kept in step across tabs through the `storage` event.
const STORAGE_KEY = "factdesk.shortcuts";

let cached: ShortcutPrefs | null = null;
const listeners = new Set<() => void>();

function read(): ShortcutPrefs {
  if (cached) return cached;
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    cached = raw ? parseShortcutPrefs(JSON.parse(raw)) : DEFAULT_SHORTCUT_PREFS;
  } catch {
    cached = DEFAULT_SHORTCUT_PREFS; // storage blocked or unreadable: the defaults
  }
  return cached;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    cached = null;
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function useShortcutPrefs(): ShortcutPrefs {
  return useSyncExternalStore(subscribe, read, () => DEFAULT_SHORTCUT_PREFS);
}

export function saveShortcutPrefs(prefs: ShortcutPrefs): void {
  cached = prefs;
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
  } catch {
    // Private mode or full storage: the choice holds for this page only.
  }
  for (const listener of listeners) listener();
}
