import { expect, test } from "@playwright/test";
import { DEMO_TITLE, demoArticleId, signIn } from "./fixtures";

type ApiClaim = { id: string; quote: string; start: number; end: number; statement: string; claimant: string | null; score: number | null; status: string };

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("the article list and the article carry claims anchored to their exact words", async ({ page }) => {
  await signIn(page, "reviewer");
  const list = (await (await page.request.get("/api/v1/articles?workspace=demo")).json()) as { items: Array<{ id: string; title: string; workspace: string; claimCounts: { total: number } }> };
  const demo = list.items.find((a) => a.title === DEMO_TITLE);
  expect(demo?.workspace).toBe("demo");
  expect(demo?.claimCounts.total).toBeGreaterThanOrEqual(10);

  const response = await page.request.get(`/api/v1/articles/${demo?.id}`);
  expect(response.status()).toBe(200);
  const article = (await response.json()) as { body: string; claims: ApiClaim[] };
  expect(article.claims.length).toBeGreaterThanOrEqual(10);
  const wordChar = /[\p{L}\p{N}]/u;
  for (const claim of article.claims) {
    expect(article.body.slice(claim.start, claim.end)).toBe(claim.quote);
    const before = article.body[claim.start - 1] ?? " ";
    const after = article.body[claim.end] ?? " ";
    expect(wordChar.test(before) && wordChar.test(article.body[claim.start] ?? "")).toBe(false);
    expect(wordChar.test(after) && wordChar.test(article.body[claim.end - 1] ?? "")).toBe(false);
  }
  expect(article.claims.some((c) => c.claimant === "Veronica Escobar")).toBe(true);
});

test("bad requests get a JSON error with the right status", async ({ page }) => {
  await signIn(page, "reviewer");
  const id = await demoArticleId(page);
  const badFormat = await page.request.get(`/api/v1/articles/${id}/report?format=docx`);
  expect(badFormat.status()).toBe(400);
  expect(((await badFormat.json()) as { error: { code: string } }).error.code).toBe("INVALID_INPUT");
  const noWorkspace = await page.request.get("/api/v1/articles");
  expect(noWorkspace.status()).toBe(400);
  expect(((await noWorkspace.json()) as { error: { message: string } }).error.message).toContain("Choose a workspace");
  const unknown = await page.request.get("/api/v1/articles/does-not-exist");
  expect(unknown.status()).toBe(404);
  expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  const report = await page.request.get(`/api/v1/articles/${id}/report?format=json`);
  expect(report.headers()["content-disposition"]).toMatch(/^attachment; filename="fact-check-.*\.json"$/);
});
