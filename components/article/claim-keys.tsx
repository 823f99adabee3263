"use client";

import Link from "next/link";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { KeyboardStatus } from "../keyboard/keyboard-status";
import { LinkPending } from "../keyboard/pending";
import { useShortcutPrefs } from "../keyboard/prefs-store";
import { ShortcutsDialog } from "../keyboard/shortcuts-dialog";
import { SkipToClaimPanel } from "../keyboard/skip-link";
import { useArticleKeys } from "../keyboard/use-article-keys";
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

/**
 * The article page's keyboard: shortcuts (see components/keyboard), the skip link to the claim
 * panel, the shortcuts dialog, and the status line that shows a claim is loading.
 */
export function ClaimKeys(nav: Nav) {
  const { selectedClaimId } = useLiveArticle();
  const { nextHref, prevHref, closeHref, open } = useClaimSequence(nav);
  const { announcement } = useArticleKeys({ nextHref, prevHref, closeHref, open, selectedClaimId });
  return (
    <>
      <SkipToClaimPanel />
      <ShortcutsDialog />
      <KeyboardStatus announcement={announcement} />
    </>
  );
}

/** "Claim 3 of 14" with previous / next links, in the claim panel. */
export function ClaimPosition(nav: Nav) {
  const { index, total, prevHref, nextHref, closeHref } = useClaimSequence(nav);
  const { enabled, keys } = useShortcutPrefs();
  return (
    <div className="flex items-center justify-between gap-2 text-sm">
      <span className="text-muted">{index >= 0 ? `Claim ${index + 1} of ${total}` : `${total} ${total === 1 ? "claim" : "claims"}`}</span>
      <nav aria-label="Claims" className="flex items-center gap-3">
        {index > 0 && prevHref ? <Link href={prevHref} prefetch={false} scroll={false} className="hover:underline" aria-keyshortcuts={enabled && keys.previous ? keys.previous : undefined}>← Previous<LinkPending /></Link> : null}
        {index >= 0 && nextHref ? <Link href={nextHref} prefetch={false} scroll={false} className="hover:underline" aria-keyshortcuts={enabled && keys.next ? keys.next : undefined}>Next →<LinkPending /></Link> : null}
        <Link href={closeHref} prefetch={false} scroll={false} className="text-muted hover:underline">All claims<LinkPending /></Link>
      </nav>
    </div>
  );
}
