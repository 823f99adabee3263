import { describe, expect, it } from "vitest";
import { chooseSearchPlan, claimantIndexable, FILTER_ROW_COST, lastWordPrefix, MARK_START as S, MARK_STOP as E, PROBE_ROWS, queryWords, resultHref, snippetParts, snippetText, toTsQuery } from "./search";

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

describe("chooseSearchPlan", () => {
  const million = 1_000_000;
  const probe = (wordHits: number, hits = wordHits, prefixHits = 0) => ({ sampled: PROBE_ROWS, wordHits, hits, prefixHits, rows: million });

  it("walks every row again when the probe saw all the kind has (every match ranked)", () => {
    expect(chooseSearchPlan({ sampled: 120, wordHits: 80, hits: 80, prefixHits: 80, rows: million }, 50)).toEqual({ find: "newest", bound: PROBE_ROWS });
    expect(chooseSearchPlan({ sampled: 0, wordHits: 0, hits: 0, prefixHits: 0, rows: 0 }, 50)).toEqual({ find: "newest", bound: PROBE_ROWS });
  });

  it("asks the index when the words are rare (nothing, or little, among the newest rows)", () => {
    expect(chooseSearchPlan(probe(0), 50)).toEqual({ find: "index" });
    // 2 in 1,000: some 39,000 rows to walk, 2,000 matches in the index.
    expect(chooseSearchPlan(probe(2), 50)).toEqual({ find: "index" });
    // A common word with a filter that let one row through: a single hit may be chance, so the
    // walk could read every row ("wages" by one claimant: 83,000 rows); the index reads 100,000.
    expect(chooseSearchPlan(probe(100, 1), 50)).toEqual({ find: "index" });
  });

  it("walks newest first when the words are common", () => {
    // 1 in 50: some 2,800 rows to walk against 20,000 matches.
    const common = chooseSearchPlan(probe(20, 20, 20), 50);
    expect(common).toMatchObject({ find: "newest", bound: 50 });
    expect(common.find === "newest" && common.budget).toBeGreaterThan(7_500);
    // 1 in 100 ("Detroit"): some 6,000 rows to walk, 10,000 matches and their prefix rows.
    expect(chooseSearchPlan(probe(10, 10, 10), 50)).toMatchObject({ find: "newest", bound: 50 });
    // The walk gives up after three times its estimate, never before reading the probe's rows.
    expect(chooseSearchPlan(probe(800), 50)).toEqual({ find: "newest", bound: 50, budget: PROBE_ROWS });
  });

  it("weighs the filters: a common word with a filter that passes few rows", () => {
    // The index would read all 100,000 matches of the word; the walk some 5,000 rows.
    expect(chooseSearchPlan(probe(100, 10), 50)).toMatchObject({ find: "newest", bound: 50 });
    // Nothing passed the filters in the probe: the index reads 10,000 matches, the walk might read all.
    expect(chooseSearchPlan(probe(10, 0), 50)).toEqual({ find: "index" });
  });

  it("counts the rows a prefix expands to: a costly prefix tips the choice to the walk", () => {
    // "gas prices dou": 0.66 % match, but "dou" starts "doubled", in 8 % of the claims.
    expect(chooseSearchPlan(probe(7, 7, 0), 50)).toEqual({ find: "index" });
    expect(chooseSearchPlan(probe(7, 7, 80), 50)).toMatchObject({ find: "newest", bound: 50 });
    expect(lastWordPrefix("gas prices dou")).toBe("'dou':*");
    expect(lastWordPrefix("&&")).toBeNull();
  });

  it("finds a claimant's claims first when they are fewer than the word's matches", () => {
    // "wages" (7 % of the claims) by Ted Cruz (0.7 %): the index reads 70,000 matches (with the
    // claimant's bitmap, the 460 in both, after building both bitmaps); the claimant has 7,000.
    const cruz = { ...probe(70, 0, 0), filterHits: 7, claimRows: million, filterBitmap: true };
    expect(chooseSearchPlan(cruz, 50)).toEqual({ find: "filter" });
    // Sources and comments under the filter: each match of the index is checked against its claim.
    const sources = { ...probe(70, 0, 0), filterHits: 7, claimRows: million };
    expect(chooseSearchPlan(sources, 50, { filterRowCost: FILTER_ROW_COST.other, claimLookupCost: 1 })).toEqual({ find: "filter" });
    // A claimant with many claims (14 %): the walk finds its 50 sooner.
    expect(chooseSearchPlan({ ...probe(150, 20, 0), filterHits: 140, claimRows: million, filterBitmap: true }, 50)).toMatchObject({ find: "newest", bound: 50 });
    // A claimant with 2 %: reading the bitmaps of both costs less than the claimant's claims.
    expect(chooseSearchPlan({ ...probe(70, 1, 0), filterHits: 20, claimRows: million, filterBitmap: true }, 50)).toEqual({ find: "index" });
    // A rare word: the index's few matches cost less than any claimant's claims.
    expect(chooseSearchPlan({ ...probe(1, 0, 0), filterHits: 7, claimRows: million, filterBitmap: true }, 50)).toEqual({ find: "index" });
    // Without a claimant the trigram index can find (none given, or too short) the
    // choice is the one made before.
    expect(chooseSearchPlan({ ...probe(70, 0, 0), filterHits: null }, 50)).toEqual(chooseSearchPlan(probe(70, 0, 0), 50));
    expect(claimantIndexable("Ted Cruz")).toBe(true);
    expect(claimantIndexable("O'Rourke")).toBe(true);
    expect(claimantIndexable("Li")).toBe(false);
    expect(claimantIndexable("a.b.c")).toBe(false);
    expect(claimantIndexable(undefined)).toBe(false);
  });

  it("ranks more candidates when asked (a larger bound makes the walk longer)", () => {
    expect(chooseSearchPlan(probe(10, 10, 10), 1000)).toEqual({ find: "index" });
  });
});
