import { describe, expect, it } from "vitest";
import { createSourceSchema } from "@/lib/validation/source";
import { escapeMarkdown, renderMarkdownReport, reportFileName, toJsonReport, type ReportData } from "./report";

type Claim = ReportData["claims"][number];
type Source = Claim["sources"][number];

const source = (overrides: Partial<Source> = {}): Source => ({
  url: "https://www.bls.gov/cps/",
  title: "Current Population Survey",
  publisher: "BLS",
  kind: "PRIMARY_DATA",
  stance: "SUPPORTS",
  quotation: null,
  publishedAt: new Date("2024-01-05T00:00:00Z"),
  accessedAt: null,
  ...overrides,
});

const claim = (overrides: Partial<Claim> = {}): Claim => ({
  id: "c1",
  quote: "Unemployment fell to 3.9 percent in 2023.",
  statement: "Unemployment fell to 3.9 percent in 2023.",
  claimant: "Sen. Maria Lopez",
  status: "PUBLISHED",
  verdict: { rating: "mostly-true", ratingLabel: "Mostly true", summary: "Close to the official figure.", publishedAt: new Date("2024-03-04T15:30:00Z"), approvedBy: "Edna Editor" },
  sources: [source()],
  ...overrides,
});

const report = (overrides: Partial<ReportData> = {}): ReportData => ({
  workspace: "City Desk",
  generatedAt: new Date("2024-03-05T09:00:00.123Z"),
  article: { id: "a1", title: "Lopez on jobs", outlet: "Test Wire", author: "R. Porter", url: "https://example.com/lopez", publishedAt: new Date("2024-03-01T00:00:00Z") },
  claims: [claim(), claim({ id: "c2", quote: "41 million people lived in poverty.", claimant: null, status: "RESEARCHING", verdict: null, sources: [] })],
  ...overrides,
});

const lines = (markdown: string) => markdown.split("\n");

