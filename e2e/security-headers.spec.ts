import { expect, test, type Page } from "@playwright/test";
import { DEMO_TITLE, openDemoArticle, signIn } from "./fixtures";

// The headers every answer carries, and a page that works under its Content-Security-Policy:
// scripts run only with the request's nonce, and nothing the app does is refused by the policy.

const directive = (policy: string, name: string) => policy.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? "";

function expectPagePolicy(headers: Record<string, string>, html: string) {
  const policy = headers["content-security-policy"] ?? "";
  const scripts = directive(policy, "script-src");
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(scripts)![1];
  // Every script tag of the page carries this request's nonce.
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  return nonce;
}

/** Collects the page's Content-Security-Policy violations, as the browser reports them. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  return seen;
}

test("the sign-in page, an article page and the API carry the security headers; nonces are fresh", async ({ page }) => {
  const login = await page.request.get("/login");
  expect(login.status()).toBe(200);
  const first = expectPagePolicy(login.headers(), await login.text());
  const again = await page.request.get("/login");
  expect(expectPagePolicy(again.headers(), await again.text())).not.toBe(first);

  await signIn(page, "editor");
  await openDemoArticle(page);
  const article = await page.request.get(page.url());
  expect(article.status()).toBe(200);
  expectPagePolicy(article.headers(), await article.text());

  const api = await page.request.get("/api/v1/workspaces");
  expect(api.status()).toBe(200);
  expect(api.headers()["cache-control"]).toBe("no-store");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(api.headers()["x-ratelimit-limit"]).toBeTruthy();
  // Plain http here: no HSTS (it is sent only when served over https).
  expect(api.headers()["strict-transport-security"]).toBeUndefined();

  // The public API reference still renders.
  const docs = await page.request.get("/docs/api");
  expect(docs.status()).toBe(200);
  expectPagePolicy(docs.headers(), await docs.text());
});

test("a page works under the policy: no violations while reading and opening a claim", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, "reviewer");
  // The page's scripts run: Next's runtime starts and the live page asks for its updates.
  const live = page.waitForRequest(/\/api\/v1\/articles\/[^/]+\/events/);
  await openDemoArticle(page);
  await live;
  expect(await page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe("object");
  await page.getByRole("complementary", { name: "Claims" }).getByRole("link", { name: /record high arrests at the US-Mexico border/ }).click();
  await expect(page).toHaveURL(/[?&]claim=/);
  await expect(page.getByRole("heading", { level: 1, name: DEMO_TITLE })).toBeVisible();
  expect(violations).toEqual([]);
});

test("an admin reads the workspace's security events; a refused request shows up there", async ({ browser }, testInfo) => {
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer");
  const refused = await viewer.request.post("/api/v1/articles", { data: { workspace: "demo", title: "Not allowed", body: "A viewer tries to add an article." } });
  expect(refused.status()).toBe(403);
  expect((await viewer.goto("/w/demo/settings/security"))?.status()).toBe(404);
  await viewerContext.close();

  const page = await browser.newPage();
  const violations = await watchViolations(page);
  await signIn(page, "admin");
  await page.goto("/w/demo/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  const events = page.getByRole("list", { name: "Security events, newest first" });
  await expect(events.getByText(/was refused as viewer: tried to import an article through the API/).first()).toBeVisible();
  await page.getByLabel("What").selectOption("action.refused");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=action\.refused/);
  await expect(events.getByText(/was refused/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("security-page.png"), fullPage: true });
  expect(violations).toEqual([]);
});
