"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** j / k move to the next / previous claim, Escape closes the panel, unless typing in a field. */
export function ClaimKeys({ nextHref, prevHref, closeHref }: { nextHref: string | null; prevHref: string | null; closeHref: string | null }) {
  const router = useRouter();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      const href = event.key === "j" ? nextHref : event.key === "k" ? prevHref : event.key === "Escape" ? closeHref : null;
      if (!href) return;
      event.preventDefault();
      router.push(href, { scroll: false });
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, nextHref, prevHref, closeHref]);
  return null;
}
