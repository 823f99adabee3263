import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { importArticle, personAt } from "./live";

// The desk's process end to end: triage, assignment, research by one reviewer, an independent
// review by another, publishing by an editor who did not review, four eyes, and a correction.

const BODY = [
  "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
  "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
  "Officials said border arrests doubled since 2019, reaching 2.4 million in fiscal 2023.",
  "The state spent $4.2 billion on highways in 2022, according to the budget office.",
].join("\n");

const panelOf = (page: Page) => page.getByRole("article");
/** A full-page picture kept with the test's artifacts, to look at the screens as people see them. */
const snap = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

async function openClaim(page: Page, path: string, words: RegExp) {
  await page.goto(path);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: words }).click();
  await expect(panelOf(page).getByRole("heading", { level: 2, name: words })).toBeVisible();
}

async function addSource(page: Page, url: string, title: string) {
  const panel = panelOf(page);
  const form = panel.locator("form").filter({ has: page.getByRole("button", { name: "Add source" }) });
  if (!(await form.getByLabel("URL").isVisible())) await panel.getByText("Add a source", { exact: true }).click();
  await form.getByLabel("URL").fill(url);
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(panel.getByText("Source added.")).toBeVisible();
}

async function review(page: Page, rating: string, rationale: string) {
  const panel = panelOf(page);
  await panel.getByText("Write my review", { exact: true }).click();
  await panel.getByLabel("Rating").selectOption({ label: rating });
  await panel.getByLabel("Rationale").fill(rationale);
  await panel.getByRole("button", { name: "Submit my review" }).click();
  await expect(panel.getByText("Your review is saved.")).toBeVisible();
}

