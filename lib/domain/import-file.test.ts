import { describe, expect, it } from "vitest";
import { importUploadSchema } from "@/lib/validation/article";
import { plainTextHeadline, withoutRepeatedHeadline } from "./import-file";
import { convertImport } from "./import-formats";

describe("plainTextHeadline", () => {
  it("proposes a short first line that stands alone", () => {
    expect(plainTextHeadline("City council approves budget\n\nThe city spent $4.2 million.")).toBe("City council approves budget");
    expect(plainTextHeadline("\uFEFF\r\n  Schools   report card \r\n\r\nText.")).toBe("Schools report card");
    expect(plainTextHeadline("Only a headline")).toBe("Only a headline");
  });

  it("proposes nothing when the text starts with a sentence or a paragraph", () => {
    expect(plainTextHeadline("The city spent $4.2 million on roads.\n\nMore.")).toBeNull();
    expect(plainTextHeadline("“We treated 12,000 patients,” she said.\n\nMore.")).toBeNull();
    expect(plainTextHeadline("A first line\ncontinued on the next one\n\nMore.")).toBeNull();
    expect(plainTextHeadline(`${"word ".repeat(50)}\n\nMore.`)).toBeNull();
    expect(plainTextHeadline("   \n\n")).toBeNull();
  });
});

/** The article a file becomes through the import form's schema (which drops a repeated headline). */
const imported = (format: "text" | "markdown" | "html", body: string, title = "") => {
  const parsed = importUploadSchema.safeParse({ format, body, title, fileName: `story.${format}` });
  if (!parsed.success) throw new Error(parsed.error.message);
  return { title: parsed.data.title, body: parsed.data.body };
};

describe("a leading heading used as the headline leaves the text", () => {
  const HTML = "<html><head><title>Road repairs cost more</title></head><body><h1>Road repairs  cost more</h1><p>The city spent $4.2 million.</p></body></html>";
  const MARKDOWN = "# Road repairs cost *more*\n\nThe city spent $4.2 million.\n\n## Next year\n\nMore roads.";
  const TEXT = "Road repairs cost more\n\nThe city spent $4.2 million.";

  it("drops an HTML page's first heading when the proposed headline is kept", () => {
    expect(imported("html", HTML)).toEqual({ title: "Road repairs cost more", body: "The city spent $4.2 million." });
    // The <h1> alone (no <title>) proposes the same headline.
    expect(imported("html", "<h1>Road repairs</h1><p>The city spent $4.2 million.</p>")).toEqual({ title: "Road repairs", body: "The city spent $4.2 million." });
  });

  it("drops a Markdown file's first heading, and only that one", () => {
    expect(imported("markdown", MARKDOWN)).toEqual({ title: "Road repairs cost more", body: "The city spent $4.2 million.\n\nNext year\n\nMore roads." });
  });

  it("drops a plain text file's headline line when it is the headline", () => {
    expect(imported("text", TEXT, "Road repairs cost more")).toEqual({ title: "Road repairs cost more", body: "The city spent $4.2 million." });
  });

  it("keeps the heading when the person wrote a different headline", () => {
    expect(imported("html", HTML, "Council overspends").body).toBe("Road repairs cost more\n\nThe city spent $4.2 million.");
    expect(imported("markdown", MARKDOWN, "Council overspends").body.startsWith("Road repairs cost more\n\n")).toBe(true);
    expect(imported("text", TEXT, "Council overspends").body).toBe(TEXT);
  });

  it("keeps a first paragraph that is not a heading, and a file that is only its heading", () => {
    // <title> equal to a first <p>: a paragraph of the story, not its heading.
    expect(imported("html", "<title>The city spent more.</title><p>The city spent more.</p><p>Second.</p>").body).toBe("The city spent more.\n\nSecond.");
    // A heading that comes second is not the headline's repeat.
    expect(imported("markdown", "Intro words.\n\n# Road repairs\n\nMore.").body).toBe("Intro words.\n\nRoad repairs\n\nMore.");
    expect(imported("markdown", "# Only a heading").body).toBe("Only a heading");
    // A first line that reads like a sentence is not a headline line.
    expect(imported("text", "The city spent more.\n\nSecond.", "The city spent more.").body).toBe("The city spent more.\n\nSecond.");
  });

  it("says which paragraph is a leading heading", () => {
    expect(convertImport("html", HTML).heading).toBe("Road repairs cost more");
    expect(convertImport("html", "<p>First.</p><h1>Later</h1>").heading).toBeNull();
    expect(convertImport("markdown", MARKDOWN).heading).toBe("Road repairs cost more");
    expect(convertImport("text", TEXT).heading).toBe("Road repairs cost more");
    expect(withoutRepeatedHeadline("\n\n  Road repairs \n\n\nText.", "Road repairs", "road  repairs")).toBe("Text.");
    expect(withoutRepeatedHeadline("Road repairs\n\nText.", null, "Road repairs")).toBe("Road repairs\n\nText.");
  });
});
