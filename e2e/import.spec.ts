import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test.beforeEach(async ({ page }) => {
  page.on("dialog", (dialog) => {
    throw new Error(`Unexpected dialog: ${dialog.message()}`);
  });
  await signIn(page, "editor");
  await page.getByRole("link", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { name: "Import an article" })).toBeVisible();
});

test("missing and malformed fields are explained at the field and nothing is imported", async ({ page }) => {
  await page.getByLabel("Article URL").fill("javascript:alert(document.cookie)");
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByText("Headline is required.")).toBeVisible();
  await expect(page.getByText("Paste the article's text.", { exact: true })).toBeVisible();
  await expect(page.getByText("Article URL must be a full web address starting with http:// or https://.")).toBeVisible();
  await expect(page).toHaveURL(/\/articles\/new$/);
});

test("text over 1 MB is refused with a clear message", async ({ page }) => {
  await page.getByLabel("Headline").fill("Too long");
  await page.getByLabel("Article text").fill("The council spent 4 million dollars. ".repeat(30_000));
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByText("The article text is over 1 MB. Split it into parts and import each one.")).toBeVisible();
});

test("an import detects claims at once and shows script tags as text", async ({ page }) => {
  const title = `<script>alert("x")</script> Council budget ${Date.now()}`;
  await page.getByLabel("Headline").fill(title);
  await page.getByLabel("Outlet").fill("City Wire");
  await page.getByLabel("Article URL").fill("https://example.org/council-budget");
  await page.getByLabel("Article text").fill(
    [
      "Mayor Ana Ruiz said the city spent $4.2 million on road repairs in 2023, double the 2019 figure.",
      "<script>alert('body')</script> The council will meet again next week.",
      "According to the budget office, property tax revenue rose 12 percent last year.",
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("article-body")).toContainText("<script>alert('body')</script>");
  const claims = page.getByRole("complementary", { name: "Claims" });
  await expect(claims.getByRole("heading", { name: /Claims \(2\)/ })).toBeVisible();
  await expect(claims.getByText("Mayor Ana Ruiz said the city spent $4.2 million")).toBeVisible();
});
