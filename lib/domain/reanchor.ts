import { diffChars, diffWordsWithSpace, type ChangeObject } from "diff";
import { alignToCharacters, buildSelector, snapToWords } from "./anchoring";

// Re-anchoring: when an article's text is replaced, every claim must find its own words in the
// new text, or say that it cannot. The strategies run from the most to the least certain:
//   1. position  the old span, carried through a diff of old and new text, still holds the quote;
//   2. exact     the quote occurs in the new text (once, or the occurrence whose context and
//                position fit best);
//   3. context   the old prefix and suffix still surround some words that resemble the quote;
//   4. fuzzy     the span the diff maps the old one to resembles the quote.
// Each result has a confidence in [0, 1]; below ORPHAN_THRESHOLD the claim is orphaned and keeps
// no guessed position: it is never moved silently. Offsets are UTF-16 code units aligned to
// whole characters, like everywhere else (see anchoring.ts).

export const ORPHAN_THRESHOLD = 0.75;

export type Anchor = { start: number; end: number; quote: string; prefix: string; suffix: string };

export type ReanchorMethod = "position" | "exact" | "context" | "fuzzy";

export type ReanchorResult =
  | { status: "anchored"; method: ReanchorMethod; start: number; end: number; quote: string; prefix: string; suffix: string; confidence: number }
  | { status: "orphaned"; confidence: number; best: { start: number; end: number; method: ReanchorMethod } | null };

type Hunk = { oldStart: number; oldEnd: number; newStart: number; newEnd: number; equal: boolean };

/** A map from offsets in the old text to offsets in the new one, built from one diff. */
export class OffsetMap {
  private constructor(private readonly hunks: Hunk[] | null) {}

  static build(oldText: string, newText: string): OffsetMap {
    if (oldText === newText) return new OffsetMap([{ oldStart: 0, oldEnd: oldText.length, newStart: 0, newEnd: newText.length, equal: true }]);
    // Character diff when the edit is small enough; a word diff for large rewrites; no map at all
    // when even that would take too long (exact and context matching still work without it).
    const changes =
      diffChars(oldText, newText, { maxEditLength: 4000, timeout: 400 }) ??
      diffWordsWithSpace(oldText, newText, { maxEditLength: 4000, timeout: 800 });
    return new OffsetMap(changes ? toHunks(changes) : null);
  }

  get available(): boolean {
    return this.hunks !== null;
  }

  /**
   * Where old offset `x` lands. `bias` decides the side at an insertion point: a claim's start
   * moves past text inserted right before it ("after"), its end stays before text inserted right
   * after it ("before"). Inside a replaced stretch the offset is placed proportionally.
   */
  map(x: number, bias: "before" | "after"): number | null {
    if (!this.hunks) return null;
    let candidate: number | null = null;
    for (const h of this.hunks) {
      if (x < h.oldStart) break;
      if (x > h.oldEnd) continue;
      let mapped: number;
      if (h.equal) mapped = h.newStart + (x - h.oldStart);
      else if (h.oldEnd === h.oldStart) mapped = bias === "after" ? h.newEnd : h.newStart;
      else if (x === h.oldStart) mapped = h.newStart;
      else if (x === h.oldEnd) mapped = h.newEnd;
      else mapped = h.newStart + Math.round(((x - h.oldStart) / (h.oldEnd - h.oldStart)) * (h.newEnd - h.newStart));
      // At a boundary between two hunks both contain x: "before" keeps the first, "after" the last.
      if (bias === "before") return mapped;
      candidate = mapped;
    }
    return candidate;
  }
}

function toHunks(changes: ChangeObject<string>[]): Hunk[] {
  const hunks: Hunk[] = [];
  let oldPos = 0;
  let newPos = 0;
  for (const change of changes) {
    const len = change.value.length;
    const oldLen = change.added ? 0 : len;
    const newLen = change.removed ? 0 : len;
    const equal = !change.added && !change.removed;
    const last = hunks[hunks.length - 1];
    if (!equal && last && !last.equal) {
      // Merge a deletion and an insertion next to each other into one replaced stretch.
      last.oldEnd += oldLen;
      last.newEnd += newLen;
    } else {
      hunks.push({ oldStart: oldPos, oldEnd: oldPos + oldLen, newStart: newPos, newEnd: newPos + newLen, equal });
    }
    oldPos += oldLen;
    newPos += newLen;
  }
  return hunks;
}

