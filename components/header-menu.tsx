"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * What the header's Menu (a <details>, shown on narrow screens only) needs beyond HTML: Escape
 * closes it and puts the focus back on its button, and following a link closes it. Opening,
 * its expanded state and the keyboard are the browser's own, so it works before the page's
 * scripts have loaded.
 */
export function HeaderMenuKeys({ menuId }: { menuId: string }) {
  const pathname = usePathname();
  useEffect(() => {
    const menu = document.getElementById(menuId);
    if (menu instanceof HTMLDetailsElement) menu.open = false;
  }, [menuId, pathname]);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const menu = document.getElementById(menuId);
      if (event.key !== "Escape" || !(menu instanceof HTMLDetailsElement) || !menu.open || document.querySelector("dialog[open]")) return;
      // On a wide screen the Menu is hidden (its links show in the bar): Escape is not its to take.
      if (getComputedStyle(menu).display === "none") return;
      // Before the article page's own Escape (which closes the open claim).
      event.preventDefault();
      menu.open = false;
      menu.querySelector("summary")?.focus();
    }
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [menuId]);
  return null;
}
