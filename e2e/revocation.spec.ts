import { expect, test } from "@playwright/test";
import pg from "pg";
import { fixtures, openDemoArticle, signIn } from "./fixtures";

// Access is decided from the database on every request: a signed-in session is worth nothing
// once the membership is gone or the account is disabled.
async function sql(text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: process.env.FACTDESK_E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

test("a removed member loses access at their next request", async ({ page }) => {
  await signIn(page, "leaver");
  await openDemoArticle(page);
  await sql(`DELETE FROM "Membership" WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [fixtures.users.leaver]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  const api = await page.request.get("/api/v1/articles?workspace=demo");
  expect(api.status()).toBe(404);
});

test("a disabled account is signed out of the API and the pages", async ({ page }) => {
  await signIn(page, "suspended");
  expect((await page.request.get("/api/v1/workspaces")).status()).toBe(200);
  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE email = $1`, [fixtures.users.suspended]);
  expect((await page.request.get("/api/v1/workspaces")).status()).toBe(401);
  await page.goto("/w/demo");
  await expect(page).toHaveURL(/\/login/);
});
