import { describe, expect, it } from "vitest";
import { assignKey, DEFAULT_SHORTCUT_PREFS, hasUnsavedChanges, isSubmitChord, isTypingTarget, parseShortcutPrefs, shortcutFor, type KeyPress } from "./shortcuts";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const free = { typing: false, dialogOpen: false };

describe("shortcutFor", () => {
  it("maps the default keys to their shortcuts, whatever the letter case", () => {
    expect(shortcutFor(press("j"), DEFAULT_SHORTCUT_PREFS, free)).toBe("next");
    expect(shortcutFor(press("K"), DEFAULT_SHORTCUT_PREFS, free)).toBe("previous");
    expect(shortcutFor(press("?"), DEFAULT_SHORTCUT_PREFS, free)).toBe("help");
    expect(shortcutFor(press("/"), DEFAULT_SHORTCUT_PREFS, free)).toBe("search");
    expect(shortcutFor(press("x"), DEFAULT_SHORTCUT_PREFS, free)).toBeNull();
  });

  it("never fires while typing, in a dialog, composing, or with Ctrl, Alt or ⌘", () => {
    expect(shortcutFor(press("j"), DEFAULT_SHORTCUT_PREFS, { typing: true, dialogOpen: false })).toBeNull();
    expect(shortcutFor(press("j"), DEFAULT_SHORTCUT_PREFS, { typing: false, dialogOpen: true })).toBeNull();
    expect(shortcutFor(press("j", { isComposing: true }), DEFAULT_SHORTCUT_PREFS, free)).toBeNull();
    for (const mod of ["ctrlKey", "metaKey", "altKey"] as const) expect(shortcutFor(press("j", { [mod]: true }), DEFAULT_SHORTCUT_PREFS, free)).toBeNull();
  });

  it("does nothing once single-key shortcuts are turned off", () => {
    expect(shortcutFor(press("j"), { ...DEFAULT_SHORTCUT_PREFS, enabled: false }, free)).toBeNull();
  });

  it("ignores named keys such as Enter or ArrowDown", () => {
    expect(shortcutFor(press("Enter"), DEFAULT_SHORTCUT_PREFS, free)).toBeNull();
    expect(shortcutFor(press("ArrowDown"), DEFAULT_SHORTCUT_PREFS, free)).toBeNull();
  });
});

describe("assignKey", () => {
  it("remaps a shortcut, and the old key stops working", () => {
    const result = assignKey(DEFAULT_SHORTCUT_PREFS, "next", "n");
    if (!result.ok) throw new Error(result.message);
    expect(shortcutFor(press("n"), result.prefs, free)).toBe("next");
    expect(shortcutFor(press("j"), result.prefs, free)).toBeNull();
    expect(DEFAULT_SHORTCUT_PREFS.keys.next).toBe("j"); // the defaults are not changed
  });

  it("refuses a key another shortcut uses, naming it", () => {
    const result = assignKey(DEFAULT_SHORTCUT_PREFS, "next", "K");
    expect(result).toEqual({ ok: false, message: expect.stringContaining("Previous claim") });
  });

  it("lets the search shortcut move off \"/\" and another take it, as any other key", () => {
    const moved = assignKey(DEFAULT_SHORTCUT_PREFS, "search", "g");
    if (!moved.ok) throw new Error(moved.message);
    expect(shortcutFor(press("g"), moved.prefs, free)).toBe("search");
    expect(shortcutFor(press("/"), moved.prefs, free)).toBeNull();
    expect(assignKey(moved.prefs, "help", "/").ok).toBe(true);
    expect(assignKey(DEFAULT_SHORTCUT_PREFS, "help", "/")).toEqual({ ok: false, message: expect.stringContaining("workspace search box") });
  });

  it("the search key never fires in a text field, nor with the shortcuts off", () => {
    expect(shortcutFor(press("/"), DEFAULT_SHORTCUT_PREFS, { typing: true, dialogOpen: false })).toBeNull();
    expect(shortcutFor(press("/"), { ...DEFAULT_SHORTCUT_PREFS, enabled: false }, free)).toBeNull();
    // Stored preferences from before the search shortcut existed get its default.
    expect(parseShortcutPrefs({ enabled: true, keys: { next: "n" } }).keys.search).toBe("/");
  });

  it("accepts the key the shortcut already has", () => {
    expect(assignKey(DEFAULT_SHORTCUT_PREFS, "next", "j").ok).toBe(true);
  });

  it("refuses named, reserved and multi-character keys", () => {
    for (const key of ["Enter", "Escape", "Tab", "ArrowUp", "F5", " ", "'", "ab"]) {
      const result = assignKey(DEFAULT_SHORTCUT_PREFS, "help", key);
      expect(result.ok, key).toBe(false);
    }
  });
});

describe("parseShortcutPrefs", () => {
  it("falls back to the defaults for anything unreadable", () => {
    expect(parseShortcutPrefs(null)).toEqual(DEFAULT_SHORTCUT_PREFS);
    expect(parseShortcutPrefs("j")).toEqual(DEFAULT_SHORTCUT_PREFS);
    expect(parseShortcutPrefs({ keys: { next: "Enter", previous: 4 } })).toEqual(DEFAULT_SHORTCUT_PREFS);
  });

  it("reads back a saved mapping, including a swap and the off switch", () => {
    const prefs = parseShortcutPrefs({ enabled: false, keys: { next: "k", previous: "j" } });
    expect(prefs.enabled).toBe(false);
    expect(prefs.keys).toMatchObject({ next: "k", previous: "j", addSource: "s" });
  });

  it("keeps the first of two shortcuts stored with the same key", () => {
    const prefs = parseShortcutPrefs({ keys: { next: "x", previous: "x" } });
    expect(prefs.keys.next).toBe("x");
    expect(prefs.keys.previous).toBe("k");
  });

  it("leaves a shortcut without a key when its default was given to another", () => {
    const prefs = parseShortcutPrefs({ keys: { previous: "j" } });
    expect(prefs.keys.previous).toBe("j");
    expect(prefs.keys.next).toBe("");
    expect(shortcutFor(press("j"), prefs, free)).toBe("previous");
  });
});

describe("isTypingTarget", () => {
  it("treats fields and editable regions as typing, buttons and links not", () => {
    expect(isTypingTarget({ tagName: "INPUT" })).toBe(true);
    expect(isTypingTarget({ tagName: "textarea" })).toBe(true);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: "BUTTON" })).toBe(false);
    expect(isTypingTarget({ tagName: "A" })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("isSubmitChord and hasUnsavedChanges", () => {
  it("submits on Ctrl or ⌘ with Enter only", () => {
    expect(isSubmitChord(press("Enter", { ctrlKey: true }))).toBe(true);
    expect(isSubmitChord(press("Enter", { metaKey: true }))).toBe(true);
    expect(isSubmitChord(press("Enter"))).toBe(false);
    expect(isSubmitChord(press("Enter", { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it("finds unsaved text by comparing each field with its first value", () => {
    expect(hasUnsavedChanges([{ value: "a", initial: "a" }])).toBe(false);
    expect(hasUnsavedChanges([{ value: "a", initial: "a" }, { value: "b ", initial: "b" }])).toBe(true);
    expect(hasUnsavedChanges([])).toBe(false);
  });
});
