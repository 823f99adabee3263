import { describe, expect, it } from "vitest";
import { buildSelector, CONTEXT_LENGTH, snapToWords } from "./anchoring";

const body = "The Biden Administration has led the largest expansion of lawful pathways in decades.";

function snapped(text: string, start: number, end: number): string | null {
  const span = snapToWords(text, start, end);
  return span === null ? null : text.slice(span.start, span.end);
}

describe("buildSelector", () => {
  it("quotes the span with 32 characters of context on each side by default", () => {
    expect(CONTEXT_LENGTH).toBe(32);
    const start = body.indexOf("largest");
    const selector = buildSelector(body, start, start + "largest expansion".length);
    expect(selector).toEqual({
      quote: "largest expansion",
      prefix: "e Biden Administration has led the ".slice(-32),
      suffix: " of lawful pathways in decades.",
    });
    expect(selector.prefix).toHaveLength(32);
  });

  it("shortens the context at the edges of the body", () => {
    expect(buildSelector(body, 0, 3)).toEqual({ quote: "The", prefix: "", suffix: body.slice(3, 35) });
    expect(buildSelector(body, body.length - 8, body.length)).toEqual({
      quote: "decades.",
      prefix: body.slice(body.length - 40, body.length - 8),
      suffix: "",
    });
  });

  it("takes a custom context length, including zero", () => {
    expect(buildSelector(body, 4, 9, 4)).toEqual({ quote: "Biden", prefix: "The ", suffix: " Adm" });
    expect(buildSelector(body, 4, 9, 0)).toEqual({ quote: "Biden", prefix: "", suffix: "" });
  });

  it("clamps out-of-range offsets", () => {
    expect(buildSelector("abc", -5, 99)).toEqual({ quote: "abc", prefix: "", suffix: "" });
    expect(buildSelector("", 0, 0)).toEqual({ quote: "", prefix: "", suffix: "" });
  });

  it("does not cut an emoji in half at the context edge", () => {
    const text = "😀abc";
    const selector = buildSelector(text, 2, 5, 1);
    expect(selector.prefix).toBe("");
    const after = buildSelector("abc😀", 0, 3, 1);
    expect(after.suffix).toBe("");
  });
});

describe("snapToWords", () => {
  it("expands a span that starts or ends inside a word", () => {
    const start = body.indexOf("argest");
    expect(snapped(body, start, start + "argest expan".length)).toBe("largest expansion");
  });

  it("keeps words joined by apostrophes and hyphens whole", () => {
    const text = "It’s the US-Mexico border.";
    expect(snapped(text, 3, 5)).toBe("It’s");
    expect(snapped(text, text.indexOf("Mex"), text.indexOf("Mex") + 2)).toBe("US-Mexico");
  });

  it("trims whitespace and stray punctuation", () => {
    const text = "He said, “The deal is done.” Then he left.";
    const start = text.indexOf(", “The");
    expect(snapped(text, start, text.indexOf(" Then") + 1)).toBe("“The deal is done.”");
    expect(snapped(text, 7, 10)).toBeNull();
    expect(snapped("  word,  ", 0, 9)).toBe("word");
    expect(snapped("(see above) and more", 0, 11)).toBe("(see above)");
    expect(snapped("text) more", 0, 5)).toBe("text");
  });

  it("keeps the final period of an acronym", () => {
    const text = "He lives in the U.S. now";
    expect(snapped(text, 12, 20)).toBe("the U.S.");
  });

  it("returns null when only whitespace or punctuation remains", () => {
    expect(snapToWords("a    b", 1, 5)).toBeNull();
    expect(snapToWords("", 0, 0)).toBeNull();
    expect(snapToWords("   ", 0, 3)).toBeNull();
    expect(snapToWords("— , ; —", 0, 7)).toBeNull();
  });

  it("clamps out-of-range offsets and accepts a reversed span", () => {
    expect(snapToWords("hello world", -10, 100)).toEqual({ start: 0, end: 11 });
    expect(snapToWords("hello world", 8, 2)).toEqual({ start: 0, end: 11 });
  });

  it("never leaves a boundary inside a word", () => {
    const text = "Border arrests rose 20 percent in 2022, officials said.";
    for (let s = 0; s < text.length; s += 3) {
      for (let e = s + 1; e <= text.length; e += 5) {
        const span = snapToWords(text, s, e);
        if (span === null) continue;
        expect(/[\p{L}\p{N}]/u.test(text[span.start - 1] ?? "")).toBe(false);
        expect(/[\p{L}\p{N}]/u.test(text[span.end] ?? "")).toBe(false);
        expect(span.start).toBeLessThan(span.end);
      }
    }
  });
});
