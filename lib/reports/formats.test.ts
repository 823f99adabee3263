import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { ReportData } from "@/lib/domain/report";
import { createSourceSchema } from "@/lib/validation/source";
import { csvCell } from "./csv";
import { reportDocument, reportJsonSchema } from "./document";
import { renderHtml } from "./html";
import { renderReport, REPORT_FORMATS } from "./index";
import { renderMarkdown } from "./markdown";

const MARKER = "INTERNAL-MARKER-7f3a";

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
  statement: `Unemployment fell to 3.9 percent in 2023 (${MARKER} statement).`,
  claimant: "Sen. Maria Lopez",
  status: "PUBLISHED",
  statusReason: `${MARKER} status note`,
  assignees: [`Rita ${MARKER}`],
  reviews: [
    { reviewer: `Rex ${MARKER}`, rating: "mostly-true", ratingLabel: "Mostly true", rationale: `${MARKER} rationale: the table says 3.7.`, confidence: 2, hidden: false, updatedAt: new Date("2024-03-03T10:00:00Z") },
    { reviewer: "Quinn", rating: null, ratingLabel: null, rationale: null, confidence: null, hidden: true, updatedAt: new Date("2024-03-03T11:00:00Z") },
  ],
  verdict: { rating: "mostly-true", ratingLabel: "Mostly true", summary: "Close to the official figure; Vanessa Cárdenas called it “whiplash” – fair.", publishedAt: new Date("2024-03-04T15:30:00Z"), approvedBy: `Edna ${MARKER}` },
  sources: [source()],
  ...overrides,
});

const report = (overrides: Partial<ReportData> = {}): ReportData => ({
  workspace: `City Desk ${MARKER}`,
  organization: { name: "The Checkers", url: "https://checkers.example" },
  generatedAt: new Date("2024-03-05T09:00:00.123Z"),
  article: { id: "a1", title: "Lopez on jobs", outlet: "Test Wire", author: "R. Porter", url: "https://example.com/lopez", publishedAt: new Date("2024-03-01T00:00:00Z") },
  claims: [claim(), claim({ id: "c2", quote: `41 million people lived in poverty (${MARKER} unpublished).`, claimant: null, status: "RESEARCHING", verdict: null, reviews: [], sources: [source({ title: `${MARKER} source` })] })],
  ...overrides,
});

const text = (body: string | Uint8Array) => (typeof body === "string" ? body : Buffer.from(body).toString("latin1"));

describe("the reader's report", () => {
  it.each(["md", "json", "csv", "html"] as const)("%s holds published claims only and nothing internal", async (format) => {
    const { body } = await renderReport(report(), { format, audience: "reader" });
    const out = text(body);
    expect(out).not.toContain(MARKER);
    expect(out).toContain("Unemployment fell to 3.9 percent in 2023.");
    expect(out).toContain("Mostly true");
    expect(out).toContain("Cárdenas");
    expect(out).toContain("https://www.bls.gov/cps/");
    if (format !== "csv") expect(out).toContain("The Checkers");
  });

  it("says so when nothing is published yet", () => {
    const md = renderMarkdown(reportDocument(report({ claims: [claim({ verdict: null, status: "IN_REVIEW" })] }), "reader"));
    expect(md).toContain("No verdicts have been published for this article yet.");
    expect(md).not.toContain("not yet published");
  });
});

describe("the desk's report", () => {
  it("has every claim with its status, assignees, reviews with rationales, and sources", () => {
    const md = renderMarkdown(reportDocument(report(), "desk"));
    expect(md).toContain("# Fact-check desk report: Lopez on jobs");
    expect(md).toContain("- Claims: 2, of which 1 with a published verdict");
    expect(md).toContain(`- Status: Published\n- Status note: ${MARKER} status note\n- Assigned to: Rita ${MARKER}`);
    expect(md).toContain(`- Verdict: **Mostly true** (published 2024-03-04, approved by Edna ${MARKER})`);
    expect(md).toContain(`- Rex ${MARKER}: **Mostly true**, confidence 2 of 3\n  > ${MARKER} rationale: the table says 3.7.`);
    expect(md).toContain("- Quinn: rating hidden until you have reviewed this claim yourself");
    expect(md).toContain("## Claim 2");
    expect(md).toContain("- Status: Researching");
    expect(md).toContain("- [Current Population Survey](https://www.bls.gov/cps/) (Supports, Primary data, BLS, published 2024-01-05)");
  });
});

