import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// Search from the header, open a result at its claim, see the same claim from another article
// among the similar claims, mark it as the original and reuse the original's published verdict.
// Screenshots of the search page, the similar-claims panel and the duplicate's claim panel land
// in test-results/search/ for a person to look at.

const SHOTS = "test-results/search";

test("an editor searches, opens a result at its claim, marks it as a duplicate of a similar claim and reuses its verdict", async ({ page, browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  await signIn(page, "editor");
  // A word no other spec uses, so the results are this spec's own.
  const token = `Quill${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!)}`;
  const sentence = (who: string, verb: string) => `${who} said unemployment in ${token} County ${verb} to 3.1 percent in 2024, the lowest level in two decades.`;
  const claimIds: string[] = [];
  for (const [title, body] of [
    [`${token} jobs report`, sentence("Governor Ana Ruiz", "fell")],
    [`${token} debate recap`, sentence("Senator Paul Grant", "dropped")],
  ]) {
    const created = await page.request.post("/api/v1/articles", { data: { workspace: "demo", title, outlet: "Test Wire", body } });
    expect(created.status()).toBe(201);
    claimIds.push(((await created.json()) as { claims: Array<{ id: string }> }).claims[0]!.id);
  }
  const [governor, senator] = claimIds as [string, string];
  // A reviewer reviews both; the editor publishes the senator's (the original-to-be) through the API.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer");
  for (const id of [governor, senator]) {
    expect((await reviewer.request.post(`/api/v1/claims/${id}/reviews`, { data: { rating: "mostly-true", rationale: "BLS local area figures agree within a tenth.", confidence: 2 } })).status()).toBe(200);
  }
  await reviewerContext.close();
  const { version } = (await (await page.request.get(`/api/v1/claims/${senator}`)).json()) as { version: number };
  const summary = `The ${token} County rate was 3.2 percent: close, not exact.`;
  expect((await page.request.post(`/api/v1/claims/${senator}/decisions`, { data: { rating: "mostly-true", summary, version } })).status()).toBe(201);

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  // The last word as typed so far: a prefix.
  await page.getByRole("searchbox", { name: "Search words" }).fill(`unemployment ${token.slice(0, -2)}`);
  await page.getByRole("searchbox", { name: "Search words" }).press("Enter");
  await expect(page.getByRole("status")).toContainText("result");
  const results = page.getByRole("list").filter({ has: page.getByRole("link", { name: /Governor Ana Ruiz/ }) });
  await expect(results.locator("mark").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/search-page.png`, fullPage: true });

  await page.getByRole("link", { name: /Governor Ana Ruiz said unemployment/ }).first().click();
  await expect(page).toHaveURL(/\?claim=/);
  await expect(page.locator("#claim-heading")).toContainText("Governor Ana Ruiz");
  const similar = page.getByRole("region", { name: "Similar claims in this workspace" });
  await expect(similar.getByRole("link", { name: /Senator Paul Grant/ })).toBeVisible();
  await similar.scrollIntoViewIfNeeded();
  await similar.screenshot({ path: `${SHOTS}/similar-claims.png` });
  await similar.getByRole("button", { name: "Same claim: mark as its duplicate" }).first().click();
  await expect(similar.getByText("Duplicate of another claim")).toBeVisible();
  await similar.scrollIntoViewIfNeeded();
  await similar.screenshot({ path: `${SHOTS}/similar-claims-marked.png` });

  // The original's verdict is published, and this claim passes the gate (reviewed by someone else).
  await similar.getByRole("button", { name: "Reuse the original's verdict" }).click();
  const panel = page.locator("#claim-panel");
  await expect(panel.getByTestId("verdict-reused-from")).toContainText("Senator Paul Grant");
  await expect(panel.getByText(summary)).toBeVisible();
  await expect(page.locator('article[aria-labelledby="claim-heading"]').getByText("Published", { exact: true }).first()).toBeVisible();
  await expect(similar.getByRole("button", { name: "Reuse the original's verdict" })).toHaveCount(0);
  await panel.evaluate((el) => el.scrollTo(0, 0));
  await panel.screenshot({ path: `${SHOTS}/duplicate-claim-panel.png` });
  const duplicateUrl = page.url();

  // The link goes both ways: the original lists this claim as repeating it, and reusing its verdict.
  await panel.getByTestId("verdict-reused-from").getByRole("link", { name: /Senator Paul Grant/ }).click();
  await expect(page.locator("#claim-heading")).toContainText("Senator Paul Grant");
  await expect(page.getByText(/Repeated by 1 claim/)).toBeVisible();
  await expect(page.getByText("reuses this verdict")).toBeVisible();
  await similar.scrollIntoViewIfNeeded();
  await similar.screenshot({ path: `${SHOTS}/original-lists-duplicates.png` });

  // A tab stays open on the duplicate while the original is reopened and corrected: it learns of
  // it live, and warns that the verdict reused there is out of date (nothing re-published on it).
  const duplicateTab = await page.context().newPage();
  await duplicateTab.goto(duplicateUrl);
  const duplicatePanel = duplicateTab.locator("#claim-panel");
  await expect(duplicatePanel.getByTestId("verdict-reused-from")).toBeVisible();
  await expect(duplicatePanel.getByTestId("reused-verdict-outdated")).toHaveCount(0);
  await page.getByRole("article").getByText("Reopen for a correction…").click();
  await page.getByRole("article").getByLabel("Reason").fill("The county revised the series to 3.6 percent.");
  await page.getByRole("article").getByRole("button", { name: "Reopen for a correction" }).click();
  await expect(duplicatePanel.getByTestId("reused-verdict-outdated")).toContainText("The original was reopened");
  const reopened = (await (await page.request.get(`/api/v1/claims/${senator}`)).json()) as { version: number };
  expect((await page.request.post(`/api/v1/claims/${senator}/decisions`, { data: { rating: "half-true", summary: "Revised to 3.6 percent.", version: reopened.version } })).status()).toBe(201);
  await expect(duplicatePanel.getByTestId("reused-verdict-outdated")).toContainText("The original's verdict changed since it was reused here: Half true");
  await expect(duplicateTab.getByText(/To publish the original's current verdict here as a correction, reopen the claim first/)).toBeVisible();
  await duplicatePanel.locator("section").filter({ has: duplicateTab.getByRole("heading", { name: "Verdict", exact: true }) }).screenshot({ path: `${SHOTS}/duplicate-reused-verdict-outdated.png` });
  const duplicateSimilar = duplicateTab.getByRole("region", { name: "Similar claims in this workspace" });
  await duplicateSimilar.scrollIntoViewIfNeeded();
  await duplicateSimilar.screenshot({ path: `${SHOTS}/duplicate-reuse-form-outdated.png` });
  await expect(page.getByTestId("duplicate-reuse-outdated")).toBeVisible();
  await similar.scrollIntoViewIfNeeded();
  await similar.screenshot({ path: `${SHOTS}/original-lists-outdated-duplicate.png` });
  await duplicateTab.close();
});
