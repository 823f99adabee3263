"use client";

import { useEffect } from "react";

/**
 * Moves focus to the claim panel's heading when a claim opens, so screen readers announce it,
 * and scrolls the panel into view where it sits below the article (narrow screens).
 */
export function FocusOnOpen({ targetId }: { targetId: string }) {
  useEffect(() => {
    const target = document.getElementById(targetId);
    if (!target) return;
    target.focus({ preventScroll: true });
    if (!window.matchMedia("(min-width: 1024px)").matches) (target.closest("article") ?? target).scrollIntoView({ block: "start" });
  }, [targetId]);
  return null;
}
