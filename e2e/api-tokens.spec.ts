import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./fixtures";

// A person makes an API token in their account, copies it, uses it from a program (Playwright's
// own request context: no browser cookies), revokes it, and the program is refused.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("create a token, use it against the API, revoke it", async ({ page, request }) => {
  await signIn(page, "editor");
  await page.locator("header summary").filter({ hasText: "account menu" }).click();
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expectNoAxeViolations(page);

  const name = `E2E script ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("radio", { name: /Read and write/ }).check();
  await page.getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();

  const created = page.getByTestId("new-token");
  await expect(created).toContainText("it is shown only this once");
  await expect(page.getByRole("button", { name: "Copy token" })).toBeFocused();
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const token = await page.evaluate(() => navigator.clipboard.readText());
  expect(token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByLabel("Your new API token")).toHaveValue(token);

  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Read and write");
  await expect(row).toContainText(token.slice(0, 9));
  await expect(row).not.toContainText(token.slice(9, 20));

  const auth = { Authorization: `Bearer ${token}` };
  const list = await request.get("/api/v1/workspaces", { headers: auth });
  expect(list.status()).toBe(200);
  expect(Number(list.headers()["x-ratelimit-limit"])).toBeGreaterThan(0);
  const { items } = (await list.json()) as { items: Array<{ slug: string; role: string }> };
  expect(items).toContainEqual(expect.objectContaining({ slug: "demo", role: "EDITOR" }));

  // Shown once: after a reload the page has only the prefix.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token revoked" })).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  const refused = await request.get("/api/v1/workspaces", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
});

test("the API reference lists every operation with its path, signed out too", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const contents = page.getByRole("navigation", { name: "On this page" });
  await contents.getByRole("link", { name: "List your workspaces" }).click();
  await expect(page).toHaveURL(/#getWorkspaces$/);
  const operation = page.getByRole("article", { name: "List your workspaces" });
  await expect(operation).toContainText("/api/v1/workspaces");
  await expect(operation.getByRole("group", { name: /curl example/ })).toContainText("Authorization: Bearer $FACTDESK_TOKEN");
  await expect(page.getByRole("article", { name: "Import an article", exact: true })).toContainText("title");
  await expect(page.getByRole("heading", { name: "Rate limits" })).toBeVisible();
  await expectNoAxeViolations(page);
});