describe("renderMarkdownReport", () => {
  it("lays out the article, each claim, its verdict and its sources", () => {
    const md = renderMarkdownReport(report());
    expect(lines(md).slice(0, 8)).toEqual([
      "# Fact-check report: Lopez on jobs",
      "",
      "- Outlet: Test Wire",
      "- Author: R. Porter",
      "- Published: 2024-03-01",
      "- Original: <https://example.com/lopez>",
      "- Desk: City Desk",
      "- Report generated: 2024-03-05T09:00:00.123Z",
    ]);
    expect(md).toContain("- Claims: 2, of which 1 with a published verdict");
    expect(md).toContain("## Claim 1\n\n> Unemployment fell to 3.9 percent in 2023.\n\n- Claimant: Sen. Maria Lopez\n- Status: Published\n- Verdict: **Mostly true** (published 2024-03-04)\n\nClose to the official figure.");
    expect(md).toContain("- [Current Population Survey](https://www.bls.gov/cps/) (Supports, Primary data, BLS, published 2024-01-05)");
    expect(md).toContain("## Claim 2\n\n> 41 million people lived in poverty.\n\n- Status: Researching\n- Verdict: not yet published\n\nNo sources yet.");
    expect(md.endsWith("No sources yet.\n")).toBe(true);
  });

  it("leaves out article details that are missing", () => {
    const md = renderMarkdownReport(report({ article: { id: "a1", title: "Bare", outlet: null, author: null, url: null, publishedAt: null } }));
    expect(md).not.toMatch(/Outlet:|Author:|Published:|Original:/);
    expect(md).toContain("- Desk: City Desk");
  });

  it("turns script tags from any field into inert text", () => {
    const xss = "<script>alert(1)</script>";
    const md = renderMarkdownReport(
      report({
        workspace: xss,
        article: { id: "a1", title: xss, outlet: xss, author: xss, url: null, publishedAt: null },
        claims: [claim({ quote: xss, claimant: xss, verdict: { rating: "x", ratingLabel: xss, summary: xss, publishedAt: new Date(), approvedBy: null }, sources: [source({ title: xss, publisher: xss, quotation: xss })] })],
      }),
    );
    expect(md).not.toContain("<script");
    expect(md).not.toContain("</script>");
    expect(md).toContain("# Fact-check report: &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("escapes Markdown so user text cannot add headings, links, emphasis or table cells", () => {
    const md = renderMarkdownReport(report({ article: { id: "a1", title: "*Big* _news_ [click](https://evil.example) `x` | #1 \\o/", outlet: null, author: null, url: null, publishedAt: null } }));
    expect(lines(md)[0]).toBe("# Fact-check report: \\*Big\\* \\_news\\_ \\[click\\](https://evil.example) \\`x\\` \\| \\#1 \\\\o/");
  });

  it("keeps multi-line user text on one line, so it cannot start a heading or leave a quote", () => {
    const md = renderMarkdownReport(report({ claims: [claim({ quote: "First line\n# Injected heading\n\nNew paragraph" })] }));
    expect(md).toContain("> First line \\# Injected heading New paragraph\n");
    expect(lines(md).filter((l) => l.startsWith("#"))).toEqual(["# Fact-check report: Lopez on jobs", "## Claim 1"]);
  });

  it("encodes characters in a source URL that would end the link early", () => {
    const md = renderMarkdownReport(report({ claims: [claim({ sources: [source({ url: "https://example.org/a (b)<c> d" })] })] }));
    expect(md).toContain("](https://example.org/a%20%28b%29%3Cc%3E%20d) (");
  });

  it("does not let a source URL the form accepts smuggle a second link into the report", () => {
    const { url } = createSourceSchema.parse({ claimId: "c1", url: "https://example.org/x)[click](javascript:alert(1)", title: "t", kind: "OTHER", stance: "CONTEXT" });
    const md = renderMarkdownReport(report({ claims: [claim({ sources: [source({ url })] })] }));
    const sourceLine = lines(md).find((l) => l.startsWith("- [Current Population Survey]("));
    expect(sourceLine).not.toContain("](javascript:");
    // Exactly one link destination on the line: every ")" inside the URL is encoded.
    expect(sourceLine?.match(/\]\(/g)).toHaveLength(1);
  });

  it("quotes a source's passage under it", () => {
    const md = renderMarkdownReport(report({ claims: [claim({ sources: [source({ quotation: "The rate was 3.9 percent.", accessedAt: new Date("2024-02-01T00:00:00Z") })] })] }));
    expect(md).toContain("(Supports, Primary data, BLS, published 2024-01-05, accessed 2024-02-01)\n  > The rate was 3.9 percent.");
  });
});

describe("escapeMarkdown", () => {
  it("escapes ampersands before the entities it produces", () => {
    expect(escapeMarkdown("AT&T <b>")).toBe("AT&amp;T &lt;b&gt;");
  });
});

describe("toJsonReport", () => {
  it("shapes timestamps as ISO strings and calendar dates as YYYY-MM-DD", () => {
    const json = toJsonReport(report());
    expect(json.generatedAt).toBe("2024-03-05T09:00:00.123Z");
    expect(json.article.publishedAt).toBe("2024-03-01");
    expect(json.claims[0]?.verdict).toEqual({ rating: "mostly-true", label: "Mostly true", summary: "Close to the official figure.", publishedAt: "2024-03-04T15:30:00.000Z", approvedBy: "Edna Editor" });
    expect(json.claims[0]?.sources[0]).toMatchObject({ publishedAt: "2024-01-05", accessedAt: null });
    expect(json.claims[1]?.verdict).toBeNull();
  });

  it("survives JSON serialisation unchanged, with no Date objects left", () => {
    const json = toJsonReport(report());
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("keeps user text as it was written, unescaped", () => {
    const json = toJsonReport(report({ article: { id: "a1", title: "<script>x</script> *a*", outlet: null, author: null, url: null, publishedAt: null } }));
    expect(json.article).toEqual({ id: "a1", title: "<script>x</script> *a*", outlet: null, author: null, url: null, publishedAt: null });
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
