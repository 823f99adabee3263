"use client";

import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { flushSync } from "react-dom";
import { assignKey, DEFAULT_SHORTCUT_PREFS, FIXED_SHORTCUTS, keyLabel, SHORTCUT_IDS, SHORTCUTS, type ShortcutId } from "@/lib/domain/shortcuts";
import { buttonClass } from "../ui/button";
import { saveShortcutPrefs, useShortcutPrefs } from "./prefs-store";

const OPEN_EVENT = "factdesk:shortcuts-help";

/** Opens the shortcuts dialog from anywhere on the page (the `?` key, the button). */
export const openShortcutsHelp = () => window.dispatchEvent(new Event(OPEN_EVENT));

const MODIFIERS = new Set(["Shift", "Control", "Alt", "AltGraph", "Meta", "CapsLock", "Fn"]);

function Kbd({ children }: { children: string }) {
  return <kbd className="inline-block min-w-6 rounded border border-rule bg-paper px-1.5 py-0.5 text-center font-mono text-xs text-ink shadow-xs">{children}</kbd>;
}

export function ShortcutsButton() {
  const prefs = useShortcutPrefs();
  return (
    <button type="button" onClick={openShortcutsHelp} className={buttonClass("secondary")} aria-keyshortcuts={prefs.enabled && prefs.keys.help ? prefs.keys.help : undefined} aria-haspopup="dialog">
      Keyboard shortcuts
    </button>
  );
}

/**
 * The list of shortcuts, in a native modal dialog (focus stays inside, Esc closes, focus goes
 * back to where it was), with the controls to turn single-key shortcuts off or remap them.
 */
