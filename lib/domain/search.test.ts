import { describe, expect, it } from "vitest";
import { MARK_START as S, MARK_STOP as E, queryWords, resultHref, snippetParts, snippetText, toTsQuery } from "./search";

describe("toTsQuery", () => {
  it("quotes words, joins them with AND and makes the last a prefix", () => {
    expect(toTsQuery("Unemployment  Ohio")).toBe("'unemployment' & 'ohio':*");
    expect(toTsQuery("one", { prefixLast: false })).toBe("'one'");
    expect(toTsQuery("a b", { prefixLast: false, join: "|" })).toBe("'a' | 'b'");
  });

  it("turns tsquery syntax, quotes, backslashes and NUL into separators", () => {
    expect(toTsQuery("a & | ! : * ( ) ' \\ b\u0000c")).toBe("'a' & 'b' & 'c':*");
    expect(toTsQuery("'); DROP TABLE x; --")).toBe("'drop' & 'table' & 'x':*");
    for (const q of ["", "   ", "&|!", "\u0000", "()':*\\"]) expect(toTsQuery(q)).toBeNull();
  });

  it("keeps letters and digits of every script, and bounds the size", () => {
    expect(queryWords("Ünemployment «Ohio» 3.9% 🙂")).toEqual(["ünemployment", "ohio", "3", "9"]);
    expect(queryWords("w ".repeat(100))).toHaveLength(12);
    expect(queryWords("x".repeat(10_000))[0]).toHaveLength(60);
  });
});

describe("snippets", () => {
  it("splits at the markers into text and marked parts", () => {
    expect(snippetParts(`Rates ${S}fell${E} in ${S}Ohio${E}.`)).toEqual([
      { text: "Rates ", marked: false },
      { text: "fell", marked: true },
      { text: " in ", marked: false },
      { text: "Ohio", marked: true },
      { text: ".", marked: false },
    ]);
    expect(snippetText(`a ${S}b${E}`)).toBe("a b");
  });

  it("shows markup as text and unbalanced markers as nothing", () => {
    expect(snippetParts(`<script>x</script> ${S}y`)).toEqual([{ text: "<script>x</script> y", marked: false }]);
    expect(snippetParts(`${E}a${S}${E}`)).toEqual([{ text: "a", marked: false }]);
  });
});

it("links a result into the article at its claim", () => {
  expect(resultHref("demo", { articleId: "a1", claimId: "c1" })).toBe("/w/demo/articles/a1?claim=c1#claim-panel");
  expect(resultHref("demo", { articleId: "a1", claimId: null })).toBe("/w/demo/articles/a1");
});
