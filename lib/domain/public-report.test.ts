import { describe, expect, it } from "vitest";
import { escapeHtml, renderPublicReportPage } from "./public-report-html";
import { toPublicReport } from "./public-report";
import type { ReportData } from "./report";

type Claim = ReportData["claims"][number];

const verdict = { rating: "false", ratingLabel: "False", summary: "No record shows it.", publishedAt: new Date("2024-03-04T00:00:00Z"), approvedBy: "Edna Editor" };
const claim = (overrides: Partial<Claim> = {}): Claim => ({
  id: "c1",
  quote: "Crossings fell by half.",
  statement: "Crossings fell by half.",
  claimant: "Sen. Ana Cárdenas",
  status: "PUBLISHED",
  verdict,
  sources: [{ url: "https://www.cbp.gov/x", title: "CBP data", publisher: "CBP", kind: "PRIMARY_DATA", stance: "REFUTES", quotation: "2.4 million", publishedAt: null, accessedAt: null }],
  ...overrides,
});
const report = (claims: Claim[]): ReportData => ({
  workspace: "Internal desk name",
  generatedAt: new Date(),
  article: { id: "a1", title: "Border report", outlet: "Wire", author: null, url: "https://example.com/a", publishedAt: null },
  claims,
});

const page = (claims: Claim[], title = "Border report") =>
  renderPublicReportPage({ ...toPublicReport({ ...report(claims), article: { ...report(claims).article, title } }), organization: { name: "Desk", url: null }, jsonLd: "[]", pageUrl: "https://d.example/r/t", fontUrl: "/r/serif.woff2" });

describe("the public report", () => {
  it("keeps published claims only, without who approved them or the desk's internal name", () => {
    const result = toPublicReport(report([claim(), claim({ id: "c2", status: "IN_REVIEW", verdict: null }), claim({ id: "c3", status: "REOPENED" })]));
    expect(result.claims.map((c) => c.id)).toEqual(["c1"]);
    expect(JSON.stringify(result)).not.toContain("Edna Editor");
    expect(JSON.stringify(result)).not.toContain("Internal desk name");
  });

  it("escapes every text and links only http(s) addresses", () => {
    const html = page([claim({ quote: "<script>alert(1)</script>", sources: [{ ...claim().sources[0]!, url: "javascript:alert(1)", title: '"><img src=x>' }] })], "</title><script>x</script>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it("says so when nothing is published yet", () => {
    expect(page([claim({ status: "RESEARCHING", verdict: null })])).toContain("No verdicts on this article are published yet.");
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
