"use client";

import { useLayoutEffect } from "react";
import { isTyping } from "../keyboard/form-dom";
import { revealClaim } from "../keyboard/place";
import { useLiveArticle } from "./live-article";

/**
 * When a claim opens (a click, j / k, the list, a link): moves focus to the claim panel's
 * heading, so screen readers announce it, and brings the heading and the claim's mark in the
 * text into view. Someone typing in a field keeps their caret.
 */
export function FocusOnOpen({ targetId }: { targetId: string }) {
  const { selectedClaimId } = useLiveArticle();
  // A layout effect: it runs before the router's own scroll handling, which it then corrects.
  useLayoutEffect(() => {
    const target = document.getElementById(targetId);
    if (!target) return;
    if (!isTyping(document.activeElement)) target.focus({ preventScroll: true });
    revealClaim(target, selectedClaimId);
  }, [targetId, selectedClaimId]);
  return null;
}
