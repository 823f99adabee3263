import { expect, test } from "@playwright/test";
import { importArticle, markPage, pageWasNotReloaded, personAt } from "./live";

const BODY = [
  "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
  "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
].join("\n");

test("a desk works on one claim together: changes, presence and conflicts appear live, ratings stay independent", async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const rationale = `Census tables contradict it (${stamp}).`;
  const sourceTitle = `Current Population Survey ${stamp}`;

  // A (an editor) imports an article of this test's own and opens its first claim.
  const a = await personAt(browser, "editor");
  await importArticle(a, `Live desk ${stamp}`, BODY);
  await a.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: /unemployment fell/ }).click();
  const aPanel = a.getByRole("article");
  await expect(aPanel.getByRole("heading", { level: 2 })).toBeVisible();
  const claimPath = new URL(a.url()).pathname + new URL(a.url()).search;

  // B (an admin) and C (a reviewer who has not reviewed) open the same claim.
  const b = await personAt(browser, "admin");
  await b.goto(claimPath);
  const bPanel = b.getByRole("article");
  const c = await personAt(browser, "reviewer2");
  const cPayloads: string[] = [];
  c.on("response", async (response) => {
    if ((response.headers()["content-type"] ?? "").includes("text/x-component")) cPayloads.push(await response.text().catch(() => ""));
  });
  await c.goto(claimPath);
  const cPanel = c.getByRole("article");
  await expect(b.getByTestId("article-presence")).toContainText("Live");
  await markPage(b);
  await markPage(c);

  // Presence: B sees A on this claim, and what A is writing.
  await expect(bPanel.getByTestId("claim-presence")).toContainText("E2E Editor");
  await aPanel.getByLabel("URL").first().focus();
  await expect(bPanel.getByTestId("claim-presence")).toContainText("E2E Editor is adding a source");

  // A adds a source: B sees it, and the claim's new status, without reloading.
  await aPanel.getByLabel("URL").first().fill("https://www.bls.gov/cps/");
  await aPanel.getByLabel("Title").first().fill(sourceTitle);
  await aPanel.getByRole("button", { name: "Add source" }).click();
  await expect(aPanel.getByText("Source added.")).toBeVisible();
  await expect(bPanel.getByRole("link", { name: sourceTitle })).toBeVisible();
  await expect(bPanel.getByText("Researching", { exact: true })).toBeVisible();
  await expect(b.getByTestId("latest-change")).toContainText("E2E Editor");

  // A sends it to review: B sees the status change.
  await aPanel.getByRole("button", { name: "Send to review" }).click();
  await expect(bPanel.getByText("In review", { exact: true })).toBeVisible();

  // A submits a review: B (an admin) sees the rating; C sees that a review exists, never its rating.
  await aPanel.getByText("Write my review").click();
  await aPanel.getByLabel("Rating").selectOption({ label: "Misleading" });
  await aPanel.getByLabel("Rationale").fill(rationale);
  await aPanel.getByRole("button", { name: "Submit my review" }).click();
  await expect(aPanel.getByText("Your review is saved.")).toBeVisible();
  await expect(bPanel.getByText(rationale).first()).toBeVisible();
  await expect(bPanel.getByRole("listitem").filter({ hasText: rationale }).getByText("Misleading", { exact: true }).first()).toBeVisible();
  await expect(cPanel.getByText("E2E Editor: rating hidden until you submit your own review")).toBeVisible();
  expect(await c.content()).not.toContain(rationale);
  expect(cPayloads.length).toBeGreaterThan(0); // C's panel was refreshed live…
  for (const payload of cPayloads) expect(payload).not.toContain(rationale); // …without the rating's rationale
  expect(await pageWasNotReloaded(b)).toBe(true);
  expect(await pageWasNotReloaded(c)).toBe(true);

  // A and B reword the statement at once. B saves first; A's save meets the conflict view.
  await aPanel.getByText("Edit the statement").click();
  await bPanel.getByText("Edit the statement").click();
  await aPanel.getByLabel("Statement as checked").fill(`A's wording ${stamp}`);
  await bPanel.getByLabel("Statement as checked").fill(`B's wording ${stamp}`);
  await bPanel.getByRole("button", { name: "Save claim" }).click();
  await expect(bPanel.getByText("Claim saved.")).toBeVisible();
  await expect(aPanel.getByRole("heading", { level: 2 })).toHaveText(`“B's wording ${stamp}”`);
  await expect(aPanel.getByLabel("Statement as checked")).toHaveValue(`A's wording ${stamp}`); // A's text is kept
  await aPanel.getByRole("button", { name: "Save claim" }).click();
  const conflict = aPanel.getByTestId("conflict-view");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId("conflict-yours-statement")).toHaveText(`A's wording ${stamp}`);
  await expect(conflict.getByTestId("conflict-theirs-statement")).toHaveText(`B's wording ${stamp}`);
  await conflict.getByRole("button", { name: "Save mine over theirs" }).click();
  await expect(aPanel.getByText("Claim saved.")).toBeVisible();
  await expect(bPanel.getByRole("heading", { level: 2 })).toHaveText(`“A's wording ${stamp}”`);
  await expect(b.getByRole("article").getByText(/reworded the claim/).first()).toBeVisible();
  expect(await pageWasNotReloaded(b)).toBe(true);

  for (const page of [a, b, c]) await page.context().close();
});

