import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "./fixtures";

// A newsroom tool that talks to Factdesk with API tokens only: an editor's token imports an
// article, a reviewer's token adds a source and a review, the editor's token publishes the
// verdict (four eyes: the publisher did not review it) and downloads the reader's CSV. After the
// tokens are made in the account screen, no request carries a cookie.

async function makeToken(page: Page, who: "editor" | "reviewer"): Promise<string> {
  await signIn(page, who);
  await page.goto("/account/tokens");
  await page.getByLabel("Name").fill(`Journey ${who} ${Date.now()}`);
  await page.getByRole("radio", { name: /Read and write/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Your new API token").inputValue();
  expect(token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
  return token;
}

type Claim = { id: string; version: number; status: string; statement: string };

test("an article imported, sourced, reviewed, published and exported through the API with tokens only", async ({ browser, playwright, baseURL }) => {
  const editorToken = await makeToken(await (await browser.newContext()).newPage(), "editor");
  const reviewerToken = await makeToken(await (await browser.newContext()).newPage(), "reviewer");
  const as = (token: string): Promise<APIRequestContext> => playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const editor = await as(editorToken);
  const reviewer = await as(reviewerToken);

  const title = `Wire copy ${Date.now()}`;
  const body =
    "The city council approved a budget of 4.2 million dollars on Tuesday, according to the clerk's office. " +
    "Unemployment in the county fell to 3.1 percent last year, the lowest rate since 1999, the mayor said. " +
    "Residents hope the new park will be lovely.";
  const imported = await editor.post("/api/v1/articles", { data: { workspace: "demo", title, body, outlet: "Wire" } });
  expect(imported.status()).toBe(201);
  const article = (await imported.json()) as { id: string; claims: Claim[] };
  const claim = article.claims.find((c) => c.statement.includes("3.1 percent"));
  expect(claim, "the unemployment figure is detected as a claim").toBeTruthy();
  const claimId = claim!.id;

  // A read-only path first: a reviewer's token cannot import, and nothing is written.
  const refused = await reviewer.post("/api/v1/articles", { data: { workspace: "demo", title: `${title} (reviewer)`, body } });
  expect(refused.status()).toBe(403);

  const read = async () => (await (await editor.get(`/api/v1/claims/${claimId}`)).json()) as Claim;
  const move = async (status: string) => {
    const current = await read();
    const moved = await editor.post(`/api/v1/claims/${claimId}/status`, { data: { status, version: current.version } });
    expect(moved.status(), `move to ${status}: ${await moved.text()}`).toBe(200);
  };
  await move("QUEUED");

  const source = await reviewer.post(`/api/v1/claims/${claimId}/sources`, {
    data: { url: "https://www.bls.gov/lau/", title: "Local Area Unemployment Statistics", kind: "PRIMARY_DATA", stance: "REFUTES", publishedAt: "2025-03-01" },
  });
  expect(source.status(), await source.text()).toBe(201);
  if ((await read()).status !== "IN_REVIEW") {
    const current = await read();
    const sent = await reviewer.post(`/api/v1/claims/${claimId}/status`, { data: { status: "IN_REVIEW", version: current.version } });
    expect(sent.status(), await sent.text()).toBe(200);
  }
  const review = await reviewer.post(`/api/v1/claims/${claimId}/reviews`, { data: { rating: "mostly-false", rationale: "Internal note: checked the LAUS county table for last year.", confidence: 3 } });
  expect(review.status(), await review.text()).toBe(200);
  expect((await read()).status).toBe("IN_REVIEW");

  // A stale version is refused with the current one, and nothing is published.
  const stale = await editor.post(`/api/v1/claims/${claimId}/decisions`, { data: { version: 1, rating: "mostly-false", summary: "Stale." } });
  expect(stale.status()).toBe(409);

  const published = await editor.post(`/api/v1/claims/${claimId}/decisions`, {
    data: { version: (await read()).version, rating: "mostly-false", summary: "The county's rate was 3.4 percent, not 3.1 percent." },
  });
  expect(published.status(), await published.text()).toBe(201);
  expect((await read()).status).toBe("PUBLISHED");

  const csv = await editor.get(`/api/v1/articles/${article.id}/report?format=csv&audience=reader`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.csv"$/);
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain("3.1 percent");
  expect(text).toContain("Mostly false");
  expect(text).toContain("https://www.bls.gov/lau/");
  // The reader's report holds nothing internal: not the reviewer's rationale.
  expect(text).not.toContain("Internal note");
  expect(text).not.toContain("council approved");

  // The workspace's own file downloads take the token too, through the real server and its proxy.
  const dashboard = await editor.get("/w/demo/dashboard/export?period=all", { maxRedirects: 0 });
  expect(dashboard.status()).toBe(200);
  expect(dashboard.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const forged = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: "Bearer fd_not-a-real-token" } });
  const refusedDownload = await forged.get("/w/demo/dashboard/export?period=all", { maxRedirects: 0 });
  expect(refusedDownload.status()).toBe(401);
  expect(((await refusedDownload.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  await forged.dispose();

  await editor.dispose();
  await reviewer.dispose();
});
