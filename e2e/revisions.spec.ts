import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./fixtures";

// An editor replaces an article's text: a changed figure, a deleted sentence, a new first line.
// The claims follow their words, the deleted one is orphaned and listed; the editor reads the
// original revision, the word-level differences, and re-attaches the orphan by selecting words.

const BODY = [
  "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
  "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
  "The governor said the state had built 400 miles of new roads since 2019.",
].join("\n");
const EDITED = [
  "Editor's note: the unemployment figure was corrected on Friday.",
  "Sen. Maria Lopez said unemployment fell to 3.8 percent in 2023, the lowest level in two decades.",
  "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
].join("\n");

test("an editor replaces an article's text, reads the revisions and re-attaches an orphaned claim", async ({ page }, testInfo) => {
  const snap = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await signIn(page, "editor");
  const created = await page.request.post("/api/v1/articles", { data: { workspace: "demo", title: `Revisions ${Date.now().toString(36)}`, body: BODY } });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as { id: string };

  await page.goto(`/w/demo/articles/${article.id}`);
  await page.getByRole("link", { name: "Edit text · revisions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Text and revisions" })).toBeVisible();
  await expect(page.getByText("The text has not been replaced yet")).toBeVisible();

  await page.getByLabel("Article text").fill(EDITED);
  await page.getByLabel("What changed").fill("Corrected the rate, cut the roads line");
  await page.getByRole("button", { name: "Save as a new revision" }).click();
  await expect(page.getByText(/Saved as revision 2\./)).toBeVisible();
  await expect(page.getByText(/could not be placed and needs re-attaching/)).toBeVisible();

  await page.reload();
  const orphans = page.getByRole("region", { name: /Orphaned claims/ });
  await expect(orphans).toBeVisible();
  await expect(orphans.getByText("400 miles of new roads", { exact: false }).first()).toBeVisible();
  await snap("orphaned-and-edit");
  await expectNoAxeViolations(page);

  // The differences between revision 1 and 2, word by word, with text labels.
  await page.getByRole("link", { name: "Changes from revision 1 to 2" }).click();
  const diff = page.getByRole("region", { name: "Changes" });
  await expect(diff.locator("ins", { hasText: "Editor's note" })).toBeVisible();
  await expect(diff.locator("del", { hasText: "400 miles of new roads" })).toBeVisible();
  await expect(diff.getByText("2 insertions, 2 deletions")).toBeVisible();
  await expect(diff.locator("ins", { hasText: "Editor's note" })).toContainText("[inserted:");
  await snap("differences");
  await expectNoAxeViolations(page);

  // Revision 1, read-only.
  await page.getByRole("link", { name: "Read revision 1" }).click();
  await expect(page.getByRole("heading", { name: /Revision 1 \(read-only\)/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Revision 1 \(read-only\)/ }).getByText("400 miles of new roads since 2019.")).toBeVisible();
  await snap("revision-1");

  // Re-attach the orphan: select words in the current text, then "Re-attach here".
  const text = page.getByRole("textbox", { name: /Current text/ });
  await text.evaluate((el) => {
    const node = el.firstChild!;
    const start = node.textContent!.indexOf("41 million people");
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + "41 million people".length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
  await expect(page.getByText("Selected:")).toContainText("41 million people");
  await page.getByRole("button", { name: /Re-attach the claim/ }).click();
  await expect(page.getByText("Claim re-attached.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: /Orphaned claims/ })).toHaveCount(0);

  // The article page shows the new text with its claims.
  await page.goto(`/w/demo/articles/${article.id}`);
  await expect(page.getByText("Editor's note: the unemployment figure was corrected on Friday.")).toBeVisible();
  await snap("article-after");

  // The corrected claim: its statement still says 3.9, the text now says 3.8. The panel shows the
  // current words and takes them as the statement with one button.
  await page.getByRole("complementary", { name: "Claims" }).getByText(/3\.9 percent/).first().click();
  const panel = page.getByRole("article");
  await expect(panel.getByRole("heading", { level: 2 })).toContainText("3.9 percent");
  const current = panel.getByTestId("current-words");
  await expect(current).toContainText("In the text now:");
  await expect(current).toContainText("Sen. Maria Lopez said unemployment fell to");
  // The words that differ from the statement are marked, with words for a screen reader too.
  await expect(current.locator("del", { hasText: "[statement:" })).toHaveText("[statement: 3.9]");
  await expect(current.locator("ins", { hasText: "[text now:" })).toHaveText("[text now: 3.8]");
  await expectNoAxeViolations(page);
  await snap("current-words");
  await panel.getByRole("button", { name: "Use these words as the statement" }).click();
  await expect(panel.getByRole("heading", { level: 2 })).toContainText("3.8 percent");
  await expect(panel.getByTestId("current-words")).toHaveCount(0);
});
