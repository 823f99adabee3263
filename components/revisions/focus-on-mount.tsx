"use client";

import { useEffect } from "react";

/** Moves focus to the element with `targetId` once, e.g. a result message that replaced the form just used. */
export function FocusOnMount({ targetId }: { targetId: string }) {
  useEffect(() => {
    document.getElementById(targetId)?.focus();
  }, [targetId]);
  return null;
}
