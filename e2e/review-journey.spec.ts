import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { openDemoArticle, signIn } from "./fixtures";

const CLAIM_TEXT = "record high arrests at the US-Mexico border";
const SOURCE_TITLE = "Southwest Land Border Encounters";

async function openClaim(page: Page) {
  await openDemoArticle(page);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: new RegExp(CLAIM_TEXT) }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(CLAIM_TEXT) })).toBeVisible();
}

test("reviewer researches a claim, editor publishes it, the report carries the verdict", async ({ browser }) => {
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  reviewer.on("dialog", (dialog) => {
    throw new Error(`Unexpected dialog: ${dialog.message()}`);
  });
  await signIn(reviewer, "reviewer");
  await openDemoArticle(reviewer);
  // The detector finds many claims; the text marks those above the desk's highlight threshold.
  const listed = await reviewer.getByRole("complementary", { name: "Claims" }).getByRole("listitem").count();
  expect(listed).toBeGreaterThanOrEqual(10);
  const marked = await reviewer.locator(".claim-mark").evaluateAll((marks) => new Set(marks.map((m) => m.getAttribute("data-claim-id"))).size);
  expect(marked).toBeGreaterThan(0);
  expect(marked).toBeLessThan(listed);

  await openClaim(reviewer);
  const panel = reviewer.getByRole("article");

  // A javascript: link is refused at the field, and nothing is added.
  await panel.getByLabel("URL").fill("javascript:alert(1)");
  await panel.getByLabel("Title").fill(SOURCE_TITLE);
  await panel.getByRole("button", { name: "Add source" }).click();
  await expect(panel.getByText("Source URL must be a full web address starting with http:// or https://.")).toBeVisible();
  await expect(panel.getByRole("heading", { name: "Sources (0)" })).toBeVisible();

  await panel.getByLabel("URL").fill("https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters");
  await panel.getByLabel("Publisher").fill("U.S. Customs and Border Protection");
  await panel.getByLabel("Kind").selectOption({ label: "Official record" });
  await panel.getByLabel("Stance").selectOption({ label: "Supports" });
  await panel.getByLabel("Quoted passage").fill("<script>alert(1)</script> Encounters reached a record in fiscal 2022.");
  await panel.getByRole("button", { name: "Add source" }).click();
  await expect(panel.getByText("Source added.")).toBeVisible();
  await expect(panel.getByRole("heading", { name: "Sources (1)" })).toBeVisible();
  await expect(panel.getByRole("link", { name: SOURCE_TITLE })).toHaveAttribute("href", /^https:\/\/www\.cbp\.gov\//);
  await expect(panel.getByRole("blockquote")).toHaveText("<script>alert(1)</script> Encounters reached a record in fiscal 2022.");
  await expect(panel.getByText("Researching", { exact: true })).toBeVisible();

  await panel.getByText("Write my review").click();
  await panel.getByLabel("Rating").selectOption({ label: "Mostly true" });
  await panel.getByLabel("Rationale").fill("CBP data show record encounters in fiscal 2022 and 2023.");
  await panel.getByRole("button", { name: "Submit my review" }).click();
  await expect(panel.getByText("Your review is saved.")).toBeVisible();
  await expect(panel.getByText("In review", { exact: true })).toBeVisible();
  await reviewerContext.close();

  const editorContext = await browser.newContext({ acceptDownloads: true });
  const editor = await editorContext.newPage();
  await signIn(editor, "editor");
  await openClaim(editor);
  const editorPanel = editor.getByRole("article");
  // Editors see every reviewer's rating before deciding.
  await expect(editorPanel.getByRole("listitem").filter({ hasText: "E2E Reviewer: Mostly true" })).toBeVisible();
  await editorPanel.getByText("Publish the verdict").click();
  await editorPanel.getByLabel("Verdict").selectOption({ label: "Mostly true" });
  await editorPanel.getByLabel("Summary for readers").fill("Border arrests did hit record highs in 2022 and 2023, per CBP.");
  await editorPanel.getByRole("button", { name: "Publish verdict" }).click();
  await expect(editorPanel.getByText(/^Published .* by E2E Editor$/)).toBeVisible();
  await expect(editorPanel.getByText("Published", { exact: true })).toBeVisible();
  await expect(editorPanel.getByText("Border arrests did hit record highs in 2022 and 2023, per CBP.")).toBeVisible();

  const [markdown] = await Promise.all([editor.waitForEvent("download"), editor.getByRole("link", { name: "Markdown" }).click()]);
  expect(markdown.suggestedFilename()).toMatch(/^fact-check-.*\.md$/);
  const md = await readFile(await markdown.path(), "utf8");
  expect(md).toContain("Verdict: **Mostly true**");
  expect(md).toContain(`[${SOURCE_TITLE}](https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters)`);
  expect(md).toContain("&lt;script&gt;");
  expect(md).not.toContain("<script>");

  const [json] = await Promise.all([editor.waitForEvent("download"), editor.getByRole("link", { name: "JSON" }).click()]);
  const report = JSON.parse(await readFile(await json.path(), "utf8")) as {
    claims: Array<{ quote: string; status: string; verdict: { label: string; summary: string } | null; sources: Array<{ title: string; url: string }> }>;
  };
  const checked = report.claims.find((c) => c.quote.includes(CLAIM_TEXT));
  expect(checked?.status).toBe("PUBLISHED");
  expect(checked?.verdict?.label).toBe("Mostly true");
  expect(checked?.sources.map((s) => s.title)).toEqual([SOURCE_TITLE]);
  await editorContext.close();
});