export function ShortcutsDialog() {
  const prefs = useShortcutPrefs();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [capturing, setCapturing] = useState<ShortcutId | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // The dialog's contents are drawn when it first opens, not with every page: they were a
  // quarter of the article page's elements, rendered on the server and hydrated for nothing.
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const open = () => {
      const element = dialog.current;
      if (!element || element.open) return;
      opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      setMessage(null);
      // Drawn before it opens, so focus lands on its first control as the dialog opens.
      flushSync(() => setDrawn(true));
      element.showModal();
    };
    window.addEventListener(OPEN_EVENT, open);
    return () => window.removeEventListener(OPEN_EVENT, open);
  }, []);

  function onClose() {
    setCapturing(null);
    // Back where the person was; from the page itself, to the claim panel rather than nowhere.
    const back = opener.current?.isConnected ? opener.current : document.getElementById("claim-heading") ?? document.getElementById("claims-heading");
    back?.focus({ preventScroll: true });
  }

  function onCaptureKey(event: ReactKeyboardEvent<HTMLButtonElement>, id: ShortcutId) {
    if (capturing !== id) return;
    if (event.key === "Tab") return setCapturing(null);
    event.preventDefault();
    event.stopPropagation();
    if (event.key === "Escape") {
      setCapturing(null);
      return setMessage({ text: `${SHORTCUTS[id].label} keeps “${keyLabel(prefs.keys[id]) || "no key"}”.`, error: false });
    }
    if (MODIFIERS.has(event.key)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return setMessage({ text: "Shortcuts are single keys, without Ctrl, Alt or ⌘. Press another key, or Esc to keep the current one.", error: true });
    }
    const result = assignKey(prefs, id, event.key);
    if (!result.ok) return setMessage({ text: `${result.message} Press another key, or Esc to keep the current one.`, error: true });
    saveShortcutPrefs(result.prefs);
    setCapturing(null);
    setMessage({ text: `${SHORTCUTS[id].label} is now “${keyLabel(result.prefs.keys[id])}”.`, error: false });
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={drawn ? "shortcuts-title" : undefined}
      onClose={onClose}
      onCancel={(event) => {
        // Esc while waiting for a new key cancels the remapping, not the dialog.
        if (capturing) event.preventDefault();
      }}
      className="m-auto max-h-[calc(100vh-2rem)] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-rule bg-white p-0 text-ink shadow-xl backdrop:bg-black/40"
    >
      {drawn ? (
      <div className="space-y-4 p-5">
        <div className="flex items-start justify-between gap-4">
          <h2 id="shortcuts-title" className="font-serif text-xl font-semibold">Keyboard shortcuts</h2>
          <form method="dialog">
            <button type="submit" className={buttonClass("ghost")}>Close</button>
          </form>
        </div>

        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={prefs.enabled}
              onChange={(event) => {
                saveShortcutPrefs({ ...prefs, enabled: event.currentTarget.checked });
                setMessage({ text: event.currentTarget.checked ? "Single-key shortcuts are on." : "Single-key shortcuts are off.", error: false });
              }}
              className="h-4 w-4 accent-[var(--color-accent)]"
            />
            Use single-key shortcuts
          </label>
          <p className="pl-6 text-xs text-muted">Turn them off if you use speech input, or if they get in the way of your screen reader’s keys. Saved in this browser.</p>
        </div>

        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-rule text-left text-xs uppercase tracking-wider text-muted">
              <th scope="col" className="py-1 font-semibold">Action</th>
              <th scope="col" className="py-1 font-semibold">Key</th>
              <th scope="col" className="py-1"><span className="sr-only">Change</span></th>
            </tr>
          </thead>
          <tbody className={prefs.enabled ? "" : "text-muted"}>
            {SHORTCUT_IDS.map((id) => (
              <tr key={id} className="border-b border-rule/70">
                <td className="py-1 pr-3">{SHORTCUTS[id].label}</td>
                <td className="py-1 pr-3">{prefs.keys[id] ? <Kbd>{keyLabel(prefs.keys[id])}</Kbd> : <span className="text-muted">none</span>}</td>
                <td className="py-1 text-right">
                  <button
                    type="button"
                    aria-label={capturing === id ? `Press a key for ${SHORTCUTS[id].label}` : `Change key for ${SHORTCUTS[id].label}`}
                    onClick={() => {
                      setCapturing(capturing === id ? null : id);
                      setMessage(capturing === id ? null : { text: `Press the new key for ${SHORTCUTS[id].label}, or Esc to keep “${keyLabel(prefs.keys[id]) || "no key"}”.`, error: false });
                    }}
                    onKeyDown={(event) => onCaptureKey(event, id)}
                    onBlur={() => setCapturing((current) => (current === id ? null : current))}
                    className={`rounded-md px-2 py-1 text-sm ${capturing === id ? "bg-accent text-white" : "text-accent hover:underline"}`}
                  >
                    {capturing === id ? "Press a key…" : "Change"}
                  </button>
                </td>
              </tr>
            ))}
            {FIXED_SHORTCUTS.map((fixed) => (
              <tr key={fixed.label} className="border-b border-rule/70 text-ink">
                <td className="py-1 pr-3">{fixed.label}</td>
                <td className="py-1 pr-3 whitespace-nowrap">{fixed.keys.map((k, i) => <span key={k}>{i > 0 ? " + " : null}<Kbd>{k}</Kbd></span>)}</td>
                <td className="py-1 text-right text-xs text-muted">Always on</td>
              </tr>
            ))}
          </tbody>
        </table>

        <p role="status" className={`min-h-5 text-sm empty:min-h-0 ${message?.error ? "text-red-800" : "text-emerald-800"}`}>{message?.text}</p>

        <div className="flex items-end gap-4 border-t border-rule pt-4 text-xs text-muted">
          <p className="flex-1">Single keys never fire while you type in a field. No mouse needed to add a claim: select words with Shift and the arrow keys (caret browsing, F7) and press the “Add claim” key.</p>
          <button
            type="button"
            className={buttonClass("secondary", "shrink-0")}
            onClick={() => {
              saveShortcutPrefs(DEFAULT_SHORTCUT_PREFS);
              setMessage({ text: "The default keys are back.", error: false });
            }}
          >
            Restore defaults
          </button>
        </div>
      </div>
      ) : null}
    </dialog>
  );
}
