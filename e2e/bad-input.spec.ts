import { expect, test, type Page } from "@playwright/test";
import { fixtures, signIn } from "./fixtures";

// Bad input in the browser: a paste over the size limit keeps the text and says why, a claim on
// words in astral-plane letters, and NUL (%00) in addresses and at sign-in.

async function openImport(page: Page) {
  await signIn(page, "editor");
  await page.getByRole("link", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { name: "Import an article" })).toBeVisible();
}

test("a paste over the server's request limit is refused in the browser: the text stays, the size and the limit are shown", async ({ page }) => {
  await openImport(page);
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  // 3.6 MB: more than the server would even read (3 MB), as a long PDF pasted whole might be.
  const paragraph = "The council said spending on roads rose 12 percent last year, and the mayor disputed it. ";
  const text = paragraph.repeat(Math.ceil(3_600_000 / paragraph.length));
  await page.getByLabel("Headline").fill("A very long paste");
  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  const bytes = text.trim().length.toLocaleString("en-US");
  await expect(page.getByText(`This text is 3.60 MB (${bytes} bytes); the limit is 1 MB (1,000,000 bytes).`)).toBeVisible();
  await expect(page.getByText("The article text is too long to import in one piece.")).toBeVisible();
  await expect(page.getByLabel("Article text")).toHaveAttribute("aria-invalid", "true");
  expect(await page.getByLabel("Article text").inputValue()).toHaveLength(text.length);
  await expect(page.getByLabel("Headline")).toHaveValue("A very long paste");
  await expect(page).toHaveURL(/\/articles\/new$/);
  expect(posts).toEqual([]);

  // Cut down to fit, the same text imports.
  await page.getByLabel("Article text").fill(text.slice(0, 20_000));
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A very long paste");
});

test("words in astral-plane letters can be selected and made a claim", async ({ page }) => {
  await openImport(page);
  const title = `Astral ${Date.now()}`;
  await page.getByLabel("Headline").fill(title);
  await page.getByLabel("Article text").fill("The flyer promised 𝐁𝐨𝐥𝐝 savings for every household.\nIts motto, 𠀀𠀁 in stone, was read aloud.");
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  for (const [word, from, to] of [
    // Between the halves of the first letter and of the last: widened to whole letters, then to the word.
    ["𝐁𝐨𝐥𝐝", 1, -1],
    ["𠀀𠀁", 0, 0],
  ] as const) {
    await page.getByTestId("article-body").evaluate(
      (root, { word, from, to }) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(word) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at + from);
          range.setEnd(node, at + word.length + to);
          window.getSelection()?.removeAllRanges();
          window.getSelection()?.addRange(range);
          return;
        }
        throw new Error(`${word} not found`);
      },
      { word, from, to },
    );
    await page.getByRole("button", { name: "Add claim" }).click();
    await expect(page).toHaveURL(/claim=/);
    await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText(`“${word}”`);
    await expect(page.getByTestId("article-body").locator(".claim-mark", { hasText: word })).toBeVisible();
  }
});

test("an address holding %00 is not found, for pages, files, public links and the API", async ({ page }) => {
  await signIn(page, "editor");
  for (const path of ["/w/demo%00", "/w/demo/articles/abc%00", "/w/demo/articles/abc?claim=x%00", "/w/demo/dashboard/export?period=30d%00", "/r/abc%00", "/invite/abc%00"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
  }
  const api = await page.request.get("/api/v1/articles/abc%00");
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { code: "NOT_FOUND", message: "Not found." } });
  const page404 = await page.goto("/w/demo/articles/abc%00");
  expect(page404?.status()).toBe(404);
});

test("signing in with a NUL in the email or password gets the usual answer, never an error page", async ({ page }) => {
  const attempts: Array<[string, string]> = [
    [`${fixtures.users.editor}\u0000`, fixtures.password],
    [fixtures.users.editor, `${fixtures.password}\u0000`],
  ];
  for (const [email, password] of attempts) {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await page.request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" }, maxRedirects: 0 });
    expect(response.status(), JSON.stringify([email, password])).toBeLessThan(500);
    expect(response.headers().location ?? (await response.text())).toMatch(/error=/);
  }
  // And through the form itself (a browser drops a NUL typed into a field; the server never sees one).
  await page.goto("/login");
  await page.getByLabel("Email").fill(fixtures.users.editor);
  await page.getByLabel("Password").fill(`${fixtures.password}\u0000x`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
});
