import { expect, test } from "@playwright/test";
import { demoArticleId, fixtures, openDemoArticle, signIn } from "./fixtures";

test("a viewer reads claims and reports but is offered no way to change them", async ({ page }) => {
  await signIn(page, "viewer");
  await expect(page.getByRole("link", { name: "Import article" })).toHaveCount(0);
  await openDemoArticle(page);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link").filter({ hasText: "Border security remains" }).click();
  const panel = page.getByRole("article");
  await expect(panel.getByRole("heading", { level: 2 })).toBeVisible();
  for (const control of ["Add a source", "Write my review", "Publish the verdict"]) await expect(panel.getByText(control)).toHaveCount(0);
  await expect(panel.getByRole("button")).toHaveCount(0);
  await page.goto("/w/demo/articles/new");
  await expect(page.getByText("Editors and admins import articles.")).toBeVisible();
  const report = await page.request.get(`/api/v1/articles/${await demoArticleId(page)}/report?format=md`);
  expect(report.status()).toBe(200);
});

test("the server refuses a viewer's write even from an editor's form", async ({ browser }) => {
  const viewerContext = await browser.newContext();
  await signIn(await viewerContext.newPage(), "viewer");
  const viewerCookies = await viewerContext.cookies();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "editor");
  await openDemoArticle(page);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link").filter({ hasText: "Escobar cast blame" }).click();
  const panel = page.getByRole("article");
  await expect(panel.getByText("Queue for checking")).toBeVisible();
  // Swap the editor's session for the viewer's, then use the form the editor was shown.
  await context.clearCookies();
  await context.addCookies(viewerCookies);
  await panel.getByRole("button", { name: "Queue for checking" }).click();
  await expect(panel.getByText("Your role in this workspace does not allow that.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("article").getByText("Detected", { exact: true })).toBeVisible();
  await viewerContext.close();
  await context.close();
});

test("another workspace's article is not found, through the API and the pages", async ({ page }) => {
  await signIn(page, "editor");
  for (const path of [`/api/v1/articles/${fixtures.otherArticleId}`, `/api/v1/articles/${fixtures.otherArticleId}/report?format=json`]) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "NOT_FOUND", message: "That article was not found." } });
  }
  const list = (await (await page.request.get("/api/v1/articles?workspace=demo")).json()) as { items: Array<{ id: string }> };
  expect(list.items.length).toBeGreaterThan(0);
  expect(list.items.map((a) => a.id)).not.toContain(fixtures.otherArticleId);
  const elsewhere = await page.request.get("/api/v1/articles?workspace=other-desk");
  expect(elsewhere.status()).toBe(404);
  await page.goto(`/w/other-desk/articles/${fixtures.otherArticleId}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Other desk's confidential draft")).toHaveCount(0);
});

test("an outsider cannot see the demo desk at all", async ({ page }) => {
  await signIn(page, "outsider");
  await expect(page).toHaveURL(/\/w\/other-desk$/);
  const response = await page.request.get("/api/v1/articles?workspace=demo");
  expect(response.status()).toBe(404);
  const workspaces = (await (await page.request.get("/api/v1/workspaces")).json()) as { items: Array<{ slug: string }> };
  expect(workspaces.items.map((w) => w.slug)).not.toContain("demo");
  await page.goto("/w/demo");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("signed out, the API answers 401 in JSON", async ({ request }) => {
  for (const path of ["/api/v1/articles", `/api/v1/articles/${fixtures.otherArticleId}`, `/api/v1/articles/${fixtures.otherArticleId}/report?format=md`]) {
    const response = await request.get(path);
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Sign in to continue." } });
  }
});

test("the server refuses a viewer's rewording of a claim even from an editor's form", async ({ browser }) => {
  const viewerContext = await browser.newContext();
  await signIn(await viewerContext.newPage(), "viewer");
  const viewerCookies = await viewerContext.cookies();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "editor");
  await openDemoArticle(page);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link").filter({ hasText: "Escobar cast blame" }).click();
  const panel = page.getByRole("article");
  const heading = await panel.getByRole("heading", { level: 2 }).innerText();
  await panel.getByText("Edit the statement").click();
  await panel.getByLabel("Statement as checked").fill("A viewer's wording");
  await context.clearCookies();
  await context.addCookies(viewerCookies);
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Your role in this workspace does not allow that.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText(heading);
  await viewerContext.close();
  await context.close();
});
