export const CONTEXT_LENGTH = 32;

/** W3C Web Annotation-style text quote selector: enough context to re-find a span after edits. */
export type TextQuoteSelector = { quote: string; prefix: string; suffix: string };

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// Characters that join two word characters into one word: "It’s", "US-Mexico".
const JOINERS = new Set(["'", "’", "-", "\u2011"]);
const OPENING = new Set(["“", "‘", "\"", "'", "«", "(", "[", "{"]);
const CLOSING = new Set(["”", "’", "\"", "'", "»", ")", "]", "}"]);
const OPEN_BRACKET: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
const ACRONYM_END = /(?:\p{L}\.){2,}$/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== "" && WORD_CHAR.test(ch);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function clamp(value: number, max: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(Math.max(Math.trunc(value), 0), max);
}

/** Whether a word continues across position `pos` (between body[pos-1] and body[pos]). */
function isInsideWord(body: string, pos: number): boolean {
  const before = body[pos - 1];
  const after = body[pos];
  if (isWordChar(before) && isWordChar(after)) return true;
  if (after !== undefined && JOINERS.has(after)) return isWordChar(before) && isWordChar(body[pos + 1]);
  if (before !== undefined && JOINERS.has(before)) return isWordChar(body[pos - 2]) && isWordChar(after);
  return false;
}

export function buildSelector(
  body: string,
  start: number,
  end: number,
  contextLength: number = CONTEXT_LENGTH,
): TextQuoteSelector {
  const s = clamp(Math.min(start, end), body.length);
  const e = clamp(Math.max(start, end), body.length);
  const context = Math.max(0, Math.trunc(contextLength));
  let from = Math.max(0, s - context);
  let to = Math.min(body.length, e + context);
  // Never cut an astral character (emoji) in half at the outer edges of the context.
  if (from > 0 && from < s && isLowSurrogate(body.charCodeAt(from))) from++;
  if (to < body.length && to > e && isHighSurrogate(body.charCodeAt(to - 1))) to--;
  return { quote: body.slice(s, e), prefix: body.slice(from, s), suffix: body.slice(e, to) };
}

function keepsLeading(body: string, start: number, end: number): boolean {
  const ch = body[start] ?? "";
  if (isWordChar(ch)) return true;
  if (!OPENING.has(ch)) return false;
  if (!isWordChar(body[start + 1])) return false;
  if (ch === "(" || ch === "[" || ch === "{") return body.slice(start, end).includes(ch === "(" ? ")" : ch === "[" ? "]" : "}");
  return true;
}

function keepsTrailing(body: string, start: number, end: number): boolean {
  const ch = body[end - 1] ?? "";
  if (isWordChar(ch)) return true;
  if (ch === "." && ACRONYM_END.test(body.slice(Math.max(start, end - 12), end))) return true;
  if (!CLOSING.has(ch) || end - 1 <= start) return false;
  const opener = OPEN_BRACKET[ch];
  if (opener !== undefined) return body.slice(start, end - 1).includes(opener);
  // A closing quote belongs to the words when it directly follows text, not whitespace.
  const prev = body[end - 2] ?? "";
  return prev.trim() !== "" && !OPENING.has(prev);
}

/**
 * Normalises a user's selection to whole words: expands partial words outwards, then trims
 * whitespace and stray punctuation from both ends. Returns null when nothing is left.
 */
export function snapToWords(body: string, start: number, end: number): { start: number; end: number } | null {
  let s = clamp(Math.min(start, end), body.length);
  let e = clamp(Math.max(start, end), body.length);
  while (s > 0 && isInsideWord(body, s)) s--;
  while (e < body.length && isInsideWord(body, e)) e++;
  while (s < e && !keepsLeading(body, s, e)) s++;
  while (e > s && !keepsTrailing(body, s, e)) e--;
  if (s >= e) return null;
  return { start: s, end: e };
}
