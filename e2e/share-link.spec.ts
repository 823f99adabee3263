import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// An editor publishes a verdict, makes a public link, a signed-out reader opens it (and search
// engines find the ClaimReview markup in its head), the editor revokes it, and it is gone.

const SUMMARY = "The official rate was 3.6 percent in 2023, not 3.9.";

test("an editor shares the published report through a public link, then revokes it", async ({ browser }, testInfo) => {
  const stamp = Date.now().toString(36);
  const title = `Jobs claims checked ${stamp}`;

  // Setup through the API with each person's session: an article, and a reviewer's review.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "editor");
  const created = await editor.request.post("/api/v1/articles", {
    data: { workspace: "demo", title, outlet: "Test Wire", body: "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.\nThe U.S. Census Bureau reported that 41 million people lived in poverty last year." },
  });
  expect(created.status()).toBe(201);
  const article = (await created.json()) as { id: string; claims: Array<{ id: string; version: number }> };
  const claim = article.claims[0]!;
  const queued = await editor.request.post(`/api/v1/claims/${claim.id}/status`, { data: { status: "QUEUED", version: claim.version } });
  expect(queued.status()).toBe(200);

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer");
  const review = await reviewer.request.post(`/api/v1/claims/${claim.id}/reviews`, { data: { rating: "mostly-false", rationale: "Internal: BLS table shows 3.6.", confidence: 3 } });
  expect(review.status()).toBe(200);
  // Reviewers do not make public links: no button, and the page is not there for them.
  await reviewer.goto(`/w/demo/articles/${article.id}`);
  await expect(reviewer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(reviewer.getByRole("link", { name: "Public links" })).toHaveCount(0);
  expect((await reviewer.goto(`/w/demo/articles/${article.id}/share`))?.status()).toBe(404);
  await reviewerContext.close();

  // The editor publishes the verdict in the claim panel.
  await editor.goto(`/w/demo/articles/${article.id}?claim=${claim.id}`);
  const panel = editor.getByRole("article");
  await panel.getByText("Publish the verdict").click();
  await panel.getByLabel("Verdict").selectOption({ label: "Mostly false" });
  await panel.getByLabel("Summary for readers").fill(SUMMARY);
  await panel.getByRole("button", { name: "Publish verdict" }).click();
  await expect(panel.getByText(SUMMARY)).toBeVisible();

  // ...and makes a public link, shown once.
  await editor.getByRole("link", { name: "Public links" }).click();
  await expect(editor.getByRole("heading", { level: 1, name: "Public links" })).toBeVisible();
  await expect(editor.getByText("No public links yet.")).toBeVisible();
  await editor.getByRole("button", { name: "Create public link" }).click();
  await expect(editor.getByText("Public link created. Copy it now: it is shown only once.")).toBeVisible();
  const link = await editor.getByLabel("Public link", { exact: true }).inputValue();
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
  await expect(editor.getByText("Works until revoked")).toBeVisible();
  await editor.screenshot({ path: testInfo.outputPath("share-links-page.png"), fullPage: true });

  // A reader, signed out, opens it.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const opened = await reader.goto(link);
  expect(opened?.status()).toBe(200);
  expect(opened?.headers()["cache-control"]).toBe("no-store");
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(reader.getByText(SUMMARY)).toBeVisible();
  await expect(reader.getByText("Mostly false")).toBeVisible();
  await expect(reader.getByText("Internal: BLS table shows 3.6.")).toHaveCount(0);
  await expect(reader.getByText("E2E Editor")).toHaveCount(0);
  const jsonLd = await reader.locator('head script[type="application/ld+json"]').textContent();
  const reviews = JSON.parse(jsonLd ?? "[]") as Array<{ "@type": string; url: string; reviewRating: { alternateName: string }; itemReviewed: { appearance: { headline: string } } }>;
  expect(reviews).toHaveLength(1);
  expect(reviews[0]).toMatchObject({ "@type": "ClaimReview", url: `${link}#claim-${claim.id}`, reviewRating: { alternateName: "Mostly false" }, itemReviewed: { appearance: { headline: title } } });
  await reader.screenshot({ path: testInfo.outputPath("public-report.png"), fullPage: true });
  await reader.setViewportSize({ width: 390, height: 844 });
  await reader.screenshot({ path: testInfo.outputPath("public-report-narrow.png"), fullPage: true });

  // The editor revokes it; the reader's next request finds nothing.
  editor.once("dialog", (dialog) => void dialog.accept());
  await editor.getByRole("button", { name: /^Revoke the link created/ }).click();
  await expect(editor.getByText(/^Revoked /)).toBeVisible();
  const gone = await reader.goto(link);
  expect(gone?.status()).toBe(404);
  await expect(reader.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(reader.getByText(title)).toHaveCount(0);

  await readerContext.close();
  await editorContext.close();
});

test("an admin sees where the publisher on public pages is named", async ({ page }, testInfo) => {
  await signIn(page, "admin");
  await page.goto("/w/demo/settings");
  const panel = page.getByRole("region", { name: "Publisher" });
  await expect(panel.getByLabel("Organisation name")).toBeVisible();
  await expect(panel.getByLabel("Organisation website")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("settings-publisher.png"), fullPage: true });
});