/** Dice similarity of two strings over the characters a diff keeps in common: 1 identical, 0 disjoint. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const changes = diffChars(a, b, { maxEditLength: Math.max(a.length, b.length) * 2, timeout: 100 });
  if (!changes) return 0;
  let common = 0;
  for (const change of changes) if (!change.added && !change.removed) common += change.value.length;
  return (2 * common) / (a.length + b.length);
}

/** How well the words around [start, end) in `text` match an anchor's old prefix and suffix. */
function contextScore(text: string, start: number, end: number, anchor: Anchor): number {
  const before = text.slice(Math.max(0, start - anchor.prefix.length), start);
  const after = text.slice(end, end + anchor.suffix.length);
  const p = anchor.prefix.length === 0 ? (before.length === 0 ? 1 : 0.5) : similarity(anchor.prefix, before);
  const s = anchor.suffix.length === 0 ? (after.length === 0 ? 1 : 0.5) : similarity(anchor.suffix, after);
  return (p + s) / 2;
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

type Candidate = { start: number; end: number; method: ReanchorMethod; confidence: number };

/** Finds `anchor` (a claim's span in `oldText`) in `newText`. Pass `map` to reuse one diff for many claims. */
export function reanchor(oldText: string, newText: string, anchor: Anchor, map: OffsetMap = OffsetMap.build(oldText, newText)): ReanchorResult {
  const candidates: Candidate[] = [];
  const mappedStart = map.map(anchor.start, "after");
  const mappedEnd = map.map(anchor.end, "before");

  // 1. Position: the diff carries the span to words that are still exactly the quote, and their
  // surroundings still fit (a diff can align a moved paragraph's quote with its twin elsewhere).
  const exact = occurrences(newText, anchor.quote);
  if (mappedStart !== null && mappedEnd !== null && newText.slice(mappedStart, mappedEnd) === anchor.quote && anchor.quote.length > 0) {
    if (exact.length === 1 || contextScore(newText, mappedStart, mappedEnd, anchor) >= 0.8) {
      return anchored(newText, { start: mappedStart, end: mappedEnd, method: "position", confidence: 1 });
    }
  }

  // 2. Exact quote. One occurrence is strong evidence; among several, context and nearness to
  // where the diff says the claim went decide, and a near tie is not good enough.
  if (exact.length > 0) {
    const scored = exact
      .map((start) => {
        const end = start + anchor.quote.length;
        const ctx = contextScore(newText, start, end, anchor);
        const near = mappedStart === null ? 0.5 : 1 - Math.min(1, Math.abs(start - mappedStart) / Math.max(200, anchor.quote.length * 4));
        return { start, end, ctx, score: 0.8 * ctx + 0.2 * near };
      })
      .sort((a, b) => b.score - a.score);
    const best = scored[0]!;
    if (scored.length === 1) {
      candidates.push({ start: best.start, end: best.end, method: "exact", confidence: 0.9 + 0.1 * best.ctx });
    } else {
      const margin = best.score - scored[1]!.score;
      candidates.push({ start: best.start, end: best.end, method: "exact", confidence: 0.7 + 0.25 * Math.min(1, margin * 5) });
    }
  }

  // 3. Context: the old prefix and suffix still stand, close together, around changed words.
  const prefixKey = anchor.prefix.slice(-16);
  const suffixKey = anchor.suffix.slice(0, 16);
  if (prefixKey.trim().length >= 4 && suffixKey.trim().length >= 4) {
    for (const p of occurrences(newText, prefixKey).slice(0, 50)) {
      const from = p + prefixKey.length;
      const s = newText.indexOf(suffixKey, from);
      if (s === -1 || s - from > anchor.quote.length * 2 + 16) continue;
      const span = trimmed(newText, from, s);
      if (!span) continue;
      const sim = similarity(anchor.quote, newText.slice(span.start, span.end));
      candidates.push({ ...span, method: "context", confidence: 0.3 * contextScore(newText, span.start, span.end, anchor) + 0.7 * sim });
    }
  }

  // 4. Fuzzy: whatever the diff maps the old span to, widened to whole words, judged by how much
  // it still resembles the quote and how well its surroundings match.
  if (mappedStart !== null && mappedEnd !== null && mappedEnd > mappedStart) {
    const spans = [trimmed(newText, mappedStart, mappedEnd), snapToWords(newText, mappedStart, mappedEnd)];
    for (const span of spans) {
      if (!span) continue;
      const sim = similarity(anchor.quote, newText.slice(span.start, span.end));
      candidates.push({ ...span, method: "fuzzy", confidence: 0.3 * contextScore(newText, span.start, span.end, anchor) + 0.7 * sim });
    }
  }

  candidates.sort((a, b) => b.confidence - a.confidence);
  const best = candidates[0];
  if (best && best.confidence >= ORPHAN_THRESHOLD) return anchored(newText, best);
  return {
    status: "orphaned",
    confidence: round(best?.confidence ?? 0),
    best: best ? { start: best.start, end: best.end, method: best.method } : null,
  };
}

/** Re-anchors many claims against one diff. */
export function reanchorAll<T extends Anchor>(oldText: string, newText: string, anchors: T[]): { anchor: T; result: ReanchorResult }[] {
  const map = OffsetMap.build(oldText, newText);
  return anchors.map((anchor) => ({ anchor, result: reanchor(oldText, newText, anchor, map) }));
}

function trimmed(text: string, start: number, end: number): { start: number; end: number } | null {
  let { start: s, end: e } = alignToCharacters(text, start, end);
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return s < e ? { start: s, end: e } : null;
}

function anchored(text: string, c: Candidate): ReanchorResult {
  const { start, end } = alignToCharacters(text, c.start, c.end);
  const selector = buildSelector(text, start, end);
  return { status: "anchored", method: c.method, start, end, ...selector, confidence: round(c.confidence) };
}
