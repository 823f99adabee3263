// PURE: a word diff made readable. A word-by-word diff of a rewritten phrase alternates deleted
// and inserted words ("~~Unemployment~~Jobs ~~in~~data"); a reader wants the old phrase, then
// the new one. Changes separated only by white space, punctuation or a few short common words
// are grouped into one deleted run followed by one inserted run.

import { diffWordsWithSpace } from "diff";

export type DiffPart = { value: string; added?: boolean; removed?: boolean };
export type DiffGroup = { kind: "same" | "removed" | "added"; value: string };

/** Short words that carry no meaning of their own between two changes. */
const COMMON = new Set([
  "a", "an", "the", "of", "in", "on", "at", "to", "by", "for", "from", "with", "as", "and", "or", "but", "nor",
  "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "than", "then", "so", "not", "no",
]);
/** At most this many common words may sit between two changes that are grouped. */
export const MAX_BRIDGE_WORDS = 2;

/** Unchanged text short and empty enough to be read as part of the changed phrase around it. */
export function isBridge(value: string): boolean {
  const tokens = value.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return true;
  let words = 0;
  for (const token of tokens) {
    if (/^\p{P}+$/u.test(token)) continue;
    const word = token.replace(/^\p{P}+|\p{P}+$/gu, "").toLowerCase();
    if (!COMMON.has(word)) return false;
    words++;
  }
  return words <= MAX_BRIDGE_WORDS;
}

const kindOf = (part: DiffPart): DiffGroup["kind"] => (part.added ? "added" : part.removed ? "removed" : "same");

/**
 * The diff's parts, with each stretch of changes (and the bridges between them) turned into the
 * old words as one deleted run and the new words as one inserted run. The two runs together read
 * the same as the parts did: the deleted run is the stretch as it was, the inserted one as it is.
 * A stretch of one kind only (words only deleted, or only inserted) keeps its parts as they were,
 * merged where they touch.
 */
export function groupChanges(input: DiffPart[]): DiffGroup[] {
  const parts = input.map((p) => ({ ...p }));
  const out: DiffGroup[] = [];
  const push = (kind: DiffGroup["kind"], value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.value += value;
    else out.push({ kind, value });
  };
  let i = 0;
  while (i < parts.length) {
    const part = parts[i]!;
    if (kindOf(part) === "same") {
      push("same", part.value);
      i++;
      continue;
    }
    // A stretch: changes, and bridges that have a change after them.
    let end = i;
    let j = i;
    while (j < parts.length) {
      const kind = kindOf(parts[j]!);
      if (kind !== "same") end = j;
      else if (!isBridge(parts[j]!.value)) break;
      j++;
    }
    const stretch = parts.slice(i, end + 1);
    const hasRemoved = stretch.some((p) => p.removed);
    const hasAdded = stretch.some((p) => p.added);
    if (hasRemoved && hasAdded) {
      let removed = stretch.filter((p) => !p.added).map((p) => p.value).join("");
      let added = stretch.filter((p) => !p.removed).map((p) => p.value).join("");
      // A change inside a word ("3.9" to "3.8" differs in one digit) shows the whole word, old
      // then new, rather than a lone digit struck through.
      const last = out[out.length - 1];
      const before = last?.kind === "same" && /^\S/.test(removed) && /^\S/.test(added) ? (last.value.match(/\S+$/)?.[0] ?? "") : "";
      if (before && last) {
        last.value = last.value.slice(0, -before.length);
        if (!last.value) out.pop();
        removed = before + removed;
        added = before + added;
      }
      const following = parts[end + 1];
      const after = following && kindOf(following) === "same" && /\S$/.test(removed) && /\S$/.test(added) ? (following.value.match(/^\S+/)?.[0] ?? "") : "";
      if (after && following) {
        following.value = following.value.slice(after.length);
        removed += after;
        added += after;
      }
      // White space both runs begin or end with is unchanged text, shown outside the marks.
      let lead = "";
      while (removed && added && removed[0] === added[0] && /\s/.test(removed[0]!)) {
        lead += removed[0];
        removed = removed.slice(1);
        added = added.slice(1);
      }
      let tail = "";
      while (removed && added && removed.at(-1) === added.at(-1) && /\s/.test(removed.at(-1)!)) {
        tail = removed.at(-1)! + tail;
        removed = removed.slice(0, -1);
        added = added.slice(0, -1);
      }
      push("same", lead);
      push("removed", removed);
      push("added", added);
      push("same", tail);
    } else {
      for (const p of stretch) push(kindOf(p), p.value);
    }
    i = end + 1;
  }
  return out;
}

/**
 * The word differences from `before` to `after`, grouped for reading (groupChanges); null when
 * the texts differ too much to compare within `timeout` milliseconds.
 */
export function wordChanges(before: string, after: string, timeout = 2000): DiffGroup[] | null {
  const parts = diffWordsWithSpace(before, after, { timeout });
  return parts ? groupChanges(parts) : null;
}

/**
 * How a claim's words in the text now (`quote`) differ from its statement, white space aside:
 * the statement's own words "removed", the text's "added". Null when they differ too much.
 */
export function statementChanges(statement: string, quote: string): DiffGroup[] | null {
  const tidy = (text: string) => text.replace(/\s+/g, " ").trim();
  return wordChanges(tidy(statement), tidy(quote), 500);
}
