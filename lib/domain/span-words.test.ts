import { describe, expect, it } from "vitest";
import { draftStatus, quotePassage, spanStatus, splitStatus, wordCount } from "./span-words";

const BODY = "Mayor Ana Ruiz said the city spent $4.2 million on road repairs in 2023, double the 2019 figure. Tax revenue rose 12 percent last year.";

describe("span status in words", () => {
  it("quotes a short span whole, with its word count, and never a character offset", () => {
    const end = BODY.indexOf(" Tax");
    expect(spanStatus(BODY, end + 1, BODY.length)).toBe("The claim covers “Tax revenue rose 12 percent last year.” (7 words).");
    expect(wordCount("one")).toBe("1 word");
  });

  it("quotes a long span by its first and last words", () => {
    const end = BODY.indexOf(" Tax");
    const status = spanStatus(BODY, 0, end);
    expect(status).toBe("The claim covers “Mayor Ana Ruiz said …” to “… double the 2019 figure.” (18 words).");
    expect(status).not.toMatch(/\d+–\d+|characters/);
    expect(draftStatus(BODY, 0, BODY.indexOf(" 2019"))).toBe("New words: “Mayor Ana Ruiz said …” to “… in 2023, double the” (16 words). Not saved yet.");
  });

  it("squashes line breaks and runs of spaces", () => {
    expect(quotePassage("  The city\n\nspent  more ")).toBe("“The city spent more”");
  });
});

describe("split status punctuation", () => {
  it("ends with one full stop after a plain quotation", () => {
    expect(splitStatus("Mayor Ana Ruiz said", "the city spent money")).toBe("Split after “Mayor Ana Ruiz said”; the new claim starts “the city spent money”.");
  });

  it("adds no second full stop after a quotation that ends a sentence", () => {
    const message = splitStatus("The report was released", "by the department.");
    expect(message).toBe("Split after “The report was released”; the new claim starts “by the department.”");
    expect(message).not.toContain("”.");
  });

  it("does not put a semicolon after a quotation ending in its own mark", () => {
    const message = splitStatus("Mayor Ana Ruiz said,", "the city spent money on roads?");
    expect(message).toBe("Split after “Mayor Ana Ruiz said,” — the new claim starts “the city spent money on roads?”");
    expect(message).not.toMatch(/[,.;:]”[;.]/);
  });

  it("quotes long parts by the words around the cut", () => {
    expect(splitStatus("Mayor Ana Ruiz said on Monday that the city spent", "$4.2 million on road repairs in 2023, double the 2019 figure.")).toBe(
      "Split after “… on Monday that the city spent”; the new claim starts “$4.2 million on road repairs in …”",
    );
  });
});
