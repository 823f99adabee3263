import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { demoArticleId, signIn } from "./fixtures";

// The header on a phone: one line (the name and a Menu button) on every workspace page; the menu
// opens the navigation and the search box, closes with Escape (focus back on the button) and on
// navigating. On a desktop everything stays in one line, with no Menu button.

const header = (page: Page) => page.locator("header").first();
const menuButton = (page: Page) => header(page).locator("summary[aria-controls]");

async function headerHeight(page: Page): Promise<number> {
  const box = await header(page).boundingBox();
  if (!box) throw new Error("The header is not laid out");
  return box.height;
}

/** Chromium's own accessibility tree: the Menu button's role, name and expanded state. */
async function menuState(page: Page): Promise<{ role: string; name: string; expanded: boolean | undefined }> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: Array<{ role?: { value: string }; name?: { value: string }; properties?: Array<{ name: string; value: { value: unknown } }> }> };
  await cdp.detach();
  // "Menu", or "Menu, 2 unread in the inbox".
  const node = nodes.find((n) => /^Menu\b/.test(n.name?.value ?? "") && n.role?.value !== "StaticText");
  if (!node) throw new Error("No Menu control in the accessibility tree");
  const expanded = node.properties?.find((p) => p.name === "expanded")?.value.value as boolean | undefined;
  return { role: node.role?.value ?? "", name: node.name?.value ?? "", expanded };
}

test("the header is one line on a phone, with a menu for the links and the search box", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin");
  const articleId = await demoArticleId(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const pages = [`/w/demo/articles/${articleId}`, `/w/demo/articles/${articleId}/triage`, "/w/demo/search", "/inbox", "/w/demo/settings"];
  for (const url of pages) {
    await page.goto(url);
    // One line: the name and the Menu button (a line of the header is about 53 px tall).
    expect(await headerHeight(page), url).toBeLessThan(70);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
    await expect(menuButton(page)).toBeVisible();
    await expect(header(page).getByRole("link", { name: "Articles" })).toBeHidden();
  }

  // Open: the links and the search box; Escape closes it and puts the focus back on the button.
  await page.goto(`/w/demo/articles/${articleId}`);
  await expect(page.getByTestId("article-body")).toBeVisible();
  expect(await menuState(page)).toMatchObject({ expanded: false });
  await menuButton(page).focus();
  await page.keyboard.press("Enter");
  expect(await menuState(page)).toMatchObject({ expanded: true });
  const nav = header(page).getByRole("navigation", { name: "Workspace" });
  await expect(nav.getByRole("link", { name: "Articles" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(header(page).getByRole("searchbox", { name: "Search this workspace" })).toBeVisible();
  await expect(header(page).getByRole("link", { name: /^Inbox/ })).toBeVisible();
  await expect(header(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
  // Tab moves from the button into the menu (its first link, or the workspace switcher when the
  // person has several workspaces).
  await page.keyboard.press("Tab");
  await expect(nav.locator(":focus")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(nav.getByRole("link", { name: "Articles" })).toBeHidden();
  await expect(menuButton(page)).toBeFocused();
  expect(await menuState(page)).toMatchObject({ expanded: false });

  // Following a link in the menu closes it.
  await menuButton(page).click();
  await nav.getByRole("link", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/search/);
  await expect(nav.getByRole("link", { name: "Articles" })).toBeHidden();
  await expect(menuButton(page)).toBeVisible();

  // A desktop: everything in one line, no Menu button.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const url of pages) {
    await page.goto(url);
    expect(await headerHeight(page), url).toBeLessThan(70);
    await expect(menuButton(page)).toBeHidden();
    await expect(header(page).getByRole("link", { name: "Articles" })).toBeVisible();
    await expect(header(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  await page.goto(`/w/demo/articles/${articleId}`);
  await expect(header(page).getByRole("searchbox", { name: "Search this workspace" })).toBeVisible();
});
