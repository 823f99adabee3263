"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { keyLabel, shortcutFor } from "@/lib/domain/shortcuts";
import { isTyping } from "./form-dom";
import { useShortcutPrefs } from "./prefs-store";

/** The search page's own box, when it is on the page; else the header's. */
const PAGE_BOX = "search-q";
const HEADER_BOX = "workspace-search";

/**
 * The workspace search box in the header (every workspace page but the search page, which has
 * its own), and the "/" shortcut that puts the caret in it from anywhere, as on GitHub and in
 * Gmail: never while typing in a field, with a modifier held or a dialog open, and not at all
 * when single-key shortcuts are turned off; remappable in the shortcuts help
 * (lib/domain/shortcuts.ts).
 */
export function HeaderSearch({ slug }: { slug: string }) {
  const prefs = useShortcutPrefs();
  const latest = useRef(prefs);
  useEffect(() => {
    latest.current = prefs;
  });
  const pathname = usePathname();
  const onSearchPage = pathname === `/w/${slug}/search`;

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const dialogOpen = document.querySelector("dialog[open]") !== null;
      if (shortcutFor(event, latest.current, { typing: isTyping(event.target), dialogOpen }) !== "search") return;
      const box = document.getElementById(PAGE_BOX) ?? document.getElementById(HEADER_BOX);
      if (!(box instanceof HTMLInputElement)) return;
      event.preventDefault();
      box.focus();
      box.select();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (onSearchPage) return null;
  const key = prefs.enabled && prefs.keys.search ? prefs.keys.search : null;
  return (
    <form role="search" aria-label="Workspace search" method="get" action={`/w/${slug}/search`} className="flex items-center max-md:w-full">
      <label htmlFor={HEADER_BOX} className="sr-only">Search this workspace</label>
      <span className="relative max-md:w-full">
        <input
          id={HEADER_BOX}
          name="q"
          type="search"
          maxLength={500}
          placeholder="Search"
          aria-keyshortcuts={key ?? undefined}
          className="w-44 max-md:w-full max-md:focus:w-full rounded-md border border-rule bg-white py-1 pl-2.5 pr-7 text-sm shadow-xs focus:w-64 focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 motion-safe:transition-[width]"
        />
        {key ? (
          <kbd aria-hidden="true" className="pointer-events-none absolute right-1.5 top-1/2 -translate-y-1/2 rounded border border-rule bg-paper px-1 font-mono text-[0.7rem] leading-4 text-muted">
            {keyLabel(key)}
          </kbd>
        ) : null}
      </span>
    </form>
  );
}
