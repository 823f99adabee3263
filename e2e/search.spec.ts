import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// Search from the header, open a result at its claim, see the same claim from another article
// among the similar claims and mark it as the original. Screenshots of the search page and the
// similar-claims panel land in test-results/search/ for a person to look at.

const SHOTS = "test-results/search";

test("an editor searches, opens a result at its claim and marks it as a duplicate of a similar claim", async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await signIn(page, "editor");
  // A word no other spec uses, so the results are this spec's own.
  const token = `Quill${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!)}`;
  const sentence = (who: string, verb: string) => `${who} said unemployment in ${token} County ${verb} to 3.1 percent in 2024, the lowest level in two decades.`;
  for (const [title, body] of [
    [`${token} jobs report`, sentence("Governor Ana Ruiz", "fell")],
    [`${token} debate recap`, sentence("Senator Paul Grant", "dropped")],
  ]) {
    const created = await page.request.post("/api/v1/articles", { data: { workspace: "demo", title, outlet: "Test Wire", body } });
    expect(created.status()).toBe(201);
  }

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
  await similar.getByRole("button", { name: "Same claim: reuse its verdict" }).first().click();
  await expect(similar.getByText("Duplicate of another claim")).toBeVisible();
  await similar.scrollIntoViewIfNeeded();
  await similar.screenshot({ path: `${SHOTS}/similar-claims-marked.png` });

  // The link goes both ways: the original lists this claim as repeating it.
  await page.getByRole("link", { name: /Senator Paul Grant/ }).first().click();
  await expect(page.getByText(/Repeated by 1 claim/)).toBeVisible();
});
