// PURE: moving a claim's ends by whole words, for the span editor's keys and buttons. Offsets are
// UTF-16 (as the DOM and the server count); a word is a run of letters, digits and joiners.

const WORD = /[\p{L}\p{N}\p{M}'’]/u;
const isWord = (body: string, i: number) => i >= 0 && i < body.length && WORD.test(body.charAt(i));

/** The end of the next word after `pos` (or the text's end). */
export function nextWordEnd(body: string, pos: number): number {
  let i = pos;
  while (i < body.length && !isWord(body, i)) i++;
  while (i < body.length && isWord(body, i)) i++;
  return i;
}

/** The start of the word before `pos` (or 0). */
export function previousWordStart(body: string, pos: number): number {
  let i = pos;
  while (i > 0 && !isWord(body, i - 1)) i--;
  while (i > 0 && isWord(body, i - 1)) i--;
  return i;
}

/** The start of the word after the one at `pos` (punctuation before it passed over first). */
export function nextWordStart(body: string, pos: number): number {
  let i = pos;
  while (i < body.length && !isWord(body, i)) i++;
  while (i < body.length && isWord(body, i)) i++;
  while (i < body.length && !isWord(body, i)) i++;
  return i;
}

/** The end of the word before the one ending at `pos` (closing punctuation passed over first). */
export function previousWordEnd(body: string, pos: number): number {
  let i = pos;
  while (i > 0 && !isWord(body, i - 1)) i--;
  while (i > 0 && isWord(body, i - 1)) i--;
  while (i > 0 && !isWord(body, i - 1)) i--;
  return i;
}

export type SpanMove = "extendStart" | "shrinkStart" | "shrinkEnd" | "extendEnd";

/** A span after one move by a word; it never becomes empty (a shrink that would is not taken). */
export function moveSpan(body: string, span: { start: number; end: number }, move: SpanMove): { start: number; end: number } {
  const { start, end } = span;
  const next =
    move === "extendStart" ? { start: previousWordStart(body, start), end }
    : move === "shrinkStart" ? { start: nextWordStart(body, start), end }
    : move === "shrinkEnd" ? { start, end: previousWordEnd(body, end) }
    : { start, end: nextWordEnd(body, end) };
  return next.end > next.start ? next : span;
}

/**
 * A dragged end moved out of the middle of a word: a start to that word's start, an end to its
 * end, so a drag never cuts a word in two (the buttons already move by whole words).
 */
export function snapToWord(body: string, pos: number, side: "start" | "end"): number {
  let i = Math.max(0, Math.min(pos, body.length));
  if (!isWord(body, i - 1) || !isWord(body, i)) return i;
  if (side === "start") while (i > 0 && isWord(body, i - 1)) i--;
  else while (i < body.length && isWord(body, i)) i++;
  return i;
}