describe("Markdown", () => {
  it("turns script tags from any field into inert text", () => {
    const xss = "<script>alert(1)</script>";
    const data = report({ workspace: xss, article: { id: "a1", title: xss, outlet: xss, author: xss, url: null, publishedAt: null }, claims: [claim({ quote: xss, claimant: xss, sources: [source({ title: xss, publisher: xss, quotation: xss })] })] });
    for (const audience of ["reader", "desk"] as const) {
      const md = renderMarkdown(reportDocument(data, audience));
      expect(md).not.toContain("<script");
      expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });

  it("keeps multi-line user text on one line and escapes Markdown", () => {
    const md = renderMarkdown(reportDocument(report({ claims: [claim({ quote: "First line\n# Injected *heading*" })] }), "reader"));
    expect(md).toContain("> First line \\# Injected \\*heading\\*\n");
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual(["# Fact-check: Lopez on jobs", "## Claim 1"]);
  });

  it("does not let a source URL the form accepts smuggle a second link into the report", () => {
    const { url } = createSourceSchema.parse({ claimId: "c1", url: "https://example.org/x)[click](javascript:alert(1)", title: "t", kind: "OTHER", stance: "CONTEXT" });
    const md = renderMarkdown(reportDocument(report({ claims: [claim({ sources: [source({ url })] })] }), "reader"));
    const line = md.split("\n").find((l) => l.startsWith("- [Current Population Survey]("));
    expect(line).not.toContain("](javascript:");
    expect(line?.match(/\]\(/g)).toHaveLength(1);
  });
});

describe("JSON", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const committed = JSON.parse(readFileSync(path.join(process.cwd(), "docs", "report-schema.json"), "utf8")) as object;
  const validate = ajv.compile(committed);

  it("docs/report-schema.json is current (npm run report:schema writes it)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(reportJsonSchema())));
  });

  it.each(["reader", "desk"] as const)("the %s's JSON is schemaVersion 1 and validates against the committed schema", async (audience) => {
    const { body } = await renderReport(report(), { format: "json", audience });
    const json = JSON.parse(text(body)) as { schemaVersion: number; audience: string };
    expect(json).toMatchObject({ schemaVersion: 1, audience });
    expect(validate(json), ajv.errorsText(validate.errors)).toBe(true);
  });

  it("the schema refuses an internal field in a reader's report", () => {
    const json = reportDocument(report(), "reader") as unknown as { claims: Array<Record<string, unknown>> };
    json.claims[0]!.reviews = [];
    expect(validate(json)).toBe(false);
  });
});

describe("CSV", () => {
  it("is UTF-8 with a BOM, one CRLF row per claim after the header, RFC 4180 quoting", async () => {
    const { body, contentType } = await renderReport(report({ claims: [claim({ quote: 'He said "no", twice,\nthen left.' })] }), { format: "csv", audience: "desk" });
    const csv = text(body);
    expect(contentType).toBe("text/csv; charset=utf-8");
    expect(csv.startsWith("\uFEFFclaim,claim_id,quote,")).toBe(true);
    expect(csv).toContain('"He said ""no"", twice,\nthen left."');
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe("\"'\rcmd\"");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(3)).toBe("3");
    expect(csvCell(null)).toBe("");
  });

  it("neutralises a formula planted in a claim's quote", async () => {
    const { body } = await renderReport(report({ claims: [claim({ quote: "=cmd|' /C calc'!A0" })] }), { format: "csv", audience: "reader" });
    expect(text(body)).toContain(",'=cmd|' /C calc'!A0,");
  });
});

describe("HTML", () => {
  it("is a standalone document with user text escaped and only http(s) links", () => {
    const xss = `<img src=x onerror="alert(1)">`;
    const html = renderHtml(reportDocument(report({ article: { id: "a1", title: xss, outlet: null, author: null, url: "javascript:alert(1)", publishedAt: null }, claims: [claim({ quote: xss, sources: [source({ url: "javascript:alert(2)" })] })] }), "desk"));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("@media print");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});

describe("the registry", () => {
  it("names each format once, with a file name per audience", async () => {
    const ids = REPORT_FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await renderReport(report(), { format: "md", audience: "reader" })).filename).toBe("fact-check-lopez-on-jobs.md");
    expect((await renderReport(report(), { format: "csv", audience: "desk" })).filename).toBe("fact-check-lopez-on-jobs-desk.csv");
  });
});
