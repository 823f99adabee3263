import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations } from "./axe";
import { importArticle, personAt } from "./live";

// The desk dashboard on the demo workspace after a small journey of this spec's own (two claims
// reviewed twice, one published), with every figure on the page recomputed from the database.

const BODY = [
  "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
  "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
].join("\n");

const panelOf = (page: Page) => page.getByRole("article");

async function openClaim(page: Page, path: string, words: RegExp) {
  await page.goto(path);
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: words }).click();
  await expect(panelOf(page).getByRole("heading", { level: 2, name: words })).toBeVisible();
}

async function review(page: Page, rating: string) {
  const panel = panelOf(page);
  await panel.getByText("Write my review", { exact: true }).click();
  await panel.getByLabel("Rating").selectOption({ label: rating });
  await panel.getByLabel("Rationale").fill("Checked against the official series.");
  await panel.getByRole("button", { name: "Submit my review" }).click();
  await expect(panel.getByText("Your review is saved.")).toBeVisible();
}

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.FACTDESK_E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The figures of the demo desk over all time, by the dashboard's definitions, straight from SQL. */
async function figuresFromDatabase() {
  const [{ id, ratingScale }] = (await query<{ id: string; ratingScale: Array<{ key: string; label: string; retired?: boolean }> }>(`SELECT id, "ratingScale" FROM "Workspace" WHERE slug = 'demo'`)) as [{ id: string; ratingScale: Array<{ key: string; label: string; retired?: boolean }> }];
  const labels: Record<string, string> = { DETECTED: "Detected", QUEUED: "Queued", RESEARCHING: "Researching", IN_REVIEW: "In review", PUBLISHED: "Published", DISMISSED: "Dismissed", REOPENED: "Reopened" };
  const statuses = Object.fromEntries(Object.values(labels).map((l) => [l, "0"]));
  for (const r of await query<{ status: string; n: string }>(`SELECT status::text, count(*) AS n FROM "Claim" WHERE "workspaceId" = $1 GROUP BY status`, [id])) statuses[labels[r.status] ?? r.status] = r.n;
  const verdicts: Record<string, string> = {};
  for (const r of ratingScale.filter((r) => !r.retired)) verdicts[r.label] = "0";
  const latest = await query<{ rating: string; n: string }>(
    `SELECT rating, count(*) AS n FROM (SELECT DISTINCT ON ("claimId") "claimId", rating FROM "Decision" WHERE "workspaceId" = $1 ORDER BY "claimId", "createdAt" DESC, id DESC) d GROUP BY rating`,
    [id],
  );
  for (const r of latest) {
    const rating = ratingScale.find((s) => s.key === r.rating);
    verdicts[rating && !rating.retired ? rating.label : `${rating?.label ?? r.rating} (retired)`] = r.n;
  }
  const [timed] = await query<{ n: string }>(`SELECT count(DISTINCT "claimId") AS n FROM "Decision" WHERE "workspaceId" = $1`, [id]);
  const [agreement] = await query<{ n: string; unanimous: string }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE ratings = 1) AS unanimous FROM (SELECT "claimId", count(DISTINCT rating) AS ratings FROM "Review" WHERE "workspaceId" = $1 GROUP BY "claimId" HAVING count(*) >= 2) q`,
    [id],
  );
  const work = await query<{ name: string; reviews: string; sources: string; verdicts: string }>(
    `SELECT u.name,
       (SELECT count(*) FROM "Review" r WHERE r."workspaceId" = $1 AND r."reviewerId" = u.id) AS reviews,
       (SELECT count(*) FROM "Source" s WHERE s."workspaceId" = $1 AND s."addedById" = u.id) AS sources,
       (SELECT count(*) FROM "Decision" d WHERE d."workspaceId" = $1 AND d."approvedById" = u.id) AS verdicts
     FROM "User" u WHERE u.id IN (SELECT "userId" FROM "Membership" WHERE "workspaceId" = $1)`,
    [id],
  );
  const busy = Object.fromEntries(work.filter((w) => w.reviews !== "0" || w.sources !== "0" || w.verdicts !== "0").map((w) => [w.name, [w.reviews, w.sources, w.verdicts]]));
  return { statuses, verdicts, timed: timed?.n ?? "0", agreement: { claims: agreement?.n ?? "0", unanimous: agreement?.unanimous ?? "0" }, busy };
}

/** A table's body rows as text cells, by its caption. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  return page
    .getByRole("table", { name: caption })
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((c) => (c.textContent ?? "").trim())));
}

test("an editor's dashboard shows the desk's figures, and the database agrees", async ({ browser }, testInfo) => {
  test.slow(); // a journey through three browsers before the dashboard
  const stamp = Date.now();
  const editor = await personAt(browser, "editor");
  const path = await importArticle(editor, `Dashboard desk ${stamp}`, BODY);

  // Two reviewers review both claims independently; they agree on one and not the other.
  const reviewer = await personAt(browser, "reviewer");
  const second = await personAt(browser, "reviewer2");
  await openClaim(reviewer, path, /unemployment fell/);
  await review(reviewer, "Mostly true");
  await openClaim(second, path, /unemployment fell/);
  await review(second, "Mostly true");
  await openClaim(reviewer, path, /41 million people/);
  await review(reviewer, "True");
  await openClaim(second, path, /41 million people/);
  await review(second, "Half true");

  // The editor, who did not review, publishes the first.
  await openClaim(editor, path, /unemployment fell/);
  await panelOf(editor).getByLabel("Summary for readers").fill("Unemployment did fall to about 3.9 percent.");
  await panelOf(editor).getByRole("button", { name: "Publish verdict" }).click();
  await expect(panelOf(editor).getByText(/^Published .* by E2E Editor$/)).toBeVisible();

  await editor.goto("/w/demo/dashboard?period=all");
  await expect(editor.getByRole("heading", { level: 1, name: "Desk dashboard" })).toBeVisible();
  await expect(editor.getByRole("link", { name: "All time" })).toHaveAttribute("aria-current", "page");
  for (const chart of ["Claims by status", "Published verdicts by rating", "Time from detection to first verdict", "Claims on which reviewers agree", "Work per member"]) {
    await expect(editor.getByRole("img", { name: chart })).toBeVisible();
  }
  await expectNoAxeViolations(editor);
  for (const summary of await editor.getByText("Show the table", { exact: true }).all()) await summary.click();
  await expectNoAxeViolations(editor);
  const shot = testInfo.outputPath("dashboard-demo.png");
  await editor.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("dashboard on the demo workspace", { path: shot, contentType: "image/png" });

  const expected = await figuresFromDatabase();
  expect(Object.fromEntries(await tableRows(editor, "Claims by status"))).toEqual(expected.statuses);
  expect(Object.fromEntries(await tableRows(editor, "Published verdicts by rating"))).toEqual(expected.verdicts);
  expect((await tableRows(editor, "Time to verdict"))[0]).toEqual(["Claims measured", expected.timed, ""]);
  const agreement = await tableRows(editor, "Agreement between reviewers");
  expect(agreement[0]).toEqual(["Claims with two or more reviews", expected.agreement.claims, expected.agreement.claims]);
  expect(agreement[1]).toEqual(["Claims on which all reviews agree", expected.agreement.unanimous, expected.agreement.claims]);
  const work = (await tableRows(editor, "Work per member")).filter(([, ...n]) => n.some((v) => v !== "0"));
  expect(Object.fromEntries(work.map(([name, ...n]) => [name, n]))).toEqual(expected.busy);
  // This spec's own work is in there.
  expect(Number(expected.busy["E2E Reviewer2"]?.[0] ?? 0)).toBeGreaterThanOrEqual(2);

  // The CSV carries the same figures.
  const csv = await editor.request.get("/w/demo/dashboard/export?period=all");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="dashboard-demo-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(csv.headers()["cache-control"]).toBe("no-store");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.toString("utf8").slice(1).split("\r\n");
  for (const [label, count] of Object.entries(expected.statuses)) expect(lines).toContain(`${label},${count}`);
  for (const [name, [reviews, sources, verdicts]] of Object.entries(expected.busy)) expect(lines).toContain(`${name},${reviews},${sources},${verdicts}`);
  for (const page of [editor, reviewer, second]) await page.context().close();
});

test("a period is chosen by preset or by days, and a bad date gets a clear message", async ({ page }) => {
  const { signIn } = await import("./fixtures");
  await signIn(page, "editor");
  await page.goto("/w/demo/dashboard");
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");
  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To (included)").fill("2020-01-31");
  await page.getByRole("button", { name: "Show these days" }).click();
  await expect(page.getByText("Demo Desk · Jan 1, 2020 to Jan 31, 2020")).toBeVisible();
  await expect(page.getByText("No claims were detected or added in this period.")).toBeVisible();
  await page.goto("/w/demo/dashboard?from=2026-02-30&to=2026-01-01");
  await expect(page.getByRole("alert").filter({ hasText: "These dates cannot be shown." })).toContainText("The start date is not a day of the calendar.");
  await expect(page.getByLabel("From", { exact: true })).toHaveAccessibleDescription("The start date is not a day of the calendar.");
  await page.screenshot({ path: test.info().outputPath("dashboard-bad-date.png"), fullPage: true });
  await expectNoAxeViolations(page);
  expect((await page.request.get("/w/demo/dashboard/export?from=yesterday")).status()).toBe(400);
});

test("reviewers and viewers get no dashboard and no CSV", async ({ browser }) => {
  for (const who of ["reviewer", "viewer"] as const) {
    const page = await personAt(browser, who);
    await expect(page.getByRole("link", { name: "Dashboard", exact: true })).toHaveCount(0);
    const response = await page.goto("/w/demo/dashboard?period=all");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    const csv = await page.request.get("/w/demo/dashboard/export?period=all");
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain("Claims by status");
    await page.context().close();
  }
});
