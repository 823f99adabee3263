import { describe, expect, it } from "vitest";
import { alignToCharacters, buildSelector, snapToWords } from "./anchoring";

// Letters outside the Basic Multilingual Plane take two UTF-16 code units. Offsets stay UTF-16
// (as the DOM and JS strings count), and snapping moves by whole characters.

function snapped(text: string, start: number, end: number): string | null {
  const span = snapToWords(text, start, end);
  return span === null ? null : text.slice(span.start, span.end);
}

const at = (text: string, word: string) => {
  const start = text.indexOf(word);
  if (start < 0) throw new Error(`${word} not in ${text}`);
  return [start, start + word.length] as const;
};

describe("words in astral-plane letters", () => {
  const cases: Array<[string, string, string]> = [
    ["math bold letters", "The ad said 𝐁𝐨𝐥𝐝 savings for all.", "𝐁𝐨𝐥𝐝"],
    ["CJK Extension B", "The sign read 𠀀𠀁 in large type.", "𠀀𠀁"],
    ["mixed with plain letters", "A 𝐁old claim here.", "𝐁old"],
    ["an emoji", "Fans said 😀 after the match.", "😀"],
    ["an emoji with a skin tone", "The mayor 👍🏽 the plan.", "👍🏽"],
    ["an emoji sequence joined by ZWJ", "A family 👨‍👩‍👧 moved in.", "👨‍👩‍👧"],
    ["a flag", "The 🇺🇸 team won.", "🇺🇸"],
    ["Gothic letters", "Old 𐌰𐌱𐌲 script.", "𐌰𐌱𐌲"],
  ];

  it.each(cases)("%s: selecting exactly the word keeps it", (_name, text, word) => {
    const [start, end] = at(text, word);
    expect(snapped(text, start, end)).toBe(word);
  });

  it.each(cases)("%s: selecting part of the word (a whole character) widens to the word", (_name, text, word) => {
    const [start] = at(text, word);
    const first = String.fromCodePoint(word.codePointAt(0)!);
    expect(snapped(text, start, start + first.length)).toBe(word);
  });

  it.each(cases)("%s: selecting with the spaces around trims them", (_name, text, word) => {
    const [start, end] = at(text, word);
    expect(snapped(text, start - 1, end + 1)).toBe(word);
  });

  it("an offset between the two halves of a character is widened to the whole character", () => {
    const text = "The ad said 𝐁𝐨𝐥𝐝 savings.";
    const [start, end] = at(text, "𝐁𝐨𝐥𝐝");
    expect(snapped(text, start + 1, end - 1)).toBe("𝐁𝐨𝐥𝐝");
    expect(alignToCharacters(text, start + 1, start + 3)).toEqual({ start, end: start + 4 });
    expect(alignToCharacters(text, start + 3, start + 1)).toEqual({ start, end: start + 4 });
    // Already on character boundaries: unchanged; out of range: clamped.
    expect(alignToCharacters(text, start, end)).toEqual({ start, end });
    expect(alignToCharacters(text, -5, 10_000)).toEqual({ start: 0, end: text.length });
  });

  it("a phrase across astral and plain words, with closing punctuation", () => {
    const text = "He wrote “𝐁𝐨𝐥𝐝 𠀀 claims” yesterday.";
    const [start, end] = at(text, "“𝐁𝐨𝐥𝐝 𠀀 claims”");
    expect(snapped(text, start, end)).toBe("“𝐁𝐨𝐥𝐝 𠀀 claims”");
    expect(snapped(text, start + 2, end - 3)).toBe("𝐁𝐨𝐥𝐝 𠀀 claims");
  });

  it("a joiner between astral letters keeps the word whole", () => {
    const text = "The 𝐔𝐒-𝐌𝐞𝐱 border.";
    const [start] = at(text, "𝐔𝐒");
    expect(snapped(text, start, start + 2)).toBe("𝐔𝐒-𝐌𝐞𝐱");
  });

  it("only symbols that are not words stay unselectable", () => {
    expect(snapped("a ★★ b", 2, 4)).toBeNull();
    expect(snapped("a 𝄞𝄞 b", 2, 6)).toBeNull(); // musical symbols are not letters
  });

  it("the quote selector never cuts a character in half", () => {
    const text = `${"𝐁".repeat(40)} word ${"𠀀".repeat(40)}`;
    const [start, end] = at(text, "word");
    const selector = buildSelector(text, start, end, 5);
    expect(selector.quote).toBe("word");
    // No lone surrogate at either edge.
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(selector.prefix).not.toMatch(lone);
    expect(selector.suffix).not.toMatch(lone);
    expect(selector.prefix.length).toBeGreaterThan(0);
  });
});
