import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./fixtures";

// Sessions end on the server: a cookie copied into another browser (here, a second browser
// context) is worth nothing once its owner signs out, changes their password, ends that session
// or signs out everywhere.

const snap = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const hex = (bytes = 6) => randomBytes(bytes).toString("hex");

async function sql(text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: process.env.FACTDESK_E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A reviewer of the demo desk made for one test: their password and sessions are theirs alone. */
async function newPerson(password: string): Promise<string> {
  const [email, id] = [`e2e-sessions-${hex()}@factdesk.test`, `c${hex(12)}`];
  await sql(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ($1, $2, 'Sam Sessions', $3, now())`, [id, email, await hash(password)]);
  await sql(`INSERT INTO "Membership" ("id", "workspaceId", "userId", "role", "updatedAt") SELECT $1, "id", $2, 'REVIEWER', now() FROM "Workspace" WHERE "slug" = 'demo'`, [`c${hex(12)}`, id]);
  return email;
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
}

/** Another browser holding a copy of `from`'s cookies. */
async function copyOf(browser: Browser, from: BrowserContext): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(await from.cookies());
  return context.newPage();
}

async function expectSignedOut(page: Page) {
  await page.goto("/w/demo");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/v1/workspaces")).status()).toBe(401);
}

test("a copied session cookie is refused once its browser signs out", async ({ page, browser }) => {
  await signIn(page, "viewer");
  const copy = await copyOf(browser, page.context());
  await copy.goto("/w/demo");
  await expect(copy.getByRole("heading", { name: "Articles" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await expectSignedOut(copy);
  await copy.context().close();
});

test("a password change ends every other session and every copy of this one; this browser stays in", async ({ page, browser }) => {
  const password = `${hex(3)} tram under the bridge`;
  const email = await newPerson(password);
  await signInAs(page, email, password);
  const phone = await (await browser.newContext()).newPage();
  await signInAs(phone, email, password);
  const copy = await copyOf(browser, page.context());

  await page.locator("header summary").filter({ hasText: "account menu" }).click();
  await page.getByRole("link", { name: "Sign-in and security" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign-in and security" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Where you are signed in \(2\)/ })).toBeVisible();
  await expect(page.getByTestId("session-row").filter({ hasText: "This browser" })).toHaveCount(1);
  await expectNoAxeViolations(page);
  await snap(page, "account-security");

  // Refused first: a common password changes nothing.
  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password", { exact: true }).fill("Password123456");
  await page.getByLabel("New password again").fill("Password123456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/list of commonly used passwords/)).toBeVisible();
  await copy.goto("/w/demo");
  await expect(copy.getByRole("heading", { name: "Articles" })).toBeVisible();

  const next = `${hex(3)} ferry across the river`;
  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("New password again").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed. 1 other session was signed out." })).toBeVisible();
  await snap(page, "account-security-changed");

  await expectSignedOut(copy);
  await expectSignedOut(phone);
  // This browser got a new session with the change.
  await page.reload();
  await expect(page.getByRole("heading", { name: /Where you are signed in \(1\)/ })).toBeVisible();
  expect((await page.request.get("/api/v1/workspaces")).status()).toBe(200);
  await copy.context().close();
  await phone.context().close();
});

test("end one session from the list, then sign out everywhere", async ({ page, browser }) => {
  const password = `${hex(3)} lanterns on the quay`;
  const email = await newPerson(password);
  const [laptop, tablet] = [await (await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" })).newPage(), await (await browser.newContext()).newPage()];
  await signInAs(laptop, email, password);
  await signInAs(tablet, email, password);
  await signInAs(page, email, password);

  // The account page links to it.
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, "account");
  await page.getByRole("link", { name: /Sign-in and security/ }).click();
  await expect(page.getByRole("heading", { name: /Where you are signed in \(3\)/ })).toBeVisible();
  await page.getByRole("button", { name: /End session: Firefox on Linux/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Session ended: that browser is signed out." })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Where you are signed in \(2\)/ })).toBeFocused();
  await expectSignedOut(laptop);
  await tablet.goto("/w/demo");
  await expect(tablet.getByRole("heading", { name: "Articles" })).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectSignedOut(page);
  await expectSignedOut(tablet);
  await laptop.context().close();
  await tablet.context().close();
});
