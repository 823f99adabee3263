"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { isSubmitChord, shortcutFor, type ShortcutId } from "@/lib/domain/shortcuts";
import { closeDisclosureAround, confirmDiscard, dirtyForms, isTyping, openDisclosure, scrollBehavior, submitFormAround } from "./form-dom";
import { ADD_CLAIM_EVENT, FOCUS_LOST_EVENT } from "./events";
import { beginNavigation } from "./pending";
import { useShortcutPrefs } from "./prefs-store";
import { openShortcutsHelp } from "./shortcuts-dialog";


type Targets = { nextHref: string | null; prevHref: string | null; closeHref: string; open: boolean; selectedClaimId: string | null };

const panel = () => document.getElementById("claim-panel");
const dialogOpen = () => document.querySelector("dialog[open]") !== null;

function selectionInArticle(): boolean {
  const selection = window.getSelection();
  const body = document.querySelector('[data-testid="article-body"]');
  return Boolean(selection && body && !selection.isCollapsed && selection.rangeCount > 0 && body.contains(selection.getRangeAt(0).commonAncestorContainer));
}

/**
 * The article page's keyboard: single-key shortcuts (as the person mapped them), Ctrl/⌘+Enter
 * to submit, Esc to close a form or the claim. Drafts are never thrown away without asking,
 * and focus never falls back to the page body after a claim closes.
 */
export function useArticleKeys(targets: Targets): { announcement: string; pending: boolean } {
  const router = useRouter();
  const prefs = useShortcutPrefs();
  const [pending, startTransition] = useTransition();
  const [announcement, setAnnouncement] = useState("");
  const latest = useRef({ targets, prefs });
  useEffect(() => {
    latest.current = { targets, prefs };
  });

  useEffect(() => (pending ? beginNavigation() : undefined), [pending]);
  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(""), 5000);
    return () => clearTimeout(timer);
  }, [announcement]);

  useEffect(() => {
    const go = (href: string) => {
      if (!confirmDiscard(dirtyForms(panel()))) return;
      startTransition(() => router.push(href, { scroll: false }));
    };

    const run = (id: ShortcutId) => {
      const { targets: t } = latest.current;
      const needClaim = () => setAnnouncement("Open a claim first: press the “Next claim” key or choose one from the list.");
      switch (id) {
        case "next":
          return t.nextHref ? go(t.nextHref) : setAnnouncement(t.open ? "This is the last claim." : "There are no claims to open.");
        case "previous":
          return t.prevHref && t.open ? go(t.prevHref) : setAnnouncement(t.open ? "This is the first claim." : "Open a claim first.");
        case "addSource":
          if (!t.open) return needClaim();
          return openDisclosure("addSource", "url") || setAnnouncement("You cannot add a source to this claim.");
        case "review":
          if (!t.open) return needClaim();
          return openDisclosure("review", "rating") || setAnnouncement("You cannot review this claim.");
        case "editClaim":
          if (!t.open) return needClaim();
          return openDisclosure("editClaim", "statement") || setAnnouncement("You cannot edit this claim’s statement.");
        case "addClaim":
          if (!selectionInArticle()) return setAnnouncement("Select words in the article first: with caret browsing (F7), hold Shift and use the arrow keys.");
          window.dispatchEvent(new Event(ADD_CLAIM_EVENT));
          return;
        case "help":
          return openShortcutsHelp();
      }
    };

    const onEscape = (event: KeyboardEvent, target: Element | null) => {
      const { targets: t } = latest.current;
      if (target && target.closest("#claim-panel details[open]")) {
        if (closeDisclosureAround(target)) event.preventDefault();
        return;
      }
      if (isTyping(target)) return;
      if (selectionInArticle()) {
        window.getSelection()?.removeAllRanges();
        return;
      }
      if (!t.open) return;
      event.preventDefault();
      go(t.closeHref);
    };

    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (dialogOpen()) return; // the dialog has its own keys
      if (isSubmitChord(event)) {
        if (target && submitFormAround(target)) event.preventDefault();
        return;
      }
      if (event.key === "Escape") {
        if (!event.ctrlKey && !event.metaKey && !event.altKey) onEscape(event, target);
        return;
      }
      const id = shortcutFor(event, latest.current.prefs, { typing: isTyping(target), dialogOpen: false });
      // The search key belongs to every workspace page: the header's listener takes it.
      if (!id || id === "search") return;
      event.preventDefault();
      run(id);
    }

    // A click on another claim (in the text, the list, previous / next) with a draft open asks
    // first. Capture on window runs before the router's own click handling.
    function onClick(event: MouseEvent) {
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return;
      if (url.searchParams.get("claim") === latest.current.targets.selectedClaimId) return;
      if (!confirmDiscard(dirtyForms(panel()))) {
        event.preventDefault();
        event.stopPropagation();
      }
    }

    window.addEventListener("keydown", onKey);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("click", onClick, true);
    };
  }, [router]);

  // A claim closed (Esc, "All claims", a live change) while focus was in it: the list takes
  // focus at the claim's row, so the reader carries on from where they were.
  const previous = useRef(targets.selectedClaimId);
  useEffect(() => {
    const closed = previous.current;
    previous.current = targets.selectedClaimId;
    if (!closed || targets.selectedClaimId) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const row = document.querySelector<HTMLElement>(`#claim-panel a[data-claim-id="${CSS.escape(closed)}"]`) ?? document.getElementById("claims-heading");
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: "nearest", behavior: scrollBehavior() });
  }, [targets.selectedClaimId]);

  // A form that vanished with focus inside it (a workflow step taken): back to the claim.
  useEffect(() => {
    const onLost = () => {
      if (document.activeElement && document.activeElement !== document.body) return;
      (document.getElementById("claim-heading") ?? document.getElementById("claims-heading"))?.focus({ preventScroll: true });
    };
    document.addEventListener(FOCUS_LOST_EVENT, onLost);
    return () => document.removeEventListener(FOCUS_LOST_EVENT, onLost);
  }, []);

  return { announcement, pending };
}
