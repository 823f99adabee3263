import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { fixtures } from "./fixtures";
import { cookieHeader, importArticle, openStream, personAt } from "./live";

// Two app instances share one database (scripts/test.ts starts both). A change made through
// one reaches a stream opened on the other, across a cut in every database connection, and a
// stream that reconnects with its last event id gets what it missed exactly once.

const FIRST = process.env.BASE_URL ?? "";
const SECOND = process.env.SECOND_BASE_URL ?? "";
const BODY = "Officials said the city hired 240 new teachers in 2023.\nThe budget office reported a deficit of $12 million last year.";

test.skip(!SECOND, "needs the second app instance that `npm test` starts");

async function claimOf(page: Page, articleId: string) {
  const article = (await (await page.request.get(`${FIRST}/api/v1/articles/${articleId}`)).json()) as { claims: Array<{ id: string }> };
  const id = article.claims[0]?.id ?? "";
  const claim = (await (await page.request.get(`${FIRST}/api/v1/claims/${id}`)).json()) as { id: string; version: number };
  return claim;
}

async function reword(page: Page, claimId: string, statement: string) {
  // Right after every connection was cut, an instance's first query may fail; the client retries.
  await expect(async () => {
    const { version } = (await (await page.request.get(`${FIRST}/api/v1/claims/${claimId}`)).json()) as { version: number };
    const response = await page.request.patch(`${FIRST}/api/v1/claims/${claimId}`, { data: { version, statement } });
    expect(response.status()).toBe(200);
  }).toPass({ timeout: 15_000 });
}

test("a change through one instance reaches a stream on the other, across a database outage and a reconnect", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await personAt(browser, "editor");
  const path = await importArticle(page, `Two instances ${Date.now()}`, BODY);
  const articleId = path.split("/").pop() ?? "";
  const claim = await claimOf(page, articleId);
  const headers = await cookieHeader(page);
  const streamUrl = `${SECOND}/api/v1/articles/${articleId}/events?tab=spec-${Date.now()}`;

  const stream = await openStream(streamUrl, headers);
  expect(stream.status).toBe(200);
  await expect.poll(() => stream.events.some((e) => e.event === "ready")).toBe(true);
  await reword(page, claim.id, "First wording, through instance one");
  await expect.poll(() => stream.changes().map((c) => (c.after as { statement?: string } | null)?.statement)).toContain("First wording, through instance one");

  // Every connection to the database is cut: both instances' pools and their LISTEN connections.
  const admin = new pg.Client({ connectionString: process.env.FACTDESK_E2E_DATABASE_URL });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
  await admin.end();
  await reword(page, claim.id, "Second wording, after the outage");
  await expect.poll(() => stream.changes().map((c) => (c.after as { statement?: string } | null)?.statement), { timeout: 15_000 }).toContain("Second wording, after the outage");
  const lastSeen = stream.changes().at(-1)?.id ?? "";
  const seenIds = stream.changes().map((c) => c.id);
  expect(new Set(seenIds).size).toBe(seenIds.length);
  await stream.close();

  // Away for a moment: two changes, then the browser reconnects with its last event id.
  await reword(page, claim.id, "Third wording, while away");
  await reword(page, claim.id, "Fourth wording, while away");
  const resumed = await openStream(streamUrl, { ...headers, "Last-Event-ID": lastSeen });
  await expect.poll(() => resumed.changes().length).toBe(2);
  await new Promise((r) => setTimeout(r, 500));
  expect(resumed.changes().map((c) => (c.after as { statement: string }).statement)).toEqual(["Third wording, while away", "Fourth wording, while away"]);
  expect(resumed.changes().every((c) => BigInt(c.id) > BigInt(lastSeen))).toBe(true);
  await resumed.close();
  await page.context().close();
});

test("the stream answers 401 signed out, 404 for another desk's article, and distrusts a forged event id", async ({ browser, request }) => {
  const signedOut = await request.get(`${FIRST}/api/v1/articles/${fixtures.otherArticleId}/events?tab=spec-signed-out`);
  expect(signedOut.status()).toBe(401);
  const page = await personAt(browser, "editor");
  const headers = await cookieHeader(page);
  const elsewhere = await openStream(`${SECOND}/api/v1/articles/${fixtures.otherArticleId}/events?tab=spec-elsewhere`, headers);
  expect(elsewhere.status).toBe(404);
  await elsewhere.close();
  const presence = await page.request.post(`${FIRST}/api/v1/articles/${fixtures.otherArticleId}/presence`, { data: { tab: "spec-elsewhere" } });
  expect(presence.status()).toBe(404);

  // A made-up cursor far ahead: the stream starts from now, asks the page to reload, leaks nothing.
  const path = await importArticle(page, `Forged cursor ${Date.now()}`, BODY);
  const articleId = path.split("/").pop() ?? "";
  const forged = await openStream(`${SECOND}/api/v1/articles/${articleId}/events?tab=spec-forged`, { ...headers, "Last-Event-ID": "999999999999" });
  await expect.poll(() => forged.events.map((e) => e.event)).toEqual(expect.arrayContaining(["reset", "ready"]));
  expect(forged.changes()).toEqual([]);
  await forged.close();
  const garbage = await page.request.get(`${SECOND}/api/v1/articles/${articleId}/events?tab=spec-garbage&after=1;DROP`);
  expect(garbage.status()).toBe(400);
  await page.context().close();
});

test("a viewer's write through the API is refused and changes nothing; a stale one gets 409 with the current version", async ({ browser }) => {
  const editor = await personAt(browser, "editor");
  const path = await importArticle(editor, `API rules ${Date.now()}`, BODY);
  const claim = await claimOf(editor, path.split("/").pop() ?? "");
  const viewer = await personAt(browser, "viewer");
  const refused = await viewer.request.patch(`${FIRST}/api/v1/claims/${claim.id}`, { data: { version: claim.version, statement: "Viewer's wording" } });
  expect(refused.status()).toBe(403);
  const unchanged = (await (await editor.request.get(`${FIRST}/api/v1/claims/${claim.id}`)).json()) as { version: number; statement: string };
  expect(unchanged.version).toBe(claim.version);
  expect(unchanged.statement).not.toBe("Viewer's wording");

  const saved = await editor.request.patch(`${SECOND}/api/v1/claims/${claim.id}`, { data: { version: claim.version, statement: "Editor's wording" } });
  expect(saved.status()).toBe(200);
  const stale = await editor.request.patch(`${FIRST}/api/v1/claims/${claim.id}`, { data: { version: claim.version, statement: "Late wording" } });
  expect(stale.status()).toBe(409);
  expect(await stale.json()).toEqual({
    error: { code: "CONFLICT", message: "Someone else saved a newer version while you were editing.", current: { version: claim.version + 1, fields: { statement: "Editor's wording", claimant: "" } } },
  });
  const notJson = await editor.request.patch(`${FIRST}/api/v1/claims/${claim.id}`, { form: { version: String(claim.version + 1), statement: "Form post" } });
  expect(notJson.status()).toBe(400);
  for (const page of [editor, viewer]) await page.context().close();
});
