import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// An HTML file imported through the form, then a claim's words changed with the keyboard, the
// claim split in two and merged back, each through the claim panel.

test("import an HTML file, then adjust a claim's span by keyboard, split it and merge it", async ({ page }, testInfo) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, "editor");
  await page.getByRole("link", { name: "Import article" }).click();
  const title = `Road repairs ${Date.now()}`;
  const html = `<html><head><title>${title}</title><script>document.title = "no"</script></head><body><nav>Home</nav><h1>${title}</h1>
<p>Mayor Ana Ruiz said the city spent $4.2 million on road repairs in 2023, double the 2019 figure.</p>
<p>According to the budget office, property tax revenue rose 12 percent last year.</p></body></html>`;
  await page.getByLabel("Import from a file").setInputFiles({ name: "story.html", mimeType: "text/html", buffer: Buffer.from(html) });
  await expect(page.getByText("story.html")).toBeVisible();
  await expect(page.getByLabel("Headline")).toHaveValue(title);
  await page.screenshot({ path: testInfo.outputPath("import-file.png"), fullPage: true });
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("article-body")).not.toContainText("Home");
  // The page's heading is the headline, shown once above the text, not again as its first paragraph.
  await expect(page.getByTestId("article-body")).not.toContainText(title);
  await page.screenshot({ path: testInfo.outputPath("imported-article.png"), fullPage: true });

  const claims = page.getByRole("complementary", { name: "Claims" });
  await claims.getByText("Mayor Ana Ruiz said the city spent").first().click();
  await expect(page).toHaveURL(/claim=/);
  const panel = page.getByRole("article");
  await panel.getByText("Adjust span, split or merge").click();

  // Dragging: the end handle pulled back onto the claim's own words shortens the draft span.
  const handle = await panel.getByTestId("span-handle-end").boundingBox();
  const words = await panel.getByText("Mayor Ana Ruiz said the city spent", { exact: false }).last().boundingBox();
  if (!handle || !words) throw new Error("The span editor's handle or text is not laid out");
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(words.x + 60, words.y + 8, { steps: 6 });
  await page.mouse.up();
  await expect(panel.getByTestId("span-status")).toContainText("Not saved yet.");
  await expect(panel.getByTestId("span-status")).not.toContainText("2019");
  await panel.getByRole("button", { name: "Undo the changes" }).click();
  await expect(panel.getByTestId("span-status")).toHaveText(/^The claim covers “Mayor Ana Ruiz said …” to “… .*2019 figure\.” \(\d+ words\)\.$/);

  // Keyboard: the buttons are reached and pressed with the keyboard; the new span is announced.
  const shrink = panel.getByRole("button", { name: "End one word earlier" });
  await shrink.focus();
  await page.keyboard.press("Enter");
  await expect(panel.getByTestId("span-status")).toHaveText("New words: “Mayor Ana Ruiz said …” to “… 2023, double the 2019” (17 words). Not saved yet.");
  await page.keyboard.press("Enter");
  await expect(panel.getByTestId("span-status")).toContainText("“… in 2023, double the” (16 words)");
  await page.screenshot({ path: testInfo.outputPath("span-editor.png"), fullPage: true });
  await panel.getByRole("button", { name: "Save the new words" }).click();
  const kept = "The claim covers “Mayor Ana Ruiz said …” to “… in 2023, double the” (16 words).";
  await expect(panel.getByTestId("span-status")).toHaveText(kept);

  // Split after "said".
  for (let i = 0; i < 4; i++) await panel.getByRole("button", { name: "Split point one word later" }).click();
  await expect(panel.getByTestId("split-status")).toHaveText("Split after “Mayor Ana Ruiz said”; the new claim starts “the city spent $4.2 million on …”");
  await page.screenshot({ path: testInfo.outputPath("split-point.png"), fullPage: true });
  await panel.getByRole("button", { name: "Split here" }).click();
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText("“the city spent $4.2 million on road repairs in 2023, double the”");
  const newClaimUrl = page.url();

  // Back to the first part, and merge the new claim into it again.
  await page.goto(newClaimUrl.replace(/[?&]claim=[^&]+/, ""));
  await page.getByRole("complementary", { name: "Claims" }).getByText("Mayor Ana Ruiz said", { exact: true }).click();
  await expect(page).toHaveURL(/claim=/);
  const mergedId = new URL(page.url()).searchParams.get("claim");
  await page.getByRole("article").getByText("Adjust span, split or merge").click();
  await expect(page.getByRole("article").getByText("Next: “the city spent")).toBeVisible();
  await page.getByRole("article").getByRole("button", { name: "Merge with next" }).click();
  await expect(page.getByRole("article").getByTestId("span-status")).toHaveText(kept);
  // The live update that follows may redraw the panel with its folds closed: open it again if so.
  const fold = page.getByRole("article").locator("details", { has: page.getByText("Adjust span, split or merge") });
  await expect(async () => {
    if (!(await fold.evaluate((d) => (d as HTMLDetailsElement).open))) await fold.locator("summary").click();
    await expect(page.getByRole("article").getByText("There is no claim after this one").or(page.getByRole("article").getByText("Next: “According"))).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  // Drawn as one mark, as if it had been detected whole: no seam where it was once split.
  const marks = page.getByTestId("article-body").locator(`a.claim-mark[data-claim-id="${mergedId}"]`);
  await expect(marks).toHaveCount(1);
  await expect(marks).toContainText("Mayor Ana Ruiz said the city spent $4.2 million on road repairs in 2023, double the");
  await page.screenshot({ path: testInfo.outputPath("merged.png"), fullPage: true });
});
