"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { claimHref } from "./article-text";
import { useLiveArticle } from "./live-article";

type Nav = { base: string; filter: ClaimStatus | null };

/**
 * Where the open claim sits among the article's claims, from the live list: claims added or
 * moved out of the filter by colleagues count at once. Steps through the filtered list, or
 * through all claims when the open one has left the filter.
 */
function useClaimSequence({ base, filter }: Nav) {
  const { claims, selectedClaimId } = useLiveArticle();
  const visible = filter ? claims.filter((c) => c.status === filter) : claims;
  const sequence = selectedClaimId && !visible.some((c) => c.id === selectedClaimId) ? claims : visible;
  const index = selectedClaimId ? sequence.findIndex((c) => c.id === selectedClaimId) : -1;
  const prev = index > 0 ? sequence[index - 1] : undefined;
  const next = index >= 0 ? sequence[index + 1] : sequence[0];
  return {
    index,
    total: sequence.length,
    prevHref: prev ? claimHref(base, prev.id, filter) : null,
    nextHref: next ? claimHref(base, next.id, filter) : null,
    closeHref: filter ? `${base}?status=${filter}` : base,
    open: selectedClaimId !== null,
  };
}

/** j / k move to the next / previous claim, Escape closes the panel, unless typing in a field. */
export function ClaimKeys(nav: Nav) {
  const router = useRouter();
  const { nextHref, prevHref, closeHref, open } = useClaimSequence(nav);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      const href = event.key === "j" ? nextHref : event.key === "k" ? prevHref : event.key === "Escape" && open ? closeHref : null;
      if (!href) return;
      event.preventDefault();
      router.push(href, { scroll: false });
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, nextHref, prevHref, closeHref, open]);
  return null;
}

/** "Claim 3 of 14" with previous / next links, in the claim panel. */
export function ClaimPosition(nav: Nav) {
  const { index, total, prevHref, nextHref, closeHref } = useClaimSequence(nav);
  return (
    <div className="flex items-center justify-between gap-2 text-sm">
      <span className="text-muted">{index >= 0 ? `Claim ${index + 1} of ${total}` : `${total} claims`}</span>
      <nav aria-label="Claims" className="flex items-center gap-3">
        {index > 0 && prevHref ? <Link href={prevHref} scroll={false} className="hover:underline" aria-keyshortcuts="k">← Previous</Link> : null}
        {index >= 0 && nextHref ? <Link href={nextHref} scroll={false} className="hover:underline" aria-keyshortcuts="j">Next →</Link> : null}
        <Link href={closeHref} scroll={false} className="text-muted hover:underline">All claims</Link>
      </nav>
    </div>
  );
}
