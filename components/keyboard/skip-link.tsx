"use client";

import { scrollBehavior } from "./form-dom";

/** "Skip to claim panel": hidden until focused; lands on the open claim's heading, or the list's. */
export function SkipToClaimPanel() {
  return (
    <a
      href="#claim-panel"
      onClick={(event) => {
        const target = document.getElementById("claim-heading") ?? document.getElementById("claims-heading");
        if (!target) return;
        event.preventDefault();
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: "nearest", behavior: scrollBehavior() });
      }}
      className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-ink focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-white focus:shadow-lg"
    >
      Skip to claim panel
    </a>
  );
}
