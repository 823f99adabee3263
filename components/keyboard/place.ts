"use client";

import { scrollBehavior } from "./form-dom";

// Keeping the reader's place when a claim opens, whatever opened it.

let remembered: { y: number; at: number } | null = null;

/**
 * Called just before an action that ends in a redirect (adding a claim): the router scrolls a
 * redirect's page to the top, and the reader's scroll position is put back once the claim opens.
 */
export function rememberScroll(): void {
  remembered = { y: window.scrollY, at: Date.now() };
}

export function forgetScroll(): void {
  remembered = null;
}

function takeRememberedScroll(): number | null {
  const value = remembered && Date.now() - remembered.at < 15_000 ? remembered.y : null;
  remembered = null;
  return value;
}

/** Whether the element is wholly inside the window and inside its scrolling container. */
function inView(element: Element, container: Element | null): boolean {
  const box = element.getBoundingClientRect();
  const frame = container?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight };
  return box.top >= Math.max(0, frame.top) && box.bottom <= Math.min(window.innerHeight, frame.bottom);
}

/** The claim's first mark in the article text, if it is marked. */
export const claimMark = (claimId: string) =>
  document.querySelector<HTMLElement>(`[data-testid="article-body"] [data-claim-id="${CSS.escape(claimId)}"][data-first]`) ??
  document.querySelector<HTMLElement>(`[data-testid="article-body"] [data-claim-id="${CSS.escape(claimId)}"]`);

/**
 * Brings an opened claim's heading (in the panel) and its mark (in the text) into view, moving
 * only what is out of view. Where the panel sits below the article, the panel comes first.
 */
export function revealClaim(heading: HTMLElement, claimId: string | null): void {
  const restore = takeRememberedScroll();
  const reveal = () => {
    const behavior = scrollBehavior();
    if (!window.matchMedia("(min-width: 1024px)").matches) {
      (heading.closest("article") ?? heading).scrollIntoView({ block: "start", behavior });
      return;
    }
    const panel = heading.closest("aside");
    if (!inView(heading, panel)) heading.scrollIntoView({ block: "nearest", behavior: "auto" });
    const mark = claimId ? claimMark(claimId) : null;
    if (mark && !inView(mark, null)) mark.scrollIntoView({ block: "center", behavior });
  };
  if (restore === null) return reveal();
  // After the router's own scroll to the top, before the next paint.
  requestAnimationFrame(() => {
    window.scrollTo({ top: restore, behavior: "instant" });
    reveal();
  });
}
