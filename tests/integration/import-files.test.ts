import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { ARTICLE_TOO_LARGE, IMPORT_FILE_TOO_LARGE, MAX_ARTICLE_BYTES, MAX_IMPORT_FILE_BYTES } from "@/lib/domain/article-size";
import { formOf, settleCall, type CallResult } from "@/lib/testing/action-guards";
import { workspaceFingerprint } from "@/lib/testing/api";
import { createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";

// The import form's files (.txt, .md, .html), read in the browser and sent as text with their
// format: converted on the server, stored as plain text; a file too large is refused whole.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "factdesk.test" }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const importing = await import("@/app/w/[workspace]/articles/new/actions");

let w: TestWorkspace;
beforeAll(async () => {
  w = await createTestWorkspace();
});

async function importAs(userId: string | null, values: Record<string, string>): Promise<CallResult> {
  session.userId = userId;
  try {
    return await settleCall(() => importing.importArticleAction(w.slug, null, formOf(values)) as Promise<ActionResult>);
  } finally {
    session.userId = null;
  }
}

const stored = (title: string) => getDb().article.findFirstOrThrow({ where: { workspaceId: w.id, title } });

describe("importing a file", () => {
  it("HTML: paragraphs kept, scripts, styles and menus dropped, entities decoded, the page's title proposed", async () => {
    const html = `<html><head><title>Crossings &amp; the deal</title><style>p{}</style><script>var x = "<p>no</p>";</script></head>
<body><nav>Home | World</nav><h1>Crossings fell</h1><p>Crossings fell by <b>50&nbsp;percent</b> in <a href="/x">December</a>.</p>
<div><p>Nested <span><em>markup</em> here</span>.</p></div><ul><li>One item</li></ul><aside>Most read</aside><iframe src="https://x.example"></iframe></body></html>`;
    const result = await importAs(w.users.editor, { title: "", format: "html", fileName: "page.html", url: "https://news.example/story", body: html });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const article = await stored("Crossings & the deal");
    expect(article.body).toBe("Crossings fell\n\nCrossings fell by 50 percent in December.\n\nNested markup here.\n\nOne item");
    expect(article.url).toBe("https://news.example/story");
    expect(await getDb().claim.count({ where: { articleId: article.id } })).toBeGreaterThan(0);
  });

  it("Markdown: marks taken away, the headline typed by the person wins over the file's", async () => {
    const md = "# From the file\n\nThe **bill** costs [$20 billion](https://cbo.example), the *office* said.\n\n- A listed point\n";
    const result = await importAs(w.users.editor, { title: "Typed headline", format: "markdown", fileName: "notes.md", body: md });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect((await stored("Typed headline")).body).toBe("From the file\n\nThe bill costs $20 billion, the office said.\n\nA listed point");
  });

  it("the file's first heading, taken as the headline, is not repeated as the first paragraph", async () => {
    const md = "# Bridge tolls rise\n\nTolls rose 12 percent last year, the authority said.\n";
    expect(await importAs(w.users.editor, { title: "", format: "markdown", fileName: "tolls.md", body: md })).toMatchObject({ ok: true });
    expect((await stored("Bridge tolls rise")).body).toBe("Tolls rose 12 percent last year, the authority said.");
    const text = "Ferry fares fall\r\n\r\nFares fell 3 percent in May, the operator said.\r\n";
    expect(await importAs(w.users.editor, { title: "Ferry fares fall", format: "text", fileName: "fares.txt", body: text })).toMatchObject({ ok: true });
    expect((await stored("Ferry fares fall")).body).toBe("Fares fell 3 percent in May, the operator said.");
  });

  it("plain text with CRLF line endings is stored with \\n", async () => {
    const result = await importAs(w.users.editor, { title: "Windows text", format: "text", fileName: "a.txt", body: "First paragraph.\r\n\r\nSecond paragraph.\r\n" });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect((await stored("Windows text")).body).toBe("First paragraph.\n\nSecond paragraph.");
  });

  it("refuses an oversized file, or a file whose text is over the limit, with a clear message and nothing stored", async () => {
    const before = await workspaceFingerprint(w.id);
    const huge = `<p>${"word ".repeat(Math.ceil(MAX_IMPORT_FILE_BYTES / 5))}</p>`;
    const file = await importAs(w.users.editor, { title: "Too big", format: "html", fileName: "big.html", body: huge });
    expect(file).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { body: [IMPORT_FILE_TOO_LARGE] } });
    // Under the file limit, but the text it gives is over the article limit.
    const text = `${"sentence. ".repeat(Math.ceil(MAX_ARTICLE_BYTES / 10) + 10)}`;
    const converted = await importAs(w.users.editor, { title: "Too long", format: "markdown", fileName: "long.md", body: `*${text}*` });
    expect(converted).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { body: [ARTICLE_TOO_LARGE] } });
    expect(await workspaceFingerprint(w.id)).toEqual(before);
  });

  it("refuses a file with no text, an unknown format, and a file without any headline, changing nothing", async () => {
    const before = await workspaceFingerprint(w.id);
    expect(await importAs(w.users.editor, { title: "Empty", format: "html", body: "<script>only()</script>" })).toMatchObject({ ok: false, fieldErrors: { body: ["The file has no text to import."] } });
    expect(await importAs(w.users.editor, { title: "Pdf", format: "pdf", body: "x" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await importAs(w.users.editor, { title: "", format: "html", body: "<p>No title anywhere.</p>" })).toMatchObject({ ok: false, fieldErrors: { title: ["Headline is required."] } });
    expect(await workspaceFingerprint(w.id)).toEqual(before);
  });

  it("refuses a viewer and someone signed out, changing nothing", async () => {
    const before = await workspaceFingerprint(w.id);
    const values = { title: "", format: "html", body: "<title>Viewer</title><p>Words.</p>" };
    expect(await importAs(w.users.viewer, values)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await importAs(null, values)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await workspaceFingerprint(w.id)).toEqual(before);
  });
});
