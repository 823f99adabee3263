import { describe, expect, it } from "vitest";
import { importArticleSchema, MAX_ARTICLE_BYTES } from "./article";
import { fieldErrorsOf } from "./fields";

const valid = { title: "Jobs report", body: "Unemployment fell to 3.9 percent." };

/** The messages a form would show beside each field, or null when the input is accepted. */
function errorsFor(input: Record<string, unknown>): Record<string, string[]> | null {
  const result = importArticleSchema.safeParse(input);
  return result.success ? null : fieldErrorsOf(result.error);
}

describe("importArticleSchema body", () => {
  it("accepts a body of exactly 1 MB", () => {
    expect(errorsFor({ ...valid, body: "a".repeat(MAX_ARTICLE_BYTES) })).toBeNull();
  });

  it("rejects a body over 1 MB with a message saying what to do", () => {
    expect(errorsFor({ ...valid, body: "a".repeat(MAX_ARTICLE_BYTES + 1) })).toEqual({
      body: ["The article text is over 1 MB. Split it into parts and import each one."],
    });
  });

  it("counts bytes, not characters, so accented text cannot slip past the limit", () => {
    const body = "é".repeat(MAX_ARTICLE_BYTES / 2 + 1); // 500,001 characters, 1,000,002 bytes
    expect(errorsFor({ ...valid, body })?.body).toEqual([expect.stringContaining("over 1 MB")]);
  });

  it("rejects an empty or whitespace-only body", () => {
    expect(errorsFor({ ...valid, body: "" })).toEqual({ body: ["Paste the article's text."] });
    expect(errorsFor({ ...valid, body: " \r\n\t " })).toEqual({ body: ["Paste the article's text."] });
    expect(errorsFor({ title: "No body" })).toEqual({ body: ["Paste the article's text."] });
  });

  it("normalises Windows and old Mac line endings to LF and trims the ends", () => {
    const parsed = importArticleSchema.parse({ ...valid, body: "\r\n  First line.\r\nSecond line.\rThird line.\r\n\r\n" });
    expect(parsed.body).toBe("First line.\nSecond line.\nThird line.");
    expect(parsed.body).not.toContain("\r");
  });

  it("keeps markup in the body as plain text", () => {
    const body = "<script>alert(1)</script> The city spent $4 million.";
    expect(importArticleSchema.parse({ ...valid, body }).body).toBe(body);
  });
});

describe("importArticleSchema fields", () => {
  it("accepts a title of 300 characters and rejects 301", () => {
    expect(errorsFor({ ...valid, title: "t".repeat(300) })).toBeNull();
    expect(errorsFor({ ...valid, title: "t".repeat(301) })).toEqual({ title: [expect.stringMatching(/ must be at most 300 characters\.$/)] });
  });

  it("requires a title that is not just spaces", () => {
    expect(errorsFor({ ...valid, title: "   " })).toEqual({ title: [expect.stringMatching(/ is required\.$/)] });
  });

  it("reads blank optional fields as not given", () => {
    const parsed = importArticleSchema.parse({ ...valid, outlet: "", author: "  ", url: "", publishedAt: "" });
    expect(parsed).toEqual({ title: "Jobs report", body: valid.body, outlet: undefined, author: undefined, url: undefined, publishedAt: undefined });
  });

  it("accepts only http(s) article URLs", () => {
    expect(importArticleSchema.parse({ ...valid, url: " https://example.com/a " }).url).toBe("https://example.com/a");
    expect(errorsFor({ ...valid, url: "javascript:alert(1)" })).toEqual({ url: ["Article URL must be a full web address starting with http:// or https://."] });
  });

  it("reads a publication date as midnight UTC and rejects dates that do not exist", () => {
    expect(importArticleSchema.parse({ ...valid, publishedAt: "2024-02-29" }).publishedAt).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(errorsFor({ ...valid, publishedAt: "2024-02-30" })).toEqual({ publishedAt: ["Publication date is not a real date."] });
    expect(errorsFor({ ...valid, publishedAt: "2023-02-29" })).toEqual({ publishedAt: ["Publication date is not a real date."] });
    expect(errorsFor({ ...valid, publishedAt: "29/02/2024" })).toEqual({ publishedAt: ["Publication date must be a date (YYYY-MM-DD)."] });
  });
});

describe("the size check the import form makes before sending", () => {
  it("counts UTF-8 bytes of the text as stored, and agrees with the server at the limit", async () => {
    const { articleSizeProblem, articleTextBytes } = await import("@/lib/domain/article-size");
    expect(articleTextBytes("é\r\n😀")).toBe(2 + 1 + 4);
    const atLimit = "a".repeat(MAX_ARTICLE_BYTES);
    expect(articleSizeProblem(atLimit)).toBeNull();
    expect(errorsFor({ ...valid, body: atLimit })).toBeNull();
    // Surrounding spaces are trimmed before counting, as the server does.
    expect(articleSizeProblem(`  ${atLimit}\r\n`)).toBeNull();
    const over = "é".repeat(MAX_ARTICLE_BYTES / 2 + 1);
    expect(articleSizeProblem(over)).toBe(
      "The article text is over 1 MB. Split it into parts and import each one. This text is 1.00 MB (1,000,002 bytes); the limit is 1 MB (1,000,000 bytes). Nothing was sent: your text is still here.",
    );
    expect(errorsFor({ ...valid, body: over })).not.toBeNull();
  });
});
