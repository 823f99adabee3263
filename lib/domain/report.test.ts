import { describe, expect, it } from "vitest";
import { escapeMarkdown, reportFileName } from "./report";

describe("escapeMarkdown", () => {
  it("escapes ampersands before the entities it produces", () => {
    expect(escapeMarkdown("AT&T <b>")).toBe("AT&amp;T &lt;b&gt;");
  });
});

describe("reportFileName", () => {
  it("makes a safe file name from the title", () => {
    expect(reportFileName("Lopez on Jobs: 3.9%?!", "md")).toBe("fact-check-lopez-on-jobs-3-9.md");
    expect(reportFileName("Café ../../etc/passwd", "json")).toBe("fact-check-cafe-etc-passwd.json");
    expect(reportFileName("***", "md")).toBe("fact-check-article.md");
    expect(reportFileName("a".repeat(100), "md")).toBe(`fact-check-${"a".repeat(60)}.md`);
  });
});
