import { expect, test, type Page } from "@playwright/test";
import { totpCodeForStep, totpStep } from "../lib/auth/two-factor";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./fixtures";

// The whole two-factor journey in the browser, for a person made for this run (an admin invites
// them): set it up by typing the key the page shows (the test computes the codes as an app
// would), save the recovery codes, sign out, sign in with a code, see a replayed code refused,
// sign in with a recovery code, see it refused the second time. Every screen passes axe.

const snap = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const PASSWORD = "correct horse battery staple";

async function invitedPerson(admin: Page, email: string): Promise<string> {
  await signIn(admin, "admin");
  await admin.goto("/w/demo/settings/invitations");
  await admin.getByLabel("Role").selectOption({ label: "Reviewer" });
  await admin.getByLabel(/^For/).fill(email);
  await admin.getByRole("button", { name: "Create invitation link" }).click();
  return admin.getByRole("textbox", { name: "Invitation link" }).inputValue();
}

async function passwordStep(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("set up two-factor sign-in, then sign in with a code and with a recovery code", async ({ page: admin, browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const email = `totp-${stamp}@factdesk.test`;
  const link = await invitedPerson(admin, email);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(`Totp Person ${stamp}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);

  // Enrol: from the account menu, read the key as someone typing it into their app would.
  await page.locator("header summary").filter({ hasText: "account menu" }).click();
  await page.getByRole("link", { name: "Two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor sign-in" })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const key = page.getByTestId("totp-secret");
  await expect(key).toBeVisible();
  const secret = (await key.innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: /QR code to add Factdesk/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, "two-factor-enrol");

  const enrolStep = totpStep(Date.now());
  await page.getByLabel("Code from the app").fill("000000" === totpCodeForStep(secret, enrolStep) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText("That code does not match")).toBeVisible();
  await expect(page.getByLabel("Code from the app")).toBeFocused();
  await page.getByLabel("Code from the app").fill(totpCodeForStep(secret, enrolStep));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const codesBox = page.getByTestId("recovery-codes");
  await expect(codesBox).toContainText("shown only this once");
  const codes = (await page.getByRole("textbox", { name: "Recovery codes" }).inputValue()).split("\n");
  expect(codes).toHaveLength(10);
  await expectNoAxeViolations(page);
  await snap(page, "two-factor-recovery-codes");
  await page.getByRole("link", { name: "I have saved them" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in is on" })).toBeVisible();
  await expect(page.getByText("You have 10 unused recovery codes.")).toBeVisible();
  await expect(page.getByTestId("totp-secret")).toHaveCount(0);
  await signOut(page);

  // Sign in with a code: the password first, then the code step with the keyboard in its field.
  await passwordStep(page, email);
  const codeField = page.getByLabel("Authentication code");
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeField).toHaveAttribute("inputmode", "numeric");
  await expectNoAxeViolations(page);
  await snap(page, "login-code-step");
  const next = totpCodeForStep(secret, enrolStep + 1);
  await codeField.fill(next === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.locator("#login-error")).toContainText("That code is not right.");
  await expect(codeField).toBeFocused();
  await snap(page, "login-code-wrong");
  await codeField.fill(next);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
  await signOut(page);

  // The same code again, within its window: refused. Then a recovery code.
  await passwordStep(page, email);
  await page.getByLabel("Authentication code").fill(next);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.locator("#login-error")).toContainText("That code was already used.");
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  const recoveryField = page.getByLabel("Recovery code");
  await expect(recoveryField).toBeFocused();
  await recoveryField.fill(codes[0] ?? "");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
  await page.goto("/account/two-factor");
  await expect(page.getByText("You have 9 unused recovery codes.")).toBeVisible();
  await signOut(page);

  // A recovery code works once.
  await passwordStep(page, email);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0] ?? "");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.locator("#login-error")).toContainText("That code is not right.");
  await expect(page).toHaveURL(/\/login/);

  // The admin sees who has it on.
  await admin.goto("/w/demo/settings/members");
  await expect(admin.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await expect(admin.getByRole("row", { name: new RegExp(`Totp Person ${stamp}`) }).getByRole("cell", { name: "On", exact: true })).toBeVisible();
  await expectNoAxeViolations(admin);
  await snap(admin, "members-two-factor");

  // Turning it off takes the password; then the password alone signs in. (The code step is still
  // on recovery codes from the refused attempt.)
  await page.getByLabel("Recovery code").fill(codes[1] ?? "");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
  await page.goto("/account/two-factor");
  const turnOff = page.locator("section", { has: page.getByRole("heading", { name: "Turn off two-factor sign-in" }) });
  await turnOff.getByLabel("Your password").fill(PASSWORD);
  page.once("dialog", (dialog) => void dialog.accept());
  await turnOff.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Two-factor sign-in is off." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Set up two-factor sign-in" })).toBeVisible();
  await signOut(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/w\/demo$/);
  await context.close();
});
