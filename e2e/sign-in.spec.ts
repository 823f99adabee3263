import { expect, test } from "@playwright/test";
import { fixtures, signIn } from "./fixtures";

test("a wrong password is refused with a clear message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(fixtures.users.reviewer);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toHaveText("That email and password do not match an account.");
  await expect(page).toHaveURL(/\/login/);
  const api = await page.request.get("/api/v1/articles");
  expect(api.status()).toBe(401);
});

test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/w/demo");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in to your desk" })).toBeVisible();
});

test("a member signs in to their desk and signs out again", async ({ page }) => {
  await signIn(page, "reviewer");
  await expect(page).toHaveURL(/\/w\/demo$/);
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await expect(page.getByText("E2E Reviewer")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/v1/articles")).status()).toBe(401);
});
