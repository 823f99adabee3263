import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("someone on two desks switches between them, with the right role on each", async ({ page }) => {
  await signIn(page, "multi");
  await expect(page).toHaveURL(/\/w\/demo$/);
  await expect(page.getByText("· Viewer")).toBeVisible();
  await page.locator("header summary").filter({ hasText: "Demo Desk" }).click();
  await page.getByRole("link", { name: "Other Desk" }).click();
  await expect(page).toHaveURL(/\/w\/other-desk$/);
  await expect(page.getByText("· Reviewer")).toBeVisible();
  await expect(page.getByRole("link", { name: /Other desk's confidential draft/ })).toBeVisible();
});
