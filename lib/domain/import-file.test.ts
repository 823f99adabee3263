import { describe, expect, it } from "vitest";
import { plainTextHeadline } from "./import-file";

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
