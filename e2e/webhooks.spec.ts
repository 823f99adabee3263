import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./fixtures";

// An admin registers a webhook, copies its secret (shown once), sends a test event and sees the
// delivery recorded by the worker the app instances run. The URL is a public address literal:
// with no internet here the attempt fails, and the failure is what gets recorded.

const snap = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("an admin registers a webhook, sees its secret once, sends a test event and sees the delivery", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const url = `https://93.184.215.14/factdesk-e2e-${stamp}`;
  const description = `E2E receiver ${stamp}`;
  page.on("dialog", (dialog) => void dialog.accept());

  await signIn(page, "admin");
  await page.goto("/w/demo/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Refused at the field: not https.
  await page.getByLabel("Payload URL").fill("http://93.184.215.14/x");
  await page.getByRole("button", { name: "Register webhook" }).click();
  await expect(page.getByText("The URL must start with https://.")).toBeVisible();

  await page.getByLabel("Payload URL").fill(url);
  await page.getByLabel(/^Description/).fill(description);
  await page.getByLabel("A published verdict is corrected").uncheck();
  await page.getByRole("button", { name: "Register webhook" }).click();
  const secret = page.getByLabel("Signing secret");
  await expect(secret).toHaveValue(/^whsec_[A-Za-z0-9_-]{43}$/);
  const hook = page.getByRole("listitem", { name: `Webhook ${description}` });
  await expect(hook.getByText(url)).toBeVisible();
  await expect(hook.getByText("claim.published")).toBeVisible();
  await expect(hook.getByText("decision.corrected")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await snap(page, "webhooks-created");

  // Shown once: gone after a reload.
  await page.reload();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);

  await hook.getByRole("button", { name: `Send test event to ${description}` }).click();
  await expect(hook.getByText(/Test event queued/)).toBeVisible();
  const delivery = hook.getByTestId("webhook-delivery").filter({ hasText: "webhook.test" });
  await expect(delivery).toHaveCount(1);

  // The worker picks it up within seconds and records the attempt (here: a failure, retried later).
  await expect(async () => {
    await page.reload();
    await expect(delivery.getByText(/Retrying|Delivered|Failed/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 40_000, intervals: [1_000, 2_000] });
  await expect(delivery.locator("td").nth(3)).toHaveText("1");
  await expectNoAxeViolations(page);
  await snap(page, "webhooks-delivery");

  await hook.getByRole("button", { name: `Disable ${description}` }).click();
  await expect(hook.getByText("Disabled", { exact: true })).toBeVisible();
  await hook.getByRole("button", { name: `Delete ${description}` }).click();
  await expect(page.getByRole("listitem", { name: `Webhook ${description}` })).toHaveCount(0);
});

test("an editor does not get the webhook settings", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/w/demo/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