test("triage, assign, research, independent reviews, four eyes, publish and correct", async ({ browser }) => {
  // A whole desk's day in one journey, three people in their own browsers.
  test.setTimeout(120_000);
  const stamp = Date.now();
  const editor = await personAt(browser, "editor");
  const path = await importArticle(editor, `Workflow desk ${stamp}`, BODY);

  // Triage: the detected claims as rows with score and reasons; queue two, dismiss one with a reason.
  await editor.getByRole("link", { name: "Triage detected claims" }).click();
  await expect(editor.getByRole("heading", { level: 1, name: "Triage" })).toBeVisible();
  const table = editor.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(5);
  await expect(table.getByText("contains a number").filter({ visible: true }).first()).toBeVisible();
  await snap(editor, "triage");
  await expectNoAxeViolations(editor);
  await table.getByRole("row").filter({ hasText: "unemployment fell" }).getByRole("checkbox").check();
  await table.getByRole("row").filter({ hasText: "border arrests doubled" }).getByRole("checkbox").check();
  await editor.getByRole("button", { name: "Queue 2 for checking" }).click();
  await expect(editor.getByText("Queued 2 claims.")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(3);
  await table.getByRole("row").filter({ hasText: "highways" }).getByRole("checkbox").check();
  await editor.getByText("Dismiss 1…").click();
  await editor.getByRole("button", { name: "Dismiss selected" }).click();
  await expect(editor.getByLabel("Reason")).toHaveAccessibleDescription(/Say why the claim is dismissed\./);
  await editor.getByLabel("Reason").fill("Budget figure outside this desk's beat.");
  await editor.getByRole("button", { name: "Dismiss selected" }).click();
  await expect(editor.getByText("Dismissed 1 claim.")).toBeVisible();

  // The editor assigns the unemployment claim to a reviewer.
  await openClaim(editor, path, /unemployment fell/);
  await panelOf(editor).getByLabel("Assign to").selectOption({ label: "E2E Reviewer" });
  await panelOf(editor).getByRole("button", { name: "Assign", exact: true }).click();
  await expect(panelOf(editor).getByRole("list", { name: "Assignees" })).toContainText("E2E Reviewer");

  // The reviewer finds it in My queue, adds two sources and a review.
  const reviewer = await personAt(browser, "reviewer");
  await reviewer.getByRole("link", { name: "My queue" }).click();
  await expect(reviewer.getByRole("heading", { level: 1, name: "My queue" })).toBeVisible();
  await snap(reviewer, "my-queue");
  await expectNoAxeViolations(reviewer);
  await reviewer.getByRole("link", { name: /unemployment fell/ }).first().click();
  await expect(panelOf(reviewer).getByRole("heading", { level: 2, name: /unemployment fell/ })).toBeVisible();
  await panelOf(reviewer).getByRole("button", { name: "Start research" }).click();
  await expect(panelOf(reviewer).getByText("Researching", { exact: true })).toBeVisible();
  await addSource(reviewer, "https://www.bls.gov/cps/", "CPS annual averages");
  await addSource(reviewer, "https://fred.stlouisfed.org/series/UNRATE", "Unemployment rate series");
  await review(reviewer, "Mostly true", "BLS shows 3.6 to 3.9 percent through 2023; the low was 3.4 in 2023.");
  await expect(panelOf(reviewer).getByText("In review", { exact: true })).toBeVisible();

  // A second reviewer reviews independently: the first rating stays hidden until theirs is in.
  const second = await personAt(browser, "reviewer2");
  await openClaim(second, path, /unemployment fell/);
  await expect(panelOf(second).getByText("rating hidden until you submit your own review")).toBeVisible();
  await expect(panelOf(second).getByText(/BLS shows 3\.6/)).toHaveCount(0);
  await expect(panelOf(second).getByRole("listitem").filter({ hasText: "E2E Reviewer: rating hidden" })).not.toContainText("Mostly true");
  await review(second, "Mostly true", "Close to the official series; the lowest level claim holds.");
  await expect(panelOf(second).getByText("Reviewers agree: Mostly true")).toBeVisible();

  // The editor, who did not review, sees both side by side and publishes.
  await openClaim(editor, path, /unemployment fell/);
  const sideBySide = panelOf(editor).getByRole("list", { name: "Reviews side by side" });
  await expect(sideBySide.getByRole("listitem")).toHaveCount(2);
  await expect(panelOf(editor).getByText("The 2 reviews agree: Mostly true.")).toBeVisible();
  await expect(panelOf(editor).getByLabel("Verdict")).toHaveValue("mostly-true");
  await snap(editor, "publish-side-by-side");
  await expectNoAxeViolations(editor);
  await panelOf(editor).getByLabel("Summary for readers").fill("Unemployment did fall to about 3.9 percent.");
  await panelOf(editor).getByRole("button", { name: "Publish verdict" }).click();
  await expect(panelOf(editor).getByText(/^Published .* by E2E Editor$/)).toBeVisible();
  await expect(panelOf(editor).getByText("Published", { exact: true }).first()).toBeVisible();

  // Four eyes: on another claim the editor is the only reviewer, and the gate says so.
  await openClaim(editor, path, /border arrests doubled/);
  await addSource(editor, "https://www.cbp.gov/newsroom/stats", "CBP encounters");
  await review(editor, "Half true", "Encounters, not arrests; the doubling holds only from 2020.");
  await expect(panelOf(editor).getByText("Four eyes: you are this claim's only reviewer. Another reviewer must review it, or another editor publish it.")).toBeVisible();
  await expect(panelOf(editor).getByRole("button", { name: "Publish verdict" })).toHaveCount(0);
  await snap(editor, "four-eyes");
  await expectNoAxeViolations(editor);

  // A correction: reopen with a reason, publish again; both decisions stay visible.
  await openClaim(editor, path, /unemployment fell/);
  await panelOf(editor).getByText("Reopen for a correction…").click();
  await panelOf(editor).getByLabel("Reason").fill("The 2023 low was 3.4 percent, not 3.9.");
  await panelOf(editor).getByRole("button", { name: "Reopen for a correction" }).click();
  await expect(panelOf(editor).getByText("Reopened for a correction: The 2023 low was 3.4 percent, not 3.9.")).toBeVisible();
  await panelOf(editor).getByLabel("Verdict").selectOption({ label: "Half true" });
  await panelOf(editor).getByLabel("Summary for readers").fill("Corrected: the low was 3.4 percent.");
  await panelOf(editor).getByRole("button", { name: "Publish correction" }).click();
  await expect(panelOf(editor).getByText("Corrected: the low was 3.4 percent.")).toBeVisible();
  await panelOf(editor).getByText("Earlier verdicts (1)").click();
  await expect(panelOf(editor).getByText("Unemployment did fall to about 3.9 percent.", { exact: false })).toBeVisible();

  // The article list shows the progress by status.
  await editor.goto("/w/demo");
  const item = editor.getByRole("listitem").filter({ hasText: `Workflow desk ${stamp}` });
  await expect(item).toContainText("1 published");
  await expect(item).toContainText("1 dismissed");
  await snap(editor, "article-progress");
  await expectNoAxeViolations(editor);
  for (const page of [editor, reviewer, second]) await page.context().close();
});

test("a reviewer gets no triage and no publishing, and the server refuses them", async ({ browser }) => {
  const stamp = Date.now();
  const editor = await personAt(browser, "editor");
  const path = await importArticle(editor, `Reviewer limits ${stamp}`, BODY);
  const reviewer = await personAt(browser, "reviewer");
  await reviewer.goto(path);
  await expect(reviewer.getByRole("link", { name: "Triage detected claims" })).toHaveCount(0);
  const triage = await reviewer.goto(`${path}/triage`);
  expect(triage?.status()).toBe(404);
  await openClaim(reviewer, path, /unemployment fell/);
  await expect(panelOf(reviewer).getByRole("button", { name: "Queue for checking" })).toHaveCount(0);
  await expect(panelOf(reviewer).getByLabel("Assign to")).toHaveCount(0);
  for (const page of [editor, reviewer]) await page.context().close();
});
