import { expect, test } from "@playwright/test";
import { openDemoArticle, signIn } from "./fixtures";

test("a reviewer selects words in the article and makes them a claim", async ({ page }) => {
  await signIn(page, "reviewer2");
  await openDemoArticle(page);
  const words = "He’s wrong.";
  // Select the words as a reader would, by dragging over them; here through the DOM Range API.
  await page.getByTestId("article-body").evaluate((root, target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 1); // mid-word on purpose: the server snaps to whole words
      range.setEnd(node, at + target.length - 2);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      return;
    }
    throw new Error("words not found");
  }, words);
  await page.getByRole("button", { name: "Add claim" }).click();
  await expect(page).toHaveURL(/claim=/);
  const panel = page.getByRole("article");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText("“He’s wrong”");
  await expect(panel.getByText("Queued", { exact: true })).toBeVisible();
  await expect(panel.getByText("Added by a reviewer")).toBeVisible();
});
