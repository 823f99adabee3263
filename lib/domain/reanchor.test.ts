import { describe, expect, it } from "vitest";
import { buildSelector } from "./anchoring";
import { ORPHAN_THRESHOLD, OffsetMap, reanchor, reanchorAll, similarity, type Anchor } from "./reanchor";

const ARTICLE = [
  "Border crossings fell sharply in the spring, officials said on Tuesday.",
  "Unemployment fell to 3.5 percent in March, the lowest rate in fifty years.",
  "The governor said the state had built 400 miles of new roads since 2019.",
  "Critics called the plan reckless and said it would never pass the legislature.",
].join("\n\n");

/** An anchor for the `nth` occurrence of `quote` in `text`, as the app stores it. */
function anchorOf(text: string, quote: string, nth = 0): Anchor {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
  if (start === -1) throw new Error(`"${quote}" not in text`);
  return { start, end: start + quote.length, ...buildSelector(text, start, start + quote.length) };
}

function placed(newText: string, result: ReturnType<typeof reanchor>): string | null {
  return result.status === "anchored" ? newText.slice(result.start, result.end) : null;
}

describe("reanchor", () => {
  const claim = "Unemployment fell to 3.5 percent in March";

  it("keeps an untouched claim in place with full confidence", () => {
    const result = reanchor(ARTICLE, ARTICLE, anchorOf(ARTICLE, claim));
    expect(result).toMatchObject({ status: "anchored", method: "position", confidence: 1, start: ARTICLE.indexOf(claim) });
  });

  it("follows its words when text is inserted before it", () => {
    const inserted = "Editor's note: this story was updated with new figures.\n\n";
    const edited = inserted + ARTICLE;
    const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, claim));
    expect(result).toMatchObject({ status: "anchored", method: "position", confidence: 1 });
    expect(result.status === "anchored" && result.start).toBe(ARTICLE.indexOf(claim) + inserted.length);
    expect(placed(edited, result)).toBe(claim);
  });

  it("does not absorb words inserted right before or after it", () => {
    const edited = ARTICLE.replace(claim, `Officially, ${claim} and April`);
    const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, claim));
    expect(placed(edited, result)).toBe(claim);
  });

  it("stays on its words when a word inside it changes, with lower confidence", () => {
    const edited = ARTICLE.replace("3.5 percent", "3.7 percent");
    const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, claim));
    expect(result.status).toBe("anchored");
    expect(placed(edited, result)).toBe("Unemployment fell to 3.7 percent in March");
    expect(result.status === "anchored" && result.method).not.toBe("position");
    expect(result.confidence).toBeLessThan(1);
    expect(result.confidence).toBeGreaterThanOrEqual(ORPHAN_THRESHOLD);
  });

  it("refreshes the quote and context it returns to the new words", () => {
    const edited = ARTICLE.replace("3.5 percent", "3.7 percent");
    const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, claim));
    expect(result).toMatchObject({ quote: "Unemployment fell to 3.7 percent in March", suffix: ", the lowest rate in fifty years" });
  });

  it("is orphaned when its sentence is deleted", () => {
    const sentence = "Unemployment fell to 3.5 percent in March, the lowest rate in fifty years.\n\n";
    const edited = ARTICLE.replace(sentence, "");
    const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, claim));
    expect(result.status).toBe("orphaned");
    expect(result.confidence).toBeLessThan(ORPHAN_THRESHOLD);
  });

  it("is orphaned when its sentence is rewritten into a different statement", () => {
    const edited = ARTICLE.replace(
      "Unemployment fell to 3.5 percent in March, the lowest rate in fifty years.",
      "Hiring slowed in the spring as interest rates stayed high.",
    );
    expect(reanchor(ARTICLE, edited, anchorOf(ARTICLE, claim)).status).toBe("orphaned");
  });

  it("chooses the right one of two occurrences of its quote", () => {
    const text = "In Texas, the rate doubled last year. Officials disputed that. In Ohio, the rate doubled last year. Nobody disputed that.";
    // The claim is the Ohio one; an edit adds a sentence between the two, so its position moves.
    const anchor = anchorOf(text, "the rate doubled last year", 1);
    const edited = text.replace("Officials disputed that.", "Officials disputed that, and asked for an audit of the figures.");
    const result = reanchor(text, edited, anchor);
    expect(result.status).toBe("anchored");
    expect(result.status === "anchored" && result.start).toBe(edited.lastIndexOf("the rate doubled last year"));
    // And the Texas one stays on Texas.
    const first = reanchor(text, edited, anchorOf(text, "the rate doubled last year", 0));
    expect(first.status === "anchored" && first.start).toBe(edited.indexOf("the rate doubled last year"));
  });

  it("chooses the occurrence whose context matches when paragraphs with the same quote are reordered", () => {
    const a = "In Texas, officials said the rate doubled last year, citing state data.";
    const b = "In Ohio, a spokesman said the rate doubled last year, citing county data.";
    const text = `${a}\n\n${b}`;
    const edited = `${b}\n\n${a}`;
    const result = reanchor(text, edited, anchorOf(text, "the rate doubled last year", 1));
    expect(result.status).toBe("anchored");
    expect(result.status === "anchored" && result.start).toBe(edited.indexOf("the rate doubled last year"));
    expect(result.status === "anchored" && result.prefix).toContain("Ohio, a spokesman said");
  });

  it("keeps a repeated short quote on its own copy when text is inserted before both", () => {
    const text = "The rate doubled. The rate doubled.";
    const edited = "Note. The rate doubled. The rate doubled.";
    const anchor = anchorOf(text, "The rate doubled", 1);
    const moved = reanchor(text, edited, anchor);
    expect(moved.status === "anchored" && moved.start).toBe(edited.lastIndexOf("The rate doubled"));
  });

  it("follows a paragraph moved to another place", () => {
    const paragraphs = ARTICLE.split("\n\n");
    const edited = [paragraphs[3], paragraphs[0], paragraphs[2], paragraphs[1]].join("\n\n");
    const claims = ["Border crossings fell sharply", claim, "400 miles of new roads", "never pass the legislature"];
    for (const quote of claims) {
      const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, quote));
      expect(result.status, quote).toBe("anchored");
      expect(placed(edited, result), quote).toBe(quote);
    }
  });

  it("survives whitespace and punctuation edits inside and around it", () => {
    const edited = ARTICLE.replace("fell to 3.5 percent in March,", "fell  to 3.5 percent in March;").replace(
      "Border crossings fell sharply in the spring,",
      "Border crossings fell sharply in the spring —",
    );
    const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, claim));
    expect(result.status).toBe("anchored");
    expect(placed(edited, result)).toBe("Unemployment fell  to 3.5 percent in March");

    const quoted = "400 miles of new roads since 2019";
    const curly = ARTICLE.replace("since 2019.", "since 2019 .").replace("400 miles", "400  miles");
    const roads = reanchor(ARTICLE, curly, anchorOf(ARTICLE, quoted));
    expect(placed(curly, roads)).toBe("400  miles of new roads since 2019");
  });

  it("finds a claim by its context when the words between changed a little", () => {
    const edited = ARTICLE.replace("built 400 miles of new roads", "built 450 miles of new roads");
    const result = reanchor(ARTICLE, edited, anchorOf(ARTICLE, "built 400 miles of new roads"));
    expect(placed(edited, result)).toBe("built 450 miles of new roads");
  });

  it("works without a diff, from the quote alone", () => {
    // A complete rewrite around an unchanged sentence: the exact quote still finds it.
    const old = `${"Lorem ipsum dolor sit amet. ".repeat(20)}The deficit reached $1.7 trillion in 2023.`;
    const edited = `The deficit reached $1.7 trillion in 2023. ${"Sed ut perspiciatis unde omnis. ".repeat(20)}`;
    const result = reanchor(old, edited, anchorOf(old, "The deficit reached $1.7 trillion in 2023"));
    expect(result).toMatchObject({ status: "anchored", start: 0 });
  });

  it("never splits an emoji or other astral character", () => {
    const old = "Fans 😀 said the 𝐁 team won 3 titles.";
    const edited = "Many fans 😀 said the 𝐁 team won 4 titles.";
    const result = reanchor(old, edited, anchorOf(old, "the 𝐁 team won 3 titles"));
    expect(placed(edited, result)).toBe("the 𝐁 team won 4 titles");
  });

  it("re-anchors many claims against one diff", () => {
    const edited = "Update: figures revised.\n\n" + ARTICLE.replace("3.5 percent", "3.6 percent").replace(/Critics called[^]*$/, "");
    const results = reanchorAll(ARTICLE, edited, [anchorOf(ARTICLE, "400 miles of new roads"), anchorOf(ARTICLE, claim), anchorOf(ARTICLE, "the plan reckless")]);
    expect(results.map((r) => r.result.status)).toEqual(["anchored", "anchored", "orphaned"]);
  });
});

describe("OffsetMap", () => {
  it("moves offsets after an insertion and keeps those before it", () => {
    const map = OffsetMap.build("abc def", "abc XX def");
    expect(map.map(2, "after")).toBe(2);
    expect(map.map(4, "after")).toBe(7);
    expect(map.map(4, "before")).toBe(4);
  });
});

describe("similarity", () => {
  it("is 1 for equal strings, 0 for disjoint ones and in between otherwise", () => {
    expect(similarity("abc", "abc")).toBe(1);
    expect(similarity("abc", "xyz")).toBe(0);
    expect(similarity("3.5 percent", "3.7 percent")).toBeCloseTo(10 / 11, 3);
  });
});
