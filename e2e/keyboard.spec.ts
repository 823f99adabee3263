import { existsSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./fixtures";
import { importArticle, personAt } from "./live";

// Whole reviews without a mouse. Chromium runs with caret browsing (F7 in the browser) on, so
// words in the article can be selected with Shift and the arrow keys, as a keyboard user does.
test.use({
  launchOptions: {
    executablePath: process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    args: ["--enable-caret-browsing", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
});

const FILLER = "The council chamber was quiet on Tuesday evening as residents waited for the meeting to begin. Some read the agenda, others talked about the weather and the harbour.";
const BODY = [
  "Mayor Ana Ruiz said the city spent $4.2 million on road repairs in 2023, double the 2019 figure.",
  FILLER, FILLER, FILLER, FILLER, FILLER,
  "According to the budget office, property tax revenue rose 12 percent last year.",
  FILLER, FILLER, FILLER, FILLER, FILLER,
  "The quiet harbour town keeps its old lanterns lit through the winter months.",
  FILLER, FILLER,
  "Police Chief Dan Ortiz said burglaries fell by 30 percent since 2021.",
].join("\n");

let articlePath = "";

test.beforeAll(async ({ browser }) => {
  const editor = await personAt(browser, "editor");
  articlePath = await importArticle(editor, `Keyboard desk ${Date.now()}`, BODY);
  await editor.context().close();
});

const snap = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });
const claimIdOf = (page: Page) => new URL(page.url()).searchParams.get("claim");
const panel = (page: Page) => page.getByRole("article");
const activeIsBody = (page: Page) => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

async function openArticle(page: Page, who: "reviewer" | "reviewer2" | "editor" = "reviewer") {
  await signIn(page, who);
  await page.goto(articlePath);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Keyboard desk");
  await expect(page.getByTestId("article-presence")).toContainText("Live");
}

/** Presses a single key and waits for the claim it opens. */
async function pressToOpen(page: Page, key: string) {
  const before = claimIdOf(page);
  await page.keyboard.press(key);
  await expect.poll(() => claimIdOf(page)).not.toBe(before);
  const id = claimIdOf(page) ?? "";
  await expect(panel(page).getByRole("heading", { level: 2 })).toBeFocused();
  return id;
}

test("a reviewer checks a claim from first key to saved review without the mouse", async ({ page }) => {
  page.on("dialog", (dialog) => {
    throw new Error(`Unexpected dialog: ${dialog.message()}`);
  });
  await openArticle(page);

  // j opens the first claim, and says so while it loads (here slowed down on purpose).
  await page.route(/_rsc=/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    // A request still held here when the route is removed below has been let through already.
    await route.continue().catch(() => {});
  });
  await page.keyboard.press("j");
  await expect(page.getByTestId("keyboard-status")).toHaveText("Opening claim…");
  await expect(panel(page).getByRole("heading", { level: 2 })).toBeFocused();
  await expect(page.getByTestId("keyboard-status")).toHaveText("");
  await page.unroute(/_rsc=/);
  // j again: the next claim further down; its heading and its mark come into view.
  const second = await pressToOpen(page, "j");
  await expect(panel(page).getByRole("heading", { level: 2 })).toContainText("property tax revenue rose 12 percent");
  await expect(panel(page).getByText(/Claim 2 of \d+/)).toBeVisible();
  await expect(page.locator(`[data-testid="article-body"] [data-claim-id="${second}"]`).first()).toBeInViewport();
  await expect(panel(page).getByRole("heading", { level: 2 })).toBeInViewport();
  await snap(page, "keyboard-claim-open");

  // s: "Add a source" opens with the caret in its first field; Ctrl+Enter submits.
  await page.keyboard.press("s");
  await expect(panel(page).getByLabel("URL")).toBeFocused();
  await page.keyboard.type("https://example.org/budget-2024");
  await page.keyboard.press("Tab");
  await expect(panel(page).getByLabel("Title")).toBeFocused();
  await page.keyboard.type("City budget 2024");
  await page.keyboard.press("Control+Enter");
  await expect(panel(page).getByText("Source added.")).toBeVisible();
  await expect(panel(page).getByRole("link", { name: "City budget 2024" })).toBeVisible();
  expect(await activeIsBody(page)).toBe(false);

  // Esc closes the (now empty) form without asking; focus lands on what opened it.
  await page.keyboard.press("Escape");
  await expect(panel(page).getByText("Add a source", { exact: true })).toBeFocused();

  // r: the review form, caret on the rating; choose with the arrow keys; submit from the button.
  await page.keyboard.press("r");
  const rating = panel(page).getByLabel("Rating");
  await expect(rating).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(rating).not.toHaveValue("");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(panel(page).getByLabel("Rationale")).toBeFocused();
  await page.keyboard.type("The budget office's figures show the rise; j and k typed here stay text.");
  expect(claimIdOf(page)).toBe(second);
  await page.keyboard.press("Tab");
  await expect(panel(page).getByRole("button", { name: "Submit my review" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(panel(page).getByText("Your review is saved.")).toBeVisible();
  // The button was disabled while saving, which drops focus; it comes back, never to the body.
  await expect.poll(() => activeIsBody(page)).toBe(false);
  await expect(panel(page).locator("summary", { hasText: "Update my review" })).toBeFocused();
  await snap(page, "keyboard-review-saved");

  // k goes back to the first claim.
  await page.keyboard.press("k");
  await expect(panel(page).getByRole("heading", { level: 2 })).toContainText("Mayor Ana Ruiz");
});

test("the shortcuts dialog: opened by ? and by its button, no axe violations, focus comes back", async ({ page }) => {
  await openArticle(page);
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("row", { name: /Next claim j/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await snap(page, "keyboard-help");
  // j does nothing while the dialog is open.
  await page.keyboard.press("j");
  expect(claimIdOf(page)).toBeNull();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await activeIsBody(page)).toBe(false);

  const button = page.getByRole("button", { name: "Keyboard shortcuts" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
});

test("single-key shortcuts can be turned off, and remapped with duplicates refused", async ({ page }) => {
  await openArticle(page, "reviewer2");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await page.keyboard.press("?");
  await dialog.getByRole("checkbox", { name: "Use single-key shortcuts" }).focus();
  await page.keyboard.press("Space");
  await expect(dialog.getByRole("status")).toHaveText("Single-key shortcuts are off.");
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await page.waitForTimeout(500);
  expect(claimIdOf(page)).toBeNull();

  await page.getByRole("button", { name: "Keyboard shortcuts" }).focus();
  await page.keyboard.press("Enter");
  await dialog.getByRole("checkbox", { name: "Use single-key shortcuts" }).focus();
  await page.keyboard.press("Space");
  await dialog.getByRole("button", { name: "Change key for Next claim" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Press a key for Next claim" })).toBeFocused();
  await page.keyboard.press("k");
  await expect(dialog.getByRole("status")).toContainText("“k” already does “Previous claim”");
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("status")).toContainText("cannot be a shortcut");
  await page.keyboard.press("n");
  await expect(dialog.getByRole("status")).toHaveText("Next claim is now “n”.");
  await expect(dialog.getByRole("row", { name: /Next claim n/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("j");
  await page.waitForTimeout(500);
  expect(claimIdOf(page)).toBeNull();
  await pressToOpen(page, "n");
  // Saved in this browser: still "n" after a reload.
  await page.reload();
  await expect(page.getByTestId("article-presence")).toContainText("Live");
  await pressToOpen(page, "n");
});

test("drafts are never thrown away without asking; the skip link reaches the panel", async ({ page }) => {
  await openArticle(page, "reviewer2");
  // The skip link is the first stop inside the page's main content.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent)) === "Skip to claim panel") break;
  }
  const skip = page.getByRole("link", { name: "Skip to claim panel" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await snap(page, "keyboard-skip-link");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /^Claims/ })).toBeFocused();

  await pressToOpen(page, "j");
  await page.keyboard.press("r");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("A draft with j and k in it");
  const first = claimIdOf(page);
  expect(first).not.toBeNull();

  // Esc on a form with unsaved text asks; declining keeps the text.
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.keyboard.press("Escape");
  await expect.poll(() => asked).toContain("Discard your unsaved changes to “Write my review”?");
  await expect(panel(page).getByLabel("Rationale")).toHaveValue("A draft with j and k in it");

  // j from outside the form, with the draft still there, asks too.
  await panel(page).getByRole("heading", { level: 2 }).focus();
  asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.keyboard.press("j");
  await expect.poll(() => asked).toContain("Discard your unsaved changes");
  expect(claimIdOf(page)).toBe(first);

  // Agreeing closes the form, and focus goes to its title.
  await panel(page).getByLabel("Rationale").focus();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.keyboard.press("Escape");
  await expect(panel(page).getByText("Write my review", { exact: true })).toBeFocused();
  await expect(panel(page).getByLabel("Rationale")).toBeHidden();

  // Esc with no form open goes back to the list, focus on the claim's row.
  await page.keyboard.press("Escape");
  await expect.poll(() => claimIdOf(page)).toBeNull();
  await expect(page.locator(`#claim-panel a[data-claim-id="${first}"]`)).toBeFocused();
});

test("words selected with the keyboard become a claim, and the page keeps its place", async ({ page }) => {
  await openArticle(page, "reviewer2");
  const words = "old lanterns lit";
  // The caret is put before the words (as caret browsing does), then Shift+arrows select them.
  await page.getByTestId("article-body").evaluate((root, target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at < 0) continue;
      node.parentElement?.scrollIntoView({ block: "center" });
      const range = document.createRange();
      range.setStart(node, at);
      range.collapse(true);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      return;
    }
    throw new Error("words not found");
  }, words);
  for (let i = 0; i < words.length; i++) await page.keyboard.press("Shift+ArrowRight");
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(words);
  await expect(page.getByRole("button", { name: "Add claim" })).toBeVisible();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(200);
  await snap(page, "keyboard-selection");

  await page.keyboard.press("a");
  await expect(panel(page).getByRole("heading", { level: 2 })).toHaveText("“old lanterns lit”");
  const id = claimIdOf(page) ?? "";
  await expect(page.locator(`[data-testid="article-body"] [data-claim-id="${id}"]`).first()).toBeInViewport();
  // No jump to the top of the page.
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(200);
  expect(await activeIsBody(page)).toBe(false);
});

test("the article page with a claim open and the shortcuts dialog passes axe", async ({ page }) => {
  await openArticle(page, "editor");
  await pressToOpen(page, "j");
  await page.keyboard.press("e");
  await expect(panel(page).getByLabel("Statement as checked")).toBeFocused();
  await expectNoAxeViolations(page);
});

test("“/” goes to the workspace search box from any workspace page, never while typing, and follows the shortcut settings", async ({ page }) => {
  await openArticle(page, "reviewer");
  const box = page.getByRole("searchbox", { name: "Search this workspace" });
  await expect(box).toHaveAttribute("aria-keyshortcuts", "/");
  // The article page: "/" focuses the header's box (the browser's quick find no longer has it).
  await page.keyboard.press("/");
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("");
  await page.locator("header").first().screenshot({ path: test.info().outputPath("search-shortcut-header.png") });
  await page.keyboard.type("burglaries");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=burglaries/);
  // The search page has its own box: "/" goes there, with the words selected to type over.
  const pageBox = page.getByRole("searchbox", { name: "Search words" });
  await pageBox.blur();
  await page.keyboard.press("/");
  await expect(pageBox).toBeFocused();
  expect(await pageBox.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0))).toBe("burglaries");

  // In a text field "/" is a character (keys pressed before the page has hydrated go nowhere, so
  // wait for its live connection as openArticle does).
  await page.goto(articlePath);
  await expect(page.getByTestId("article-presence")).toContainText("Live");
  await pressToOpen(page, "j");
  await page.keyboard.press("r");
  const rationale = panel(page).getByLabel("Rationale");
  await rationale.focus();
  await page.keyboard.type("a/b");
  await expect(rationale).toHaveValue("a/b");
  await expect(box).not.toBeFocused();
  await rationale.fill("");

  // Listed in the help, remappable like every single key, and off with the others.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog.getByRole("row", { name: /Go to the workspace search box.*\// })).toBeVisible();
  await dialog.getByRole("checkbox", { name: "Use single-key shortcuts" }).uncheck();
  await page.keyboard.press("Escape");
  // Another workspace page (the article list).
  await page.goto(articlePath.split("/articles/")[0]!);
  await page.keyboard.press("/");
  await page.waitForTimeout(300);
  await expect(box).not.toBeFocused();
  await page.evaluate(() => window.localStorage.removeItem("factdesk.shortcuts"));
  await page.reload();
  // A key pressed before the fresh page has hydrated goes nowhere (this page has no live
  // connection to wait for): press again until the page takes it.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(box).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(box).toHaveValue("");
});
