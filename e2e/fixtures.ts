import { expect, type Page } from "@playwright/test";

// Accounts made for this run by scripts/test.ts (see scripts/lib/e2e-fixtures.ts).
type Who = "admin" | "editor" | "reviewer" | "reviewer2" | "viewer" | "outsider" | "leaver" | "suspended" | "multi";
type Fixtures = { password: string; users: Record<Who, string>; otherArticleId: string };

function readFixtures(): Fixtures {
  const raw = process.env.FACTDESK_E2E;
  if (!raw) throw new Error("FACTDESK_E2E is not set: run the end-to-end tests through `npm test`.");
  return JSON.parse(raw) as Fixtures;
}

export const fixtures = readFixtures();
export const DEMO_TITLE = "Biden’s border concessions put him at odds with key allies";

export async function signIn(page: Page, who: Who): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(fixtures.users[who]);
  await page.getByLabel("Password").fill(fixtures.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
}

export async function openDemoArticle(page: Page): Promise<void> {
  await page.goto("/w/demo");
  await page.getByRole("link", { name: new RegExp(DEMO_TITLE.slice(0, 20)) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_TITLE })).toBeVisible();
}

/** The id of the demo article, read through the API with the page's session. */
export async function demoArticleId(page: Page): Promise<string> {
  const response = await page.request.get("/api/v1/articles?workspace=demo");
  const { items } = (await response.json()) as { items: Array<{ id: string; title: string }> };
  const article = items.find((a) => a.title === DEMO_TITLE);
  if (!article) throw new Error("The demo article is missing");
  return article.id;
}
