import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { withFreshIds } from "../lib/testing/backup-copy";
import type { Backup } from "../lib/validation/backup";
import { DEMO_TITLE, signIn } from "./fixtures";

// An admin downloads the demo desk's backup and restores it into a new, empty workspace through
// the settings page. On this server the demo's records already exist, so the file as downloaded
// is refused with a clear message; the same desk with fresh ids (as from another server) comes in.

test("an admin downloads a backup and restores it into a new empty workspace", async ({ page }, testInfo) => {
  const snap = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await signIn(page, "admin");

  await page.goto("/w/demo/settings/backup");
  await expect(page.getByRole("heading", { level: 1, name: "Backup" })).toBeVisible();
  await expect(page.getByText(/restored into an empty workspace only/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore backup" })).toHaveCount(0);
  await snap("backup-demo");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download backup (.json)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^factdesk-demo-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await download.path(), "utf8");
  const backup = JSON.parse(text) as Backup;
  expect(backup).toMatchObject({ format: "factdesk-backup", version: 1, workspace: { slug: "demo" } });
  expect(backup.articles.map((a) => a.title)).toContain(DEMO_TITLE);
  expect(text).not.toMatch(/passwordHash|tokenHash|"secret"/);

  const slug = `restored-${Date.now().toString(36)}`;
  await page.goto("/w/demo/settings/new-workspace");
  await page.getByLabel("Name").fill("Restored Desk");
  await page.getByLabel("Address").fill(slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings$`));

  await page.goto(`/w/${slug}/settings/backup`);
  await expect(page.getByRole("button", { name: "Restore backup" })).toBeVisible();
  await snap("backup-empty");
  page.on("dialog", (dialog) => void dialog.accept());

  await page.getByLabel("Backup file").setInputFiles({ name: download.suggestedFilename(), mimeType: "application/json", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Restore backup" }).click();
  await expect(page.getByRole("region", { name: "Restore a backup" }).getByRole("alert")).toContainText('already exist on this server (in workspace "demo")');
  await snap("backup-refused");

  const copy = withFreshIds(backup, `e2e${Date.now().toString(36)}-`);
  await page.getByLabel("Backup file").setInputFiles({ name: "copy.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(copy)) });
  await page.getByRole("button", { name: "Restore backup" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings/backup\\?restored=1$`));
  await expect(page.getByText("Backup restored.")).toBeVisible();
  await expect(page.getByText(new RegExp(`${backup.claims.length.toLocaleString("en-US")} claims`))).toBeVisible();
  await expect(page.getByText(/restored into an empty workspace only/)).toBeVisible();
  await snap("backup-restored");

  await page.goto(`/w/${slug}`);
  await expect(page.getByRole("link", { name: new RegExp(DEMO_TITLE.slice(0, 20)) })).toBeVisible();
});
