import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { importArticle, personAt } from "./live";

// Discussion on a claim: a reviewer brings a colleague in with an @mention picked by keyboard;
// the colleague finds it in their inbox, opens it onto the claim, and replies; the author edits.

const BODY = "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.";

const panelOf = (page: Page) => page.getByRole("article");
const discussion = (page: Page) => page.getByRole("region", { name: /Discussion/ });

async function openClaim(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: /unemployment fell/ }).click();
  await expect(panelOf(page).getByRole("heading", { level: 2, name: /unemployment fell/ })).toBeVisible();
}

/** Moves through the @ list with the arrow keys until `name` is the active option. */
async function arrowTo(page: Page, name: string) {
  const listbox = page.getByRole("listbox", { name: "Members to mention" });
  await expect(listbox).toBeVisible();
  for (let i = 0; i < 12; i += 1) {
    if ((await listbox.getByRole("option", { selected: true }).textContent())?.includes(name)) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`${name} never became the active option`);
}

test("mention by keyboard, the inbox line, opening it onto the claim, reply and edit", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const editor = await personAt(browser, "editor");
  const path = await importArticle(editor, `Discussion desk ${stamp}`, BODY);
  await editor.context().close();

  const reviewer = await personAt(browser, "reviewer");
  const dialogs: string[] = [];
  reviewer.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openClaim(reviewer, path);
  await expect(discussion(reviewer).getByText("No comments yet.", { exact: false })).toBeVisible();

  // A mention of someone outside the desk is refused at the field, and nothing is posted.
  const box = discussion(reviewer).getByRole("combobox", { name: "Add a comment" });
  await box.fill("Hello @[Ghost](c0notamember0000000000000)");
  await discussion(reviewer).getByRole("button", { name: "Post comment" }).click();
  await expect(discussion(reviewer).getByText("@Ghost is not an active member of this workspace.", { exact: false }).first()).toBeVisible();
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(discussion(reviewer).getByRole("list", { name: "Comments" })).toHaveCount(0);

  // Typing @ offers the members; the arrow keys move, Enter picks.
  await box.fill("");
  await box.pressSequentially(`Stamp ${stamp}: does https://www.bls.gov/cps/ back this? @E2E`);
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expect(reviewer.getByRole("option", { name: /E2E Reviewer2/ })).toBeVisible();
  await expect(reviewer.getByRole("option", { name: /^E2E Reviewer\b(?!2)/ })).toHaveCount(0); // not oneself
  await arrowTo(reviewer, "E2E Reviewer2");
  await expectNoAxeViolations(reviewer);
  await reviewer.screenshot({ path: testInfo.outputPath("autocomplete.png") });
  await reviewer.keyboard.press("Enter");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.pressSequentially(`please look. <script>alert("x")</script>`);
  await expect(box).toHaveValue(`Stamp ${stamp}: does https://www.bls.gov/cps/ back this? @E2E Reviewer2 please look. <script>alert("x")</script>`);
  // Escape closes the list without leaving the claim.
  await box.pressSequentially(" @E2E");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await reviewer.keyboard.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(panelOf(reviewer)).toBeVisible();
  for (let i = 0; i < 5; i += 1) await box.press("Backspace");
  await discussion(reviewer).getByRole("button", { name: "Post comment" }).click();
  await expect(discussion(reviewer).getByText("Comment posted.")).toBeVisible();

  const comments = discussion(reviewer).getByRole("list", { name: "Comments" });
  const first = comments.getByRole("listitem").filter({ hasText: String(stamp) }).first();
  await expect(first.getByText("@E2E Reviewer2", { exact: true })).toBeVisible();
  const link = first.getByRole("link", { name: "https://www.bls.gov/cps/" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(first.getByRole("paragraph").filter({ hasText: `please look. <script>alert("x")</script>` })).toBeVisible();
  expect(await panelOf(reviewer).locator("script").count()).toBe(0);
  expect(await box.inputValue()).toBe("");

  // The mentioned colleague sees the unread line in their inbox.
  const colleague = await personAt(browser, "reviewer2");
  await colleague.goto("/inbox");
  await expect(colleague.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(colleague.getByRole("link", { name: /^Inbox [1-9]\d* unread$/ })).toBeVisible();
  await expect(colleague.getByTestId("inbox-unread")).toHaveText(/^[1-9]\d* unread$/);
  const line = colleague.getByRole("listitem").filter({ hasText: String(stamp) });
  await expect(line).toHaveAttribute("data-read", "false");
  await expect(line).toContainText("E2E Reviewer mentioned you in a comment");
  await expect(line).toContainText(`Discussion desk ${stamp}`);
  await expect(line).toContainText("“Sen. Maria Lopez said unemployment fell");
  await expectNoAxeViolations(colleague);
  await colleague.screenshot({ path: testInfo.outputPath("inbox-unread.png"), fullPage: true });

  // Opening the line lands on the claim with the comment, and marks the line read.
  await line.getByRole("link").click();
  await expect(colleague).toHaveURL(new RegExp(`${path}\\?claim=`));
  await expect(panelOf(colleague).getByRole("heading", { level: 2, name: /unemployment fell/ })).toBeVisible();
  await expect(discussion(colleague).getByText(`Stamp ${stamp}`, { exact: false })).toBeVisible();

  // The colleague replies; the author's open panel shows the reply without a reload.
  const thread = discussion(colleague).getByRole("list", { name: "Comments" }).getByRole("listitem").filter({ hasText: String(stamp) }).first();
  await thread.getByText("Reply", { exact: true }).click();
  await thread.getByRole("combobox", { name: "Your reply" }).fill(`On it ${stamp}, pulling the annual averages.`);
  await thread.getByRole("button", { name: "Post reply" }).click();
  await expect(thread.getByText("Reply posted.")).toBeVisible();
  await expect(discussion(reviewer).getByRole("list", { name: "Replies" }).getByText(`On it ${stamp}`, { exact: false })).toBeVisible();

  // The author edits their comment (within 15 minutes); the colleague sees it, marked edited.
  await first.getByText("Edit my comment", { exact: true }).click();
  const editBox = first.getByRole("combobox", { name: "Edit your comment" });
  await expect(editBox).toHaveValue(/@E2E Reviewer2 please look/);
  await editBox.fill(`Stamp ${stamp}: does the CPS table back this, @E2E Reviewer2?`);
  await first.getByRole("button", { name: "Save comment" }).click();
  await expect(first.getByText("Comment saved.")).toBeVisible();
  await expect(first.getByText("· edited")).toBeVisible();
  await expect(discussion(colleague).getByText("does the CPS table back this", { exact: false })).toBeVisible();
  await expect(discussion(colleague).getByText("· edited")).toBeVisible();
  await expectNoAxeViolations(colleague);
  await discussion(colleague).screenshot({ path: testInfo.outputPath("discussion.png") });

  // Back in the inbox, the line is read.
  await colleague.goto("/inbox");
  await expect(colleague.getByRole("listitem").filter({ hasText: String(stamp) })).toHaveAttribute("data-read", "true");
  await colleague.goto("/inbox?show=unread");
  await expect(colleague.getByRole("listitem").filter({ hasText: String(stamp) })).toHaveCount(0);
  expect(dialogs).toEqual([]);
  for (const page of [reviewer, colleague]) await page.context().close();
});

test("a viewer reads the discussion but cannot comment; mark read and mark all read", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const editor = await personAt(browser, "editor");
  const path = await importArticle(editor, `Viewer desk ${stamp}`, BODY);
  await openClaim(editor, path);
  const box = discussion(editor).getByRole("combobox", { name: "Add a comment" });
  await discussion(editor).getByRole("button", { name: "Post comment" }).click();
  await expect(discussion(editor).locator("p").filter({ hasText: /^Write a comment first\.$/ })).toBeVisible();
  await box.pressSequentially(`First ${stamp} @E2E View`);
  await editor.keyboard.press("Tab");
  await box.pressSequentially("and ");
  await box.pressSequentially("@E2E Review");
  await arrowTo(editor, "E2E Reviewer2");
  await editor.keyboard.press("Enter");
  await discussion(editor).getByRole("button", { name: "Post comment" }).click();
  await expect(discussion(editor).getByText("Comment posted.")).toBeVisible();

  const viewer = await personAt(browser, "viewer");
  await openClaim(viewer, path);
  await expect(discussion(viewer).getByText(`First ${stamp}`, { exact: false })).toBeVisible();
  await expect(discussion(viewer).getByRole("combobox")).toHaveCount(0);
  await expect(discussion(viewer).getByText("Edit my comment", { exact: true })).toHaveCount(0);

  // The viewer was mentioned: mark that one line read from the inbox, then everything.
  await viewer.goto("/inbox?show=unread");
  const line = viewer.getByRole("listitem").filter({ hasText: String(stamp) });
  await expect(line).toContainText("E2E Editor mentioned you in a comment");
  await line.getByRole("button", { name: /^Mark read/ }).click();
  await expect(viewer.getByRole("listitem").filter({ hasText: String(stamp) })).toHaveCount(0);
  await viewer.goto("/inbox");
  await expect(viewer.getByRole("listitem").filter({ hasText: String(stamp) })).toHaveAttribute("data-read", "true");

  const colleague = await personAt(browser, "reviewer2");
  await colleague.goto("/inbox");
  await expect(colleague.getByRole("listitem").filter({ hasText: String(stamp) })).toHaveAttribute("data-read", "false");
  await colleague.getByRole("button", { name: "Mark all read" }).click();
  await expect(colleague.getByTestId("inbox-unread")).toHaveText("Nothing unread.");
  await colleague.goto("/inbox?show=unread");
  await expect(colleague.getByText("You are all caught up")).toBeVisible();
  await expectNoAxeViolations(colleague);
  await colleague.screenshot({ path: testInfo.outputPath("inbox-caught-up.png"), fullPage: true });
  for (const page of [editor, viewer, colleague]) await page.context().close();
});
