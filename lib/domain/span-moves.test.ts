import { describe, expect, it } from "vitest";
import { moveSpan } from "./span-moves";

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
