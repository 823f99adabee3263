import { expect, type Browser, type Page } from "@playwright/test";
import { signIn, type fixtures } from "./fixtures";

type Who = keyof typeof fixtures.users;

/** A fresh browser context signed in as `who`: one person at their own desk. */
export async function personAt(browser: Browser, who: Who, baseURL?: string): Promise<Page> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** Imports an article of this spec's own through the UI (as an editor); returns its address. */
export async function importArticle(page: Page, title: string, body: string): Promise<string> {
  await page.goto("/w/demo/articles/new");
  await page.getByLabel("Headline").fill(title);
  await page.getByLabel("Article text").fill(body);
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** A mark set in the page's memory: if it survives, the page was never reloaded. */
export const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
export const pageWasNotReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

export type SseEvent = { id?: string; event: string; data: string };

/** A Server-Sent Events reader over fetch, for specs that talk to the stream as a client would. */
export async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  const done = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { event: "message", data: "" };
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) event.id = line.slice(4);
            else if (line.startsWith("event: ")) event.event = line.slice(7);
            else if (line.startsWith("data: ")) event.data += line.slice(6);
          }
          if (block.split("\n").some((l) => l.startsWith("data: "))) events.push(event);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: response.status,
    events,
    changes: () => events.filter((e) => e.event === "change").map((e) => ({ id: e.id ?? "", ...(JSON.parse(e.data) as { kind: string; claimId: string | null; after: unknown }) })),
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

export async function cookieHeader(page: Page): Promise<Record<string, string>> {
  const cookies = await page.context().cookies();
  return { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
}
