import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createSource } from "@/lib/db/sources";
import { MAX_ARTICLE_BYTES } from "@/lib/domain/article-size";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createTestArticle, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// Replacing an article's text: a revision, every claim re-anchored or orphaned, the claims'
// histories kept; bad input and stale versions change nothing; orphans are re-attached.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const BODY = [
  "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
  "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
  "The governor said the state had built 400 miles of new roads since 2019.",
].join("\n");

let ws: TestWorkspace;
let other: TestWorkspace;
let editorToken: string;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  editorToken = await tokenFor(ws.users.editor);
});
beforeEach(() => {
  session.userId = null;
});

async function freshArticle() {
  const { id } = await createTestArticle(ws.id, ws.users.editor, BODY);
  const claims = await getDb().claim.findMany({ where: { articleId: id }, orderBy: { start: "asc" } });
  const byWords = (words: string) => {
    const claim = claims.find((c) => c.quote.includes(words));
    if (!claim) throw new Error(`no claim with "${words}" in ${JSON.stringify(claims.map((c) => c.quote))}`);
    return claim;
  };
  return { id, claims, byWords };
}

describe("replacing an article's text", () => {
  it("saves a revision, re-anchors each claim, orphans the deleted one and keeps their sources", async () => {
    const article = await freshArticle();
    const jobs = article.byWords("3.9 percent");
    const poverty = article.byWords("41 million");
    const roads = article.byWords("400 miles");
    await createSource(actingAs(ws, "reviewer"), { claimId: poverty.id, url: "https://example.org/census", title: "Census", kind: "OFFICIAL_RECORD", stance: "SUPPORTS" });

    const edited = [
      "Editor's note: this story was updated on Friday.",
      "Sen. Maria Lopez said unemployment fell to 3.8 percent in 2023, the lowest level in two decades.",
      "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
    ].join("\n");
    const result = await callApi("POST", `/articles/${article.id}/revisions`, { token: editorToken, body: { version: 1, body: edited, note: "Corrected the rate" } });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body).toMatchObject({ version: 2, revision: 2, orphaned: 1 });

    const after = await getDb().claim.findMany({ where: { articleId: article.id } });
    const find = (id: string) => after.find((c) => c.id === id)!;
    // Inserted text before it: the same words, moved by the inserted line.
    expect(edited.slice(find(poverty.id).start, find(poverty.id).end)).toBe(poverty.quote);
    expect(find(poverty.id)).toMatchObject({ orphaned: false, anchorConfidence: 1, anchorMethod: "position" });
    // A word changed inside it: it stays on its (changed) words, with less than full confidence.
    const moved = find(jobs.id);
    expect(moved.orphaned).toBe(false);
    expect(moved.quote).toContain("3.8 percent");
    expect(edited.slice(moved.start, moved.end)).toBe(moved.quote);
    expect(moved.anchorConfidence).toBeLessThan(1);
    // Its sentence deleted: orphaned, not moved onto other words.
    expect(find(roads.id)).toMatchObject({ orphaned: true, quote: roads.quote, start: 0, end: 0 });
    // Histories stay: same claim ids, the source still on its claim, the status untouched.
    expect(await getDb().source.count({ where: { claimId: poverty.id } })).toBe(1);
    expect(after.map((c) => c.id).sort()).toEqual(article.claims.map((c) => c.id).sort());

    const revisions = await callApi("GET", `/articles/${article.id}/revisions`, { token: editorToken });
    expect(revisions.body).toMatchObject({ items: [{ number: 2, note: "Corrected the rate" }, { number: 1, note: "Original text" }] });
    const original = await callApi("GET", `/articles/${article.id}/revisions/1`, { token: editorToken });
    expect(original.body).toMatchObject({ number: 1, body: BODY });
    expect((await getDb().article.findUniqueOrThrow({ where: { id: article.id } })).body).toBe(edited);
    const event = await getDb().event.findFirst({ where: { articleId: article.id, action: "article.text_replaced" } });
    expect(event).not.toBeNull();

    // The editor re-attaches the orphan to words in the new text.
    const start = edited.indexOf("41 million people");
    const reattached = await callApi("POST", `/claims/${roads.id}/reattach`, { token: editorToken, body: { version: find(roads.id).version, start, end: start + 10 } });
    expect(reattached.status, JSON.stringify(reattached.body)).toBe(200);
    const back = await getDb().claim.findUniqueOrThrow({ where: { id: roads.id } });
    expect(back).toMatchObject({ orphaned: false, quote: "41 million", anchorMethod: "manual" });
  });

  it("a second replacement appends revision 3 and re-anchors from the current text", async () => {
    const article = await freshArticle();
    const first = `${BODY}\nA fourth line.`;
    expect((await callApi("POST", `/articles/${article.id}/revisions`, { token: editorToken, body: { version: 1, body: first } })).status).toBe(201);
    const second = `Intro.\n${first}`;
    const result = await callApi("POST", `/articles/${article.id}/revisions`, { token: editorToken, body: { version: 2, body: second } });
    expect(result.body).toMatchObject({ revision: 3, orphaned: 0 });
    const claim = await getDb().claim.findUniqueOrThrow({ where: { id: article.byWords("400 miles").id } });
    expect(second.slice(claim.start, claim.end)).toBe(claim.quote);
  });
});

