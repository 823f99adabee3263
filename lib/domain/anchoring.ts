export const CONTEXT_LENGTH = 32;

// Offsets into an article are UTF-16 code units everywhere: the DOM's selection offsets, JS
// string indices, the database's start and end, the API's `body.slice(start, end)`. A letter
// outside the Basic Multilingual Plane (𝐁, 𠀀, 😀) takes two of them, so every step here moves by
// a whole code point and no span ever starts or ends between the two halves of one.

/** W3C Web Annotation-style text quote selector: enough context to re-find a span after edits. */
export type TextQuoteSelector = { quote: string; prefix: string; suffix: string };

// Letters, digits and marks in any plane, and emoji (pictographs, skin tones, flags, the joiner
// that glues an emoji sequence together).
const WORD_CHAR = /^[\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d]$/u;
// Characters that join two word characters into one word: "It’s", "US-Mexico".
const JOINERS = new Set(["'", "’", "-", "\u2011"]);
const OPENING = new Set(["“", "‘", "\"", "'", "«", "(", "[", "{"]);
const CLOSING = new Set(["”", "’", "\"", "'", "»", ")", "]", "}"]);
const OPEN_BRACKET: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
const ACRONYM_END = /(?:\p{L}\.){2,}$/u;

function isWordChar(ch: string): boolean {
  return ch !== "" && WORD_CHAR.test(ch);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The whole character (code point) that starts at `pos`; "" at the end. */
function charAt(body: string, pos: number): string {
  if (pos < 0 || pos >= body.length) return "";
  const code = body.charCodeAt(pos);
  return isHighSurrogate(code) && isLowSurrogate(body.charCodeAt(pos + 1)) ? body.slice(pos, pos + 2) : body.charAt(pos);
}

/** The whole character (code point) that ends at `pos`; "" at the start. */
function charBefore(body: string, pos: number): string {
  if (pos <= 0 || pos > body.length) return "";
  const code = body.charCodeAt(pos - 1);
  return isLowSurrogate(code) && pos >= 2 && isHighSurrogate(body.charCodeAt(pos - 2)) ? body.slice(pos - 2, pos) : body.charAt(pos - 1);
}

/** Whether `pos` falls between the two halves of one astral character. */
function splitsPair(body: string, pos: number): boolean {
  return pos > 0 && pos < body.length && isHighSurrogate(body.charCodeAt(pos - 1)) && isLowSurrogate(body.charCodeAt(pos));
}

/**
 * A span (UTF-16 offsets, in either order) clamped to the body and widened so that neither end
 * falls inside an astral character. For offsets from a browser's selection or an API client.
 */
export function alignToCharacters(body: string, start: number, end: number): { start: number; end: number } {
  let s = clamp(Math.min(start, end), body.length);
  let e = clamp(Math.max(start, end), body.length);
  if (splitsPair(body, s)) s--;
  if (splitsPair(body, e)) e++;
  return { start: s, end: e };
}

function clamp(value: number, max: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(Math.max(Math.trunc(value), 0), max);
}

/** Whether a word continues across position `pos` (between body[pos-1] and body[pos]). */
function isInsideWord(body: string, pos: number): boolean {
  const before = charBefore(body, pos);
  const after = charAt(body, pos);
  if (isWordChar(before) && isWordChar(after)) return true;
  if (JOINERS.has(after)) return isWordChar(before) && isWordChar(charAt(body, pos + after.length));
  if (JOINERS.has(before)) return isWordChar(charBefore(body, pos - before.length)) && isWordChar(after);
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
  const ch = charAt(body, start);
  if (isWordChar(ch)) return true;
  if (!OPENING.has(ch)) return false;
  if (!isWordChar(charAt(body, start + 1))) return false;
  if (ch === "(" || ch === "[" || ch === "{") return body.slice(start, end).includes(ch === "(" ? ")" : ch === "[" ? "]" : "}");
  return true;
}

function keepsTrailing(body: string, start: number, end: number): boolean {
  const ch = charBefore(body, end);
  if (isWordChar(ch)) return true;
  if (ch === "." && ACRONYM_END.test(body.slice(Math.max(start, end - 12), end))) return true;
  if (!CLOSING.has(ch) || end - 1 <= start) return false;
  const opener = OPEN_BRACKET[ch];
  if (opener !== undefined) return body.slice(start, end - 1).includes(opener);
  // A closing quote belongs to the words when it directly follows text, not whitespace.
  const prev = charBefore(body, end - 1);
  return prev.trim() !== "" && !OPENING.has(prev);
}

/**
 * Normalises a user's selection to whole words: expands partial words outwards, then trims
 * whitespace and stray punctuation from both ends. Returns null when nothing is left.
 */
export function snapToWords(body: string, start: number, end: number): { start: number; end: number } | null {
  let { start: s, end: e } = alignToCharacters(body, start, end);
  while (s > 0 && isInsideWord(body, s)) s -= charBefore(body, s).length;
  while (e < body.length && isInsideWord(body, e)) e += charAt(body, e).length;
  while (s < e && !keepsLeading(body, s, e)) s += charAt(body, s).length;
  while (e > s && !keepsTrailing(body, s, e)) e -= charBefore(body, e).length;
  if (s >= e) return null;
  return { start: s, end: e };
}
