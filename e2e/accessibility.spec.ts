import { expect, test } from "@playwright/test";
import { openDemoArticle, signIn } from "./fixtures";
import { expectNoAxeViolations } from "./axe";
import { importArticle, personAt } from "./live";

// WCAG 2.2 A and AA checks by axe on the screens people spend their day in.

test("the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expectNoAxeViolations(page);
});

test("the article list, the import form and an article with a claim open", async ({ page }) => {
  await signIn(page, "editor");
  await expectNoAxeViolations(page);
  await page.goto("/w/demo/articles/new");
  await expectNoAxeViolations(page);
  await openDemoArticle(page);
  await expectNoAxeViolations(page);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link").filter({ hasText: "Border security remains" }).click();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a live article with colleagues present, and the conflict view", async ({ browser }) => {
  const stamp = Date.now();
  const a = await personAt(browser, "editor");
  await importArticle(a, `Accessible desk ${stamp}`, "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.");
  await a.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: /unemployment fell/ }).click();
  const b = await personAt(browser, "admin");
  await b.goto(new URL(a.url()).pathname + new URL(a.url()).search);
  await expect(a.getByRole("article").getByTestId("claim-presence")).toContainText("E2E Admin");
  await expectNoAxeViolations(a);
  await a.getByRole("article").getByText("Edit the statement").click();
  await b.getByRole("article").getByText("Edit the statement").click();
  await a.getByLabel("Statement as checked").fill(`A ${stamp}`);
  await b.getByLabel("Statement as checked").fill(`B ${stamp}`);
  await b.getByRole("button", { name: "Save claim" }).click();
  await expect(b.getByText("Claim saved.")).toBeVisible();
  await a.getByRole("button", { name: "Save claim" }).click();
  await expect(a.getByTestId("conflict-view")).toBeVisible();
  await expect(a.getByRole("heading", { name: "Someone else saved this while you were editing" })).toBeFocused();
  await expectNoAxeViolations(a);
  for (const page of [a, b]) await page.context().close();
});
