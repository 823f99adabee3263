import { expect, test, type Page } from "@playwright/test";
import { openDemoArticle, signIn } from "./fixtures";

const CLAIM = "Biden, who pledged to restore the US immigration system";

async function openClaim(page: Page) {
  await openDemoArticle(page);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link").filter({ hasText: CLAIM }).click();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toContainText(CLAIM);
  return page.getByRole("article");
}

test("a reviewer edits and removes their own source; colleagues cannot", async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, "reviewer2");
  const panel = await openClaim(owner);
  await panel.getByLabel("URL").fill("https://www.whitehouse.gov/briefing-room/");
  await panel.getByLabel("Title").fill("Briefing room archive");
  await panel.getByRole("button", { name: "Add source" }).click();
  await expect(panel.getByText("Source added.")).toBeVisible();

  await panel.getByText("Edit source").click();
  const editForm = panel.locator("form").filter({ has: owner.getByRole("button", { name: "Save source" }) });
  await editForm.getByLabel("Title").fill("White House briefing room");
  await editForm.getByRole("button", { name: "Save source" }).click();
  await expect(panel.getByText("Source saved.")).toBeVisible();
  await expect(panel.getByRole("link", { name: "White House briefing room" })).toBeVisible();

  const colleague = await (await browser.newContext()).newPage();
  await signIn(colleague, "reviewer");
  const colleaguePanel = await openClaim(colleague);
  await expect(colleaguePanel.getByRole("link", { name: "White House briefing room" })).toBeVisible();
  await expect(colleaguePanel.getByText("Edit source")).toHaveCount(0);
  await expect(colleaguePanel.getByRole("button", { name: "Remove source" })).toHaveCount(0);

  owner.once("dialog", (dialog) => void dialog.accept());
  await panel.getByRole("button", { name: "Remove source" }).click();
  await expect(panel.getByRole("heading", { name: "Sources (0)" })).toBeVisible();
  await expect(panel.getByText("removed the source “White House briefing room”")).toBeVisible();
});
