import { mkdirSync, readFile } from "node:fs";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// The report page: the reader's and the desk's report from the same document as the downloads,
// every format of both offered, and clean paper output. Screenshots of the screen and of the
// print media land in test-results/report-page/ for a person to look at.

const SHOTS = "test-results/report-page";
const MARKER = "E2E-INTERNAL-rationale";
const BODY = [
  "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
  "America’s Voice executive director Vanessa Cárdenas called it “whiplash” when referring to the statements the White House is putting out.",
].join("\n");

test("an editor reads the report for readers and for the desk, prints it and downloads every format", async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "editor");
  const title = `Report spec ${Date.now()}`;
  const created = await editor.request.post("/api/v1/articles", { data: { workspace: "demo", title, outlet: "Test Wire", body: BODY, url: "https://example.com/lopez" } });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as { id: string; claims: Array<{ id: string; quote: string }> };
  const claim = article.claims.find((c) => c.quote.includes("3.9 percent"));
  expect(claim).toBeDefined();
  // An unpublished claim, added by hand: the desk's report has it, the reader's does not.
  const start = BODY.indexOf("Vanessa Cárdenas");
  expect((await editor.request.post(`/api/v1/articles/${article.id}/claims`, { data: { start, end: start + "Vanessa Cárdenas called it “whiplash”".length } })).status()).toBe(201);
  await editor.request.post(`/api/v1/claims/${claim!.id}/sources`, { data: { url: "https://www.bls.gov/cps/", title: "CPS annual averages", kind: "PRIMARY_DATA", stance: "REFUTES", publisher: "BLS" } });

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer");
  expect((await reviewer.request.post(`/api/v1/claims/${claim!.id}/reviews`, { data: { rating: "mostly-true", rationale: MARKER, confidence: 2 } })).status()).toBe(200);
  await reviewerContext.close();

  const { version } = (await (await editor.request.get(`/api/v1/claims/${claim!.id}`)).json()) as { version: number };
  const summary = "Close: the low was 3.7 percent, per the BLS — “lowest in two decades” holds.";
  expect((await editor.request.post(`/api/v1/claims/${claim!.id}/decisions`, { data: { rating: "mostly-true", summary, version } })).status()).toBe(201);

  await editor.goto(`/w/demo/articles/${article.id}`);
  await editor.getByRole("link", { name: "Report", exact: true }).click();
  await expect(editor.getByRole("heading", { level: 1, name: "Fact-check report" })).toBeVisible();
  const report = editor.getByRole("article");
  await expect(report.getByRole("heading", { name: title })).toBeVisible();
  await expect(report.getByText(summary)).toBeVisible();
  await expect(report.getByText("Mostly true")).toBeVisible();
  await expect(editor.getByText(MARKER)).toHaveCount(0);
  await expect(report.getByText("Vanessa Cárdenas", { exact: false })).toHaveCount(0);
  await editor.screenshot({ path: `${SHOTS}/reader-screen.png`, fullPage: true });

  await editor.emulateMedia({ media: "print" });
  await expect(editor.getByRole("navigation", { name: "Workspace" })).toBeHidden();
  await expect(editor.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(editor.getByRole("heading", { name: "Downloads" })).toBeHidden();
  await expect(report.getByRole("heading", { name: title })).toBeVisible();
  await editor.screenshot({ path: `${SHOTS}/reader-print.png`, fullPage: true });
  await editor.emulateMedia({ media: "screen" });

  await editor.getByRole("link", { name: "Desk’s report", exact: true }).click();
  await expect(editor.getByRole("link", { name: "Desk’s report", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(report.getByText(MARKER)).toBeVisible();
  await expect(report.getByText("Cárdenas", { exact: false }).first()).toBeVisible();
  await editor.screenshot({ path: `${SHOTS}/desk-screen.png`, fullPage: true });
  await editor.emulateMedia({ media: "print" });
  await editor.screenshot({ path: `${SHOTS}/desk-print.png`, fullPage: true });
  await editor.emulateMedia({ media: "screen" });

  // Every format of both audiences is offered, and each answers with a file.
  for (const audience of ["reader’s report", "desk’s report"]) {
    for (const format of ["PDF", "HTML", "Markdown", "CSV", "JSON"]) {
      const link = editor.getByRole("link", { name: `${format}, ${audience}` });
      await expect(link).toBeVisible();
      const response = await editor.request.get((await link.getAttribute("href"))!);
      expect(response.status(), `${format}, ${audience}`).toBe(200);
      expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="fact-check-report-spec-\d+(-desk)?\.(pdf|html|md|csv|json)"$/);
      if (audience.startsWith("reader")) expect((await response.body()).toString("latin1")).not.toContain(MARKER);
    }
  }
  const [pdf] = await Promise.all([editor.waitForEvent("download"), editor.getByRole("link", { name: "PDF, reader’s report" }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/^fact-check-report-spec-\d+\.pdf$/);
  expect((await promisify(readFile)(await pdf.path())).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await editorContext.close();
});
