import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./fixtures";

// Following a corrected original: the duplicate's assignee is told in their inbox and finds it
// in the queue's "Reused verdict out of date" filter; the editor brings the duplicate up to date
// from the original's panel in one step. Screenshots land in test-results/reuse-followup/.

const SHOTS = "test-results/reuse-followup";

async function personAt(browser: Browser, who: "reviewer" | "reviewer2"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test("an editor corrects an original and updates its out-of-date duplicate; the assignee sees the inbox line", async ({ page, browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  await signIn(page, "editor");
  const token = `Tally${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!)}`;
  const sentence = (who: string) => `${who} said the jobless rate in ${token} County fell to 2.7 percent in 2025, a record low for the county.`;
  const made: Array<{ articleId: string; claimId: string }> = [];
  for (const [title, body] of [
    [`${token} budget hearing`, sentence("Governor Lea Moss")],
    [`${token} town hall`, sentence("Senator Ray Otto")],
  ]) {
    const created = await page.request.post("/api/v1/articles", { data: { workspace: "demo", title, outlet: "Test Wire", body } });
    expect(created.status()).toBe(201);
    const json = (await created.json()) as { id: string; claims: Array<{ id: string }> };
    made.push({ articleId: json.id, claimId: json.claims[0]!.id });
  }
  const [original, duplicate] = made as [(typeof made)[0], (typeof made)[0]];
  const versionOf = async (claimId: string) => ((await (await page.request.get(`/api/v1/claims/${claimId}`)).json()) as { version: number }).version;

  // A reviewer reviews both; the editor publishes the original, marks the other its duplicate and reuses the verdict.
  const reviewer = await personAt(browser, "reviewer");
  for (const { claimId } of made) {
    expect((await reviewer.request.post(`/api/v1/claims/${claimId}/reviews`, { data: { rating: "true", rationale: "State labor data agree.", confidence: 2 } })).status()).toBe(200);
  }
  await reviewer.context().close();
  expect((await page.request.post(`/api/v1/claims/${original.claimId}/decisions`, { data: { rating: "true", summary: "State labor data agree.", version: await versionOf(original.claimId) } })).status()).toBe(201);
  expect((await page.request.put(`/api/v1/claims/${duplicate.claimId}/duplicate-of`, { data: { duplicateOfId: original.claimId, version: await versionOf(duplicate.claimId) } })).status()).toBe(200);
  expect((await page.request.post(`/api/v1/claims/${duplicate.claimId}/reuse-decision`, { data: { version: await versionOf(duplicate.claimId) } })).status()).toBe(201);

  // The duplicate goes to the second reviewer.
  await page.goto(`/w/demo/articles/${duplicate.articleId}?claim=${duplicate.claimId}`);
  const panel = page.locator("#claim-panel");
  await panel.getByLabel("Assign to").selectOption({ label: "E2E Reviewer2" });
  await panel.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(panel.getByRole("button", { name: "Unassign E2E Reviewer2" })).toBeVisible();

  // The editor reopens the original in the page and publishes its correction.
  await page.goto(`/w/demo/articles/${original.articleId}?claim=${original.claimId}`);
  await page.getByRole("article").getByText("Reopen for a correction…").click();
  await page.getByRole("article").getByLabel("Reason").fill("The state revised the series to 3.4 percent.");
  await page.getByRole("article").getByRole("button", { name: "Reopen for a correction" }).click();
  await expect(page.getByRole("article").getByText("Reopened", { exact: true }).first()).toBeVisible();
  expect((await page.request.post(`/api/v1/claims/${original.claimId}/decisions`, { data: { rating: "false", summary: "Revised: 3.4 percent, not a record.", version: await versionOf(original.claimId) } })).status()).toBe(201);

  // The assignee hears of it, and finds it in the queue's filter.
  const assignee = await personAt(browser, "reviewer2");
  await assignee.goto("/inbox");
  const line = assignee.getByRole("link", { name: new RegExp(`The verdict reused on “Senator Ray Otto said the jobless rate in ${token} .*” is out of date: the original was corrected to False by E2E Editor`) });
  await expect(line).toBeVisible();
  await assignee.screenshot({ path: `${SHOTS}/inbox.png`, fullPage: true });
  await assignee.goto("/queue?show=reused-outdated");
  const listed = assignee.getByRole("link", { name: new RegExp(`Senator Ray Otto said the jobless rate in ${token}`) });
  await expect(listed).toBeVisible();
  await expect(assignee.getByText(/Assigned to you/).first()).toBeVisible();
  await assignee.screenshot({ path: `${SHOTS}/queue-reused-outdated.png`, fullPage: true });

  // The editor brings the duplicate up to date from the original's panel.
  await page.reload();
  const bulk = page.getByTestId("reuse-on-duplicates");
  await expect(bulk.getByRole("button", { name: "Reuse this verdict on 1 out-of-date duplicate" })).toBeVisible();
  await bulk.scrollIntoViewIfNeeded();
  await page.getByRole("region", { name: "Similar claims in this workspace" }).screenshot({ path: `${SHOTS}/original-panel-bulk.png` });
  await bulk.getByLabel("Why they are reopened").fill("The original was corrected: 3.4 percent.");
  await bulk.getByRole("button", { name: "Reuse this verdict on 1 out-of-date duplicate" }).click();
  await expect(bulk.getByRole("status")).toHaveText("Updated 1 duplicate.");
  await expect(bulk.getByRole("button", { name: "Nothing to update" })).toBeDisabled();
  await expect(page.getByText("reuses this verdict", { exact: true })).toBeVisible();
  await page.getByRole("region", { name: "Similar claims in this workspace" }).screenshot({ path: `${SHOTS}/original-panel-after.png` });

  // The inbox line leads to the duplicate, whose verdict is the original's current one.
  await assignee.goto("/inbox");
  await line.click();
  await expect(assignee).toHaveURL(new RegExp(`/articles/${duplicate.articleId}\\?claim=${duplicate.claimId}`));
  const duplicatePanel = assignee.locator("#claim-panel");
  await expect(duplicatePanel.getByTestId("verdict-reused-from")).toBeVisible();
  await expect(duplicatePanel.getByTestId("reused-verdict-outdated")).toHaveCount(0);
  await assignee.goto("/queue?show=reused-outdated");
  await expect(assignee.getByRole("heading", { level: 1, name: "My queue" })).toBeVisible();
  await expect(listed).toHaveCount(0);
  await assignee.context().close();
});