test("someone who closes the tab leaves the article's presence at once", async ({ browser }) => {
  const stamp = Date.now();
  const a = await personAt(browser, "editor");
  await importArticle(a, `Presence ${stamp}`, BODY);
  const path = new URL(a.url()).pathname;
  const b = await personAt(browser, "reviewer");
  await b.goto(path);
  await expect(a.getByTestId("article-presence")).toContainText("E2E Reviewer is here");
  await b.context().close();
  await expect(a.getByTestId("article-presence")).toContainText("Only you on this article", { timeout: 10_000 });
  await a.context().close();
});

test("a claim someone adds, and a verdict someone publishes, appear in the others' text and list", async ({ browser }) => {
  const stamp = Date.now();
  const a = await personAt(browser, "editor");
  const path = await importArticle(a, `New claims live ${stamp}`, `${BODY}\nI think we can do better.`);
  const b = await personAt(browser, "reviewer");
  await b.goto(path);
  await expect(b.getByTestId("article-presence")).toContainText("Live");
  await markPage(b);
  const list = b.getByRole("complementary", { name: "Claims" });
  const before = Number((await list.getByRole("heading", { name: /Claims/ }).innerText()).match(/\((\d+)\)/)?.[1]);

  // A selects words no detector flagged and makes them a claim.
  await a.getByTestId("article-body").evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf("we can do better") ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + "we can do better".length);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      return;
    }
    throw new Error("words not found");
  });
  await a.getByRole("button", { name: "Add claim" }).click();
  await expect(a).toHaveURL(/claim=/);

  await expect(list.getByRole("heading", { name: `Claims (${before + 1})` })).toBeVisible();
  await expect(b.locator(".claim-mark", { hasText: "we can do better" })).toBeVisible();

  // B reviews it, then A (who did not review) publishes: B's list shows the status and the rating.
  await list.getByRole("link", { name: /we can do better/ }).click();
  const bPanel = b.getByRole("article");
  await bPanel.getByText("Write my review", { exact: true }).click();
  await bPanel.getByLabel("Rating").selectOption({ label: "Unproven" });
  await bPanel.getByLabel("Rationale").fill("An opinion; nothing to check.");
  await bPanel.getByRole("button", { name: "Submit my review" }).click();
  await expect(bPanel.getByText("Your review is saved.")).toBeVisible();
  await b.getByRole("link", { name: "All claims" }).click();
  const aPanel = a.getByRole("article");
  await expect(aPanel.getByRole("button", { name: "Publish verdict" })).toBeVisible();
  await aPanel.getByLabel("Verdict").selectOption({ label: "Unproven" });
  await aPanel.getByLabel("Summary for readers").fill("An opinion; nothing to check.");
  await aPanel.getByRole("button", { name: "Publish verdict" }).click();
  await expect(aPanel.getByText(/^Published .* by E2E Editor$/)).toBeVisible();
  const row = list.getByRole("listitem").filter({ hasText: "we can do better" });
  await expect(row.getByText("Published", { exact: true })).toBeVisible();
  await expect(row.getByText("Unproven", { exact: true })).toBeVisible();
  await expect(b.locator('.claim-mark[data-status="PUBLISHED"]', { hasText: "we can do better" })).toBeVisible();
  expect(await pageWasNotReloaded(b)).toBe(true);
  for (const page of [a, b]) await page.context().close();
});

test("offline, the page says so; back online, it catches up on what it missed", async ({ browser }) => {
  const stamp = Date.now();
  const a = await personAt(browser, "editor");
  const path = await importArticle(a, `Offline ${stamp}`, BODY);
  const b = await personAt(browser, "reviewer");
  await b.goto(path);
  const status = b.getByTestId("article-presence");
  await expect(status).toContainText("Live");
  await markPage(b);
  await b.context().setOffline(true);
  await b.evaluate(() => window.dispatchEvent(new Event("offline")));
  await expect(status).toContainText("Offline: changes will appear when you are back online");
  // While B is away, A moves a claim along.
  await a.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: /unemployment fell/ }).click();
  await a.getByRole("article").getByRole("button", { name: "Queue for checking" }).click();
  await expect(a.getByRole("article").getByText("Queued", { exact: true })).toBeVisible();
  await b.context().setOffline(false);
  await b.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(status).toContainText("Live");
  await expect(b.getByRole("complementary", { name: "Claims" }).getByRole("listitem").filter({ hasText: "unemployment fell" }).getByText("Queued", { exact: true })).toBeVisible();
  expect(await pageWasNotReloaded(b)).toBe(true);
  for (const page of [a, b]) await page.context().close();
});