describe("bad input and stale versions change nothing", () => {
  const cases: Array<[string, (version: number) => Record<string, unknown>, number, RegExp]> = [
    ["a stale version", () => ({ version: 7, body: `${BODY} More.` }), 409, /Someone else changed this article/],
    ["an oversized text", (v) => ({ version: v, body: "a".repeat(MAX_ARTICLE_BYTES + 1) }), 400, /over 1 MB/],
    ["an empty text", (v) => ({ version: v, body: "   " }), 400, /Paste the article's text/],
    ["the same text", (v) => ({ version: v, body: BODY }), 400, /unchanged/],
    ["a note too long", (v) => ({ version: v, body: `${BODY} More.`, note: "n".repeat(501) }), 400, /at most 500/],
  ];
  it.each(cases)("%s", async (_name, body, status, message) => {
    const article = await freshArticle();
    const before = await workspaceFingerprint(ws.id);
    const result = await callApi("POST", `/articles/${article.id}/revisions`, { token: editorToken, body: body(1) });
    expect(result.status, JSON.stringify(result.body)).toBe(status);
    expect(JSON.stringify(result.body)).toMatch(message);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("a NUL in the text is dropped as on import, and offsets count without it", async () => {
    const article = await freshArticle();
    const result = await callApi("POST", `/articles/${article.id}/revisions`, { token: editorToken, body: { version: 1, body: `Intro\u0000.\n${BODY}` } });
    if (result.status === 201) {
      const saved = await getDb().article.findUniqueOrThrow({ where: { id: article.id } });
      expect(saved.body).not.toContain("\u0000");
    } else {
      expect(result.status).toBe(400);
    }
  });

  it("re-attaching with a stale version or to no words changes nothing", async () => {
    const article = await freshArticle();
    const claim = article.byWords("400 miles");
    const before = await workspaceFingerprint(ws.id);
    expect((await callApi("POST", `/claims/${claim.id}/reattach`, { token: editorToken, body: { version: claim.version + 5, start: 0, end: 5 } })).status).toBe(409);
    const space = BODY.indexOf("\n");
    expect((await callApi("POST", `/claims/${claim.id}/reattach`, { token: editorToken, body: { version: claim.version, start: space, end: space + 1 } })).status).toBe(400);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("another workspace's editor cannot read revisions", async () => {
    const article = await freshArticle();
    const outsider = await tokenFor(other.users.editor);
    expect((await callApi("GET", `/articles/${article.id}/revisions/1`, { token: outsider })).status).toBe(404);
  });
});
