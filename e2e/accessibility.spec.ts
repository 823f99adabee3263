import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openDemoArticle, signIn } from "./fixtures";

// WCAG 2.2 A and AA checks by axe on the screens people spend their day in.
async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  expect(summary).toEqual([]);
}

test("the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expectNoViolations(page);
});

test("the article list, the import form and an article with a claim open", async ({ page }) => {
  await signIn(page, "editor");
  await expectNoViolations(page);
  await page.goto("/w/demo/articles/new");
  await expectNoViolations(page);
  await openDemoArticle(page);
  await expectNoViolations(page);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link").filter({ hasText: "Border security remains" }).click();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toBeVisible();
  await expectNoViolations(page);
});
