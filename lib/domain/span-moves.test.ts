import { describe, expect, it } from "vitest";
import { moveSpan, snapToWord } from "./span-moves";

const body = "Crossings fell 50 percent in December, officials said.";
const span = (words: string) => ({ start: body.indexOf(words), end: body.indexOf(words) + words.length });
const text = (s: { start: number; end: number }) => body.slice(s.start, s.end);

describe("moveSpan", () => {
  it("extends and shrinks each end by a word", () => {
    const s = span("50 percent in");
    expect(text(moveSpan(body, s, "extendStart"))).toBe("fell 50 percent in");
    expect(text(moveSpan(body, s, "shrinkStart"))).toBe("percent in");
    expect(text(moveSpan(body, s, "shrinkEnd"))).toBe("50 percent");
    expect(text(moveSpan(body, s, "extendEnd"))).toBe("50 percent in December");
  });

  it("takes a whole word with its punctuation", () => {
    expect(text(moveSpan(body, span("officials said."), "shrinkEnd"))).toBe("officials");
    expect(text(moveSpan(body, span(", officials said"), "shrinkStart"))).toBe("said");
  });

  it("stops at the text's ends and never empties the span", () => {
    expect(moveSpan(body, span("Crossings"), "extendStart")).toEqual(span("Crossings"));
    expect(moveSpan(body, span("said."), "extendEnd")).toEqual(span("said."));
    expect(moveSpan(body, span("fell"), "shrinkEnd")).toEqual(span("fell"));
    expect(moveSpan(body, span("fell"), "shrinkStart")).toEqual(span("fell"));
  });
});

describe("snapToWord", () => {
  const inside = body.indexOf("percent") + 3;
  it("moves a dragged start back to the start of the word it lands in", () => {
    expect(snapToWord(body, inside, "start")).toBe(body.indexOf("percent"));
  });
  it("moves a dragged end on to the end of the word it lands in", () => {
    expect(snapToWord(body, inside, "end")).toBe(body.indexOf("percent") + "percent".length);
  });
  it("leaves a position between words, and the text's ends, where they are", () => {
    const gap = body.indexOf(" percent");
    expect(snapToWord(body, gap, "start")).toBe(gap);
    expect(snapToWord(body, gap, "end")).toBe(gap);
    expect(snapToWord(body, 0, "end")).toBe(0);
    expect(snapToWord(body, body.length, "start")).toBe(body.length);
    expect(snapToWord(body, body.length + 5, "start")).toBe(body.length);
  });
});
