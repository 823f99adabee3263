import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { MAX_IMPORT_FILE_BYTES } from "@/lib/domain/article-size";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// POST /api/v1/articles/import: a .txt, .md or .html file as multipart/form-data, converted as the
// import page converts it; every file the page would refuse is refused here, and nothing is stored.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));

let ws: TestWorkspace;
let other: TestWorkspace;
let editor: string;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  editor = await tokenFor(ws.users.editor);
});

function formWith(file: Blob | string | null, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("workspace", ws.slug);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (typeof file === "string") form.set("file", file);
  else if (file) form.set("file", file, name);
  return form;
}

const upload = (form: FormData, token = editor) => callApi("POST", "/articles/import", { token, form });
const file = (content: BlobPart, type = "") => new Blob([content], { type });

async function refusedWith(form: FormData, status: number, message: RegExp, token = editor) {
  const before = await workspaceFingerprint(ws.id);
  const result = await upload(form, token);
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect((result.body as { error: { message: string } }).error.message).toMatch(message);
  expect(await workspaceFingerprint(ws.id)).toEqual(before);
  return result;
}

describe("importing a file through the API", () => {
  it("HTML: paragraphs kept, scripts and styles dropped (never run), the page's title as the headline, the URL only stored", async () => {
    const html = `<!doctype html><html><head><title>Crossings fell</title><style>p{color:red}</style><script>fetch("https://evil.example")</script></head>
<body><nav>Home</nav><p>Crossings fell by 50 percent in December, the agency said.</p><p>&lt;script&gt;alert(1)&lt;/script&gt; stays as words.</p></body></html>`;
    const result = await upload(formWith(file(html, "text/html"), "story.html", { url: "https://news.example/crossings", outlet: "Wire" }));
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body).toMatchObject({ title: "Crossings fell", outlet: "Wire", url: "https://news.example/crossings", workspace: ws.slug });
    const article = await getDb().article.findFirstOrThrow({ where: { workspaceId: ws.id, title: "Crossings fell" } });
    expect(article.body).toBe("Crossings fell by 50 percent in December, the agency said.\n\n<script>alert(1)</script> stays as words.");
    expect(await getDb().claim.count({ where: { articleId: article.id } })).toBeGreaterThan(0);
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id, articleId: article.id, action: "article.imported" } });
    expect(event.origin).toBe("API");
    expect(result.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("Markdown (sent as application/octet-stream, as curl does) and plain text, whose first line is the headline", async () => {
    const md = await upload(formWith(file("# Bridge tolls rise\n\nTolls rose **12 percent** last year, the [authority](https://x.example) said.\n", "application/octet-stream"), "tolls.md"));
    expect(md.status, JSON.stringify(md.body)).toBe(201);
    expect(md.body).toMatchObject({ title: "Bridge tolls rise", body: "Tolls rose 12 percent last year, the authority said." });
    const text = await upload(formWith(file("\uFEFFFerry fares fall\r\n\r\nFares fell 3 percent in May, the operator said.\r\n", "text/plain"), "fares.txt"));
    expect(text.status, JSON.stringify(text.body)).toBe(201);
    expect(text.body).toMatchObject({ title: "Ferry fares fall", body: "Fares fell 3 percent in May, the operator said." });
    const titled = await upload(formWith(file("Just one paragraph of text, with a number: 42.", "text/plain"), "notes.txt", { title: "Typed headline" }));
    expect(titled.body).toMatchObject({ title: "Typed headline", body: "Just one paragraph of text, with a number: 42." });
  });

  it("the workspace may come as a query parameter", async () => {
    const form = new FormData();
    form.set("file", file("Crime fell 12 percent last year, the police said.", "text/plain"), "crime.txt");
    form.set("title", "By query");
    const result = await callApi("POST", `/articles/import?workspace=${ws.slug}`, { token: editor, form });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
  });

  it("a file over 2.5 MB: 413 with the sizes, nothing stored", async () => {
    const big = "word ".repeat(Math.ceil(MAX_IMPORT_FILE_BYTES / 5) + 10);
    const result = await refusedWith(formWith(file(big, "text/plain"), "big.txt", { title: "Big" }), 413, /file: The file is over 2\.5 MB: "big\.txt" is 2\.50 MB/);
    expect(result.body).toMatchObject({ error: { code: "TOO_LARGE", fields: { file: [expect.any(String)] } } });
  });

  it("a request over the limit is refused from its declared length, before it is read", async () => {
    const result = await callApi("POST", "/articles/import", { token: editor, rawBody: "x", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(3_000_000) } });
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ error: { code: "TOO_LARGE" } });
  });

  it("types by extension and content type: 415 for others, nothing stored", async () => {
    await refusedWith(formWith(file("%PDF-1.4", "application/pdf"), "story.pdf", { title: "Pdf" }), 415, /Import a \.txt, \.md or \.html file.*"story\.pdf" was sent as application\/pdf/);
    await refusedWith(formWith(file("plain words", "text/plain"), "story.docx", { title: "Docx" }), 415, /Import a \.txt, \.md or \.html file/);
    await refusedWith(formWith(file("<p>x</p>", "image/png"), "story.html", { title: "Png" }), 415, /image\/png/);
    await refusedWith(formWith(file("<p>x</p>", "text/html"), "story.md", { title: "Mismatch" }), 415, /Import a \.txt/);
    await refusedWith(formWith(file("no name", "application/octet-stream"), "noextension", { title: "Unknown" }), 415, /Import a \.txt/);
  });

  it("a JSON body, or a form without a file part: a clear message, nothing stored", async () => {
    const json = await callApi("POST", "/articles/import", { token: editor, body: { workspace: ws.slug, title: "Json", body: "Text." } });
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ error: { code: "UNSUPPORTED_TYPE", message: expect.stringMatching(/multipart\/form-data/) } });
    await refusedWith(formWith(null, "", { title: "No file" }), 400, /file: Attach the article as a `file` part/);
    await refusedWith(formWith("Crime fell 12 percent.", "", { title: "As text" }), 400, /file: Send the article as a file part/);
    const twice = formWith(file("a", "text/plain"), "a.txt");
    twice.append("file", file("b", "text/plain"), "b.txt");
    await refusedWith(twice, 400, /one file at a time/);
    await refusedWith(new FormData(), 400, /file: Attach/);
    const noWorkspace = formWith(file("Crime fell 12 percent.", "text/plain"), "a.txt", { title: "Nowhere" });
    noWorkspace.delete("workspace");
    await refusedWith(noWorkspace, 400, /workspace: Choose a workspace/);
  });

  it("NUL bytes, invalid UTF-8 and a file with no text after conversion: 400, nothing stored", async () => {
    await refusedWith(formWith(file("Crime fell\u0000 12 percent.", "text/plain"), "nul.txt", { title: "Nul" }), 400, /file: The file holds NUL bytes/);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]);
    await refusedWith(formWith(file(utf16, "text/plain"), "utf16.txt", { title: "Utf16" }), 400, /NUL bytes/);
    const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x31, 0x32, 0x25]);
    await refusedWith(formWith(file(latin1, "text/plain"), "latin1.txt", { title: "Latin1" }), 400, /file: The file is not UTF-8 text/);
    await refusedWith(formWith(file("<script>only()</script><style>p{}</style>", "text/html"), "empty.html", { title: "Empty" }), 400, /body: The file has no text to import/);
    await refusedWith(formWith(file("", "text/plain"), "blank.txt", { title: "Blank" }), 400, /Paste the article's text|no text/);
    await refusedWith(formWith(file("<p>No title anywhere.</p>", "text/html"), "untitled.html"), 400, /title: Headline is required/);
  });

  it("a javascript: URL and NULs in the fields are refused at their field, nothing stored", async () => {
    await refusedWith(formWith(file("Crime fell 12 percent.", "text/plain"), "a.txt", { title: "Js", url: "javascript:alert(1)" }), 400, /url: Article URL must be a full web address/);
    await refusedWith(formWith(file("Crime fell 12 percent.", "text/plain"), "a.txt", { title: "N\u0000ul" }), 400, /title: /);
    await refusedWith(formWith(file("Crime fell 12 percent.", "text/plain"), "a\u0000.txt", { title: "Name" }), 400, /./);
    await refusedWith(formWith(file("Crime fell 12 percent.", "text/plain"), "a.txt", { title: "Date", publishedAt: "yesterday" }), 400, /publishedAt: /);
  });

  it("counts against the API's rate limits like every write: 429 past the limit, nothing stored", async () => {
    const previous = process.env.FACTDESK_API_RATE_LIMIT;
    process.env.FACTDESK_API_RATE_LIMIT = "2";
    try {
      const token = await tokenFor(ws.users.editor);
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await upload(formWith(file(`Crime fell ${i} percent.`, "text/plain"), "crime.txt", { title: `Limited ${i}` }), token));
      const first = answers.findIndex((a) => a.status === 429);
      // At most 2 pass in one window (a minute boundary in the middle starts a new one).
      expect(first).toBeGreaterThanOrEqual(2);
      expect(first).toBeLessThanOrEqual(4);
      expect(answers[first]!.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
      expect(Number(answers[first]!.headers.get("retry-after"))).toBeGreaterThan(0);
      const stored = await getDb().article.count({ where: { workspaceId: ws.id, title: { startsWith: "Limited" } } });
      expect(stored).toBe(answers.filter((a) => a.status === 201).length);
    } finally {
      if (previous === undefined) delete process.env.FACTDESK_API_RATE_LIMIT;
      else process.env.FACTDESK_API_RATE_LIMIT = previous;
    }
  });

  it("refused to a read-only token, a viewer, someone signed out and another workspace, with nothing changed", async () => {
    const good = () => formWith(file("Crime fell 12 percent last year.", "text/plain"), "crime.txt", { title: "Planted" });
    await refusedWith(good(), 403, /does not allow/, await tokenFor(ws.users.editor, "READ"));
    await refusedWith(good(), 403, /does not allow/, await tokenFor(ws.users.viewer));
    await refusedWith(good(), 404, /not found/, await tokenFor(other.users.admin));
    const before = await workspaceFingerprint(ws.id);
    const anonymous = await callApi("POST", "/articles/import", { form: good() });
    expect(anonymous.status).toBe(401);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });
});
