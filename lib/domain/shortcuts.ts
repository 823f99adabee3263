// PURE: the keyboard shortcuts (the article page's, and "/" for the search box on every
// workspace page): which key does what, the person's own mapping, and when a single-key shortcut
// may fire at all (WCAG 2.1.4: they can be turned off or remapped, and never fire while someone
// is typing).

export const SHORTCUT_IDS = ["next", "previous", "addSource", "review", "editClaim", "addClaim", "search", "help"] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export const SHORTCUTS: Record<ShortcutId, { label: string; defaultKey: string }> = {
  next: { label: "Next claim", defaultKey: "j" },
  previous: { label: "Previous claim", defaultKey: "k" },
  addSource: { label: "Add a source to the open claim", defaultKey: "s" },
  review: { label: "Write or update my review", defaultKey: "r" },
  editClaim: { label: "Edit the statement", defaultKey: "e" },
  addClaim: { label: "Add the selected words as a claim", defaultKey: "a" },
  search: { label: "Go to the workspace search box (on every workspace page)", defaultKey: "/" },
  help: { label: "Show these shortcuts", defaultKey: "?" },
};

/** Keys that keep their usual job everywhere; listed in the help, never remapped. */
export const FIXED_SHORTCUTS: ReadonlyArray<{ keys: string[]; label: string }> = [
  { keys: ["Ctrl", "Enter"], label: "Submit the form you are in (⌘ Enter on a Mac)" },
  { keys: ["Esc"], label: "Close the open form (asks first if it holds unsaved text), or go back to the list" },
];

export type ShortcutPrefs = { enabled: boolean; keys: Record<ShortcutId, string> };

export const DEFAULT_SHORTCUT_PREFS: ShortcutPrefs = {
  enabled: true,
  keys: Object.fromEntries(SHORTCUT_IDS.map((id) => [id, SHORTCUTS[id].defaultKey])) as Record<ShortcutId, string>,
};

/** What a key press looks like to the rules: the fields of a KeyboardEvent they read. */
export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing?: boolean };

/** Letters match whatever the case (Caps Lock, Shift), so they are kept in lower case. */
export const normalizeKey = (key: string): string => (key.length === 1 ? key.toLowerCase() : key);

/** How a key is written in the help. */
export const keyLabel = (key: string): string => (key === " " ? "Space" : key);

// Single characters the browser already uses without a modifier. "/" (Firefox's quick find) is
// the search shortcut, as on GitHub and in Gmail: Ctrl+F still finds in the page.
const RESERVED: Record<string, string> = {
  " ": "Space scrolls the page.",
  "'": "' opens the browser's quick find for links in some browsers.",
};

export type AssignResult = { ok: true; prefs: ShortcutPrefs } | { ok: false; message: string };

/** Gives a shortcut a new key, refusing keys that are not single characters, reserved, or taken. */
export function assignKey(prefs: ShortcutPrefs, id: ShortcutId, pressed: string): AssignResult {
  const key = normalizeKey(pressed);
  if ([...key].length !== 1) return { ok: false, message: `${pressed} cannot be a shortcut: choose a letter, digit or symbol key.` };
  const reserved = RESERVED[key];
  if (reserved) return { ok: false, message: `${reserved} Choose another key.` };
  const taken = SHORTCUT_IDS.find((other) => other !== id && prefs.keys[other] === key);
  if (taken) return { ok: false, message: `“${keyLabel(key)}” already does “${SHORTCUTS[taken].label}”. Choose another key, or change that one first.` };
  return { ok: true, prefs: { ...prefs, keys: { ...prefs.keys, [id]: key } } };
}

/**
 * Preferences as stored in the browser, read defensively: anything missing, malformed or
 * clashing falls back to the default for that shortcut.
 */
export function parseShortcutPrefs(raw: unknown): ShortcutPrefs {
  if (typeof raw !== "object" || raw === null) return DEFAULT_SHORTCUT_PREFS;
  const record = raw as { enabled?: unknown; keys?: unknown };
  let prefs: ShortcutPrefs = { ...DEFAULT_SHORTCUT_PREFS, enabled: record.enabled !== false };
  const keys = typeof record.keys === "object" && record.keys !== null ? (record.keys as Record<string, unknown>) : {};
  // Free every stored key first, so a swap (j <-> k) reads back as it was saved.
  prefs = { ...prefs, keys: Object.fromEntries(SHORTCUT_IDS.map((id) => [id, ""])) as Record<ShortcutId, string> };
  for (const id of SHORTCUT_IDS) {
    const stored = keys[id];
    const result = typeof stored === "string" ? assignKey(prefs, id, stored) : null;
    prefs = result?.ok ? result.prefs : prefs;
  }
  for (const id of SHORTCUT_IDS) {
    if (prefs.keys[id]) continue;
    const result = assignKey(prefs, id, SHORTCUTS[id].defaultKey);
    // The default is taken by another remapped shortcut: this one stays without a key.
    if (result.ok) prefs = result.prefs;
  }
  return prefs;
}

/** Whether keys pressed here are typing: text fields, lists, editable regions. */
export function isTypingTarget(target: { tagName: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  return target.isContentEditable === true || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName.toUpperCase());
}

/**
 * The single-key shortcut a key press asks for, or null: none while shortcuts are off, while
 * someone types in a field or composes text, with Ctrl, Alt or ⌘ held (the browser's and the
 * screen reader's keys), or while a dialog is open.
 */
export function shortcutFor(press: KeyPress, prefs: ShortcutPrefs, context: { typing: boolean; dialogOpen: boolean }): ShortcutId | null {
  if (!prefs.enabled || context.typing || context.dialogOpen || press.isComposing) return null;
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = normalizeKey(press.key);
  if ([...key].length !== 1) return null;
  return SHORTCUT_IDS.find((id) => prefs.keys[id] === key) ?? null;
}

/** Ctrl+Enter (⌘+Enter on a Mac) submits the form: a modified key, allowed inside fields. */
export const isSubmitChord = (press: KeyPress): boolean => press.key === "Enter" && (press.ctrlKey || press.metaKey) && !press.altKey;

/** A form holds unsaved text when any field differs from the value it was shown with. */
export const hasUnsavedChanges = (fields: ReadonlyArray<{ value: string; initial: string }>): boolean => fields.some((f) => f.value !== f.initial);
