import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { createComment } from "@/lib/db/comments";
import { getDb } from "@/lib/db/client";
import { createSource } from "@/lib/db/sources";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";

// Every /api/v1 route handler called directly by each principal that must be refused: the
// answer is the documented refusal and the workspace's rows are exactly as they were.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));

let ws: TestWorkspace;
let other: TestWorkspace;
let ids: { article: string; claim: string; source: string; review: string; comment: string; decision: string; secondReviewer: string; decisionClaim: string };
const tokens = {} as Record<"editor" | "editorRead" | "viewer" | "reviewer" | "secondReviewer" | "outsider" | "revoked" | "expired", string>;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  const { id: article } = await createTestArticle(ws.id, ws.users.editor);
  const claims = await getDb().claim.findMany({ where: { articleId: article }, orderBy: { start: "asc" }, select: { id: true, version: true } });
  const claim = claims[0]!.id;
  const source = (await createSource(actingAs(ws, "reviewer"), { claimId: claim, url: "https://example.org/data", title: "Data", kind: "PRIMARY_DATA", stance: "SUPPORTS" })).id;
  await reviewedByReviewer(ws, claim);
  const review = (await getDb().review.findFirstOrThrow({ where: { claimId: claim } })).id;
  const comment = (await createComment(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: claim, body: "Mine." })).id;
  // A second claim, published, for the read endpoints of decisions.
  const second = claims[1]!.id;
  const version = await reviewedByReviewer(ws, second);
  const { publishDecision } = await import("@/lib/db/reviews");
  const decision = (await publishDecision(actingAs(ws, "editor"), { claimId: second, version, rating: "true", summary: "Correct." })).id;
  const { upsertMember } = await import("@/lib/db/members");
  const { userId: secondReviewer } = await upsertMember({ workspaceId: ws.id, email: `second-${ws.slug}@factdesk.test`, name: "Second Reviewer", role: "REVIEWER", passwordHash: "x", actorId: null });
  ids = { article, claim, source, review, comment, decision, secondReviewer, decisionClaim: second };

  tokens.editor = await tokenFor(ws.users.editor);
  tokens.editorRead = await tokenFor(ws.users.editor, "READ");
  tokens.viewer = await tokenFor(ws.users.viewer);
  tokens.reviewer = await tokenFor(ws.users.reviewer);
  tokens.secondReviewer = await tokenFor(secondReviewer);
  tokens.outsider = await tokenFor(other.users.admin);
  const revoked = await createApiToken(ws.users.admin, { name: "old", scope: "WRITE", expiresAt: null });
  await revokeApiToken(ws.users.admin, revoked.row.id);
  tokens.revoked = revoked.token;
  tokens.expired = (await createApiToken(ws.users.admin, { name: "expired", scope: "WRITE", expiresAt: new Date(Date.now() - 1000) })).token;
});

type Write = { name: string; method: string; path: () => string; body?: () => Record<string, unknown>; form?: () => FormData; owned?: boolean };

/** A file upload the import would take: the refusal is the guard's, not the file's. */
const importForm = () => {
  const form = new FormData();
  form.set("workspace", ws.slug);
  form.set("title", "Planted");
  form.set("file", new Blob(["Planted text: crime fell 12 percent."], { type: "text/plain" }), "planted.txt");
  return form;
};

const WRITES: Write[] = [
  { name: "import an article", method: "POST", path: () => "/articles", body: () => ({ workspace: ws.slug, title: "Planted", body: "Planted text." }) },
  { name: "import an article from a file", method: "POST", path: () => "/articles/import", form: importForm },
  { name: "change an article", method: "PATCH", path: () => `/articles/${ids.article}`, body: () => ({ version: 1, title: "Renamed" }) },
  { name: "delete an article", method: "DELETE", path: () => `/articles/${ids.article}?version=1` },
  { name: "add a claim", method: "POST", path: () => `/articles/${ids.article}/claims`, body: () => ({ start: 0, end: 10 }) },
  { name: "reword a claim", method: "PATCH", path: () => `/claims/${ids.claim}`, body: () => ({ version: 99, statement: "Planted" }) },
  { name: "delete a claim", method: "DELETE", path: () => `/claims/${ids.claim}?version=1` },
  { name: "move a claim", method: "POST", path: () => `/claims/${ids.claim}/status`, body: () => ({ status: "DISMISSED", version: 1, reason: "x" }) },
  { name: "assign a claim", method: "POST", path: () => `/claims/${ids.claim}/assignees`, body: () => ({ userId: ws.users.reviewer }) },
  { name: "unassign a claim", method: "DELETE", path: () => `/claims/${ids.claim}/assignees/${ws.users.reviewer}` },
  { name: "add a source", method: "POST", path: () => `/claims/${ids.claim}/sources`, body: () => ({ url: "https://example.org/p", title: "Planted", kind: "OTHER", stance: "CONTEXT" }) },
  { name: "change a source", method: "PATCH", path: () => `/sources/${ids.source}`, body: () => ({ version: 1, title: "Planted" }), owned: true },
  { name: "remove a source", method: "DELETE", path: () => `/sources/${ids.source}`, owned: true },
  { name: "review", method: "POST", path: () => `/claims/${ids.claim}/reviews`, body: () => ({ rating: "false", rationale: "Planted", confidence: 1 }) },
  { name: "change a review", method: "PATCH", path: () => `/reviews/${ids.review}`, body: () => ({ rating: "false", rationale: "Planted", confidence: 1, version: 1 }), owned: true },
  { name: "withdraw a review", method: "DELETE", path: () => `/reviews/${ids.review}`, owned: true },
  { name: "publish a verdict", method: "POST", path: () => `/claims/${ids.claim}/decisions`, body: () => ({ rating: "false", summary: "Planted", version: 1 }) },
  { name: "comment", method: "POST", path: () => `/claims/${ids.claim}/comments`, body: () => ({ body: "Planted" }) },
  { name: "mark a duplicate", method: "PUT", path: () => `/claims/${ids.claim}/duplicate-of`, body: () => ({ duplicateOfId: ids.decisionClaim, version: 1 }) },
  { name: "change a claim's words", method: "POST", path: () => `/claims/${ids.claim}/span`, body: () => ({ version: 1, start: 0, end: 10 }) },
  { name: "split a claim", method: "POST", path: () => `/claims/${ids.claim}/split`, body: () => ({ version: 1, at: 5 }) },
  { name: "merge two claims", method: "POST", path: () => `/claims/${ids.claim}/merge`, body: () => ({ version: 1, nextId: ids.decisionClaim, nextVersion: 1 }) },
  { name: "reuse the original's verdict", method: "POST", path: () => `/claims/${ids.claim}/reuse-decision`, body: () => ({ version: 1, decisionId: ids.decision }) },
  { name: "reuse a verdict on out-of-date duplicates", method: "POST", path: () => `/claims/${ids.decisionClaim}/reuse-decision/duplicates`, body: () => ({ reason: "Planted", decisionId: ids.decision }) },
  { name: "edit a comment", method: "PATCH", path: () => `/comments/${ids.comment}`, body: () => ({ body: "Planted", version: 1 }), owned: true },
  { name: "delete a comment", method: "DELETE", path: () => `/comments/${ids.comment}`, owned: true },
  { name: "create a public link", method: "POST", path: () => `/articles/${ids.article}/share-links`, body: () => ({}) },
  { name: "revoke a public link", method: "DELETE", path: () => `/articles/${ids.article}/share-links/planted-link` },
  { name: "replace an article's text", method: "POST", path: () => `/articles/${ids.article}/revisions`, body: () => ({ version: 1, body: "Planted text." }) },
  { name: "re-attach a claim", method: "POST", path: () => `/claims/${ids.claim}/reattach`, body: () => ({ version: 1, start: 0, end: 5 }) },
];

const READS = [
  () => `/articles?workspace=${ws.slug}`,
  () => `/articles/${ids.article}`,
  () => `/articles/${ids.article}/claims`,
  () => `/articles/${ids.article}/report?format=csv&audience=desk`,
  () => `/claims/${ids.claim}`,
  () => `/claims/${ids.claim}/sources`,
  () => `/sources/${ids.source}`,
  () => `/claims/${ids.claim}/reviews`,
  () => `/reviews/${ids.review}`,
  () => `/claims/${ids.claim}/decisions`,
  () => `/decisions/${ids.decision}`,
  () => `/claims/${ids.claim}/comments`,
  () => `/comments/${ids.comment}`,
  () => `/articles/${ids.article}/revisions`,
  () => `/search?workspace=${ws.slug}&q=unemployment`,
  () => `/claims/${ids.claim}/similar`,
];

async function refused(write: Write, who: { token?: string; session?: string }, status: number, code: string) {
  session.userId = who.session ?? null;
  const before = await workspaceFingerprint(ws.id);
  const result = await callApi(write.method, write.path(), { token: who.token, body: write.body?.(), form: write.form?.() });
  session.userId = null;
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.body).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(await workspaceFingerprint(ws.id)).toEqual(before);
}

describe("every write is refused to each principal that may not make it, and nothing changes", () => {
  it.each(WRITES)("signed out: $name", (w) => refused(w, {}, 401, "UNAUTHENTICATED"));
  it.each(WRITES)("a revoked token: $name", (w) => refused(w, { token: tokens.revoked }, 401, "UNAUTHENTICATED"));
  it.each(WRITES)("an expired token: $name", (w) => refused(w, { token: tokens.expired }, 401, "UNAUTHENTICATED"));
  it.each(WRITES)("a malformed token: $name", (w) => refused(w, { token: "fd_short" }, 401, "UNAUTHENTICATED"));
  it.each(WRITES)("an editor's read-only token: $name", (w) => refused(w, { token: tokens.editorRead }, 403, "FORBIDDEN"));
  it.each(WRITES)("a viewer's token: $name", (w) => refused(w, { token: tokens.viewer }, 403, "FORBIDDEN"));
  it.each(WRITES)("a viewer's session: $name", (w) => refused(w, { session: ws.users.viewer }, 403, "FORBIDDEN"));
  it.each(WRITES)("another workspace's admin: $name", (w) => refused(w, { token: tokens.outsider }, 404, "NOT_FOUND"));
  it.each(WRITES.filter((w) => w.owned))("not the owner (another reviewer): $name", (w) => refused(w, { token: tokens.secondReviewer }, 403, "FORBIDDEN"));
});

describe("reads", () => {
  it.each(READS)("%s: 401 signed out, 404 to another workspace, 200 to a viewer and a read-only token", async (path) => {
    expect((await callApi("GET", path())).status).toBe(401);
    expect((await callApi("GET", path(), { token: tokens.outsider })).status).toBe(404);
    expect((await callApi("GET", path(), { token: tokens.viewer })).status).toBe(200);
    expect((await callApi("GET", path(), { token: tokens.editorRead })).status).toBe(200);
  });

  it("a reviewer who has not reviewed the claim sees others' ratings hidden", async () => {
    const { body } = await callApi("GET", `/reviews/${ids.review}`, { token: tokens.secondReviewer });
    expect(body).toMatchObject({ hidden: true, rating: null, rationale: null });
  });

  it("a bearer token wins over a session cookie, and a bad one is not replaced by it", async () => {
    session.userId = ws.users.editor;
    const result = await callApi("GET", `/articles/${ids.article}`, { token: tokens.revoked });
    session.userId = null;
    expect(result.status).toBe(401);
  });
});

describe("bad input changes nothing and says what is wrong", () => {
  const cases: Array<[string, string, string, Record<string, unknown> | undefined, string | undefined, number, RegExp]> = [
    ["wrong body shape", "POST", "/claims/CLAIM/sources", undefined, "[1,2]", 400, /must be a JSON object/],
    ["not JSON", "POST", "/claims/CLAIM/sources", undefined, "{url:", 400, /not valid JSON/],
    ["javascript: link", "POST", "/claims/CLAIM/sources", { url: "javascript:alert(1)", title: "x", kind: "OTHER", stance: "CONTEXT" }, undefined, 400, /url: Source URL must be a full web address/],
    ["oversized text", "POST", "/claims/CLAIM/comments", { body: "x".repeat(30_000) }, undefined, 400, /at most 5,000 characters/],
    ["unknown id", "PATCH", "/sources/nope", { version: 1, title: "x" }, undefined, 404, /not found/],
    ["stale version", "PATCH", "/claims/CLAIM", { version: 99, statement: "Reworded" }, undefined, 409, /./],
    ["bad cursor", "GET", "/articles/ARTICLE/claims?cursor=xyz", undefined, undefined, 400, /cursor is not one this API gave out/],
    ["limit out of range", "GET", "/articles/ARTICLE/claims?limit=500", undefined, undefined, 400, /limit must be from 1 to 200/],
    ["unknown status", "GET", "/articles/ARTICLE/claims?status=LOST", undefined, undefined, 400, /Unknown status/],
    ["no workspace", "GET", "/articles", undefined, undefined, 400, /Choose a workspace/],
  ];
  it.each(cases)("%s", async (_name, method, template, body, rawBody, status, message) => {
    const path = template.replace("CLAIM", ids.claim).replace("ARTICLE", ids.article);
    const before = await workspaceFingerprint(ws.id);
    const result = await callApi(method, path, { token: tokens.editor, body, rawBody, headers: rawBody ? { "content-type": "application/json" } : undefined });
    expect(result.status, JSON.stringify(result.body)).toBe(status);
    expect((result.body as { error: { message: string } }).error.message).toMatch(message);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("a 409 carries the current version and values", async () => {
    const result = await callApi("PATCH", `/claims/${ids.claim}`, { token: tokens.editor, body: { version: 99, statement: "Reworded" } });
    expect(result.body).toMatchObject({ error: { code: "CONFLICT", current: { version: expect.any(Number), fields: { statement: expect.any(String) } } } });
  });

  it("script tags are stored as text and come back as text", async () => {
    const result = await callApi("POST", `/claims/${ids.claim}/comments`, { token: tokens.reviewer, body: { body: "<script>alert(1)</script>" } });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ text: "<script>alert(1)</script>" });
    expect(result.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("rate limits", () => {
  it("answer 429 with Retry-After past the per-token limit, and other tokens are not affected", async () => {
    const previous = process.env.FACTDESK_API_RATE_LIMIT;
    process.env.FACTDESK_API_RATE_LIMIT = "3";
    try {
      const token = await tokenFor(ws.users.viewer, "READ");
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await callApi("GET", "/workspaces", { token }));
      const first = answers.findIndex((a) => a.status === 429);
      // At most 3 pass in one window (a minute boundary in the middle starts a new one).
      expect(first).toBeGreaterThanOrEqual(3);
      expect(first).toBeLessThanOrEqual(6);
      const limited = answers[first]!;
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(limited.body).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/limit is 3 a minute/) } });
      expect((await callApi("GET", "/workspaces", { token: await tokenFor(ws.users.viewer, "READ") })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.FACTDESK_API_RATE_LIMIT;
      else process.env.FACTDESK_API_RATE_LIMIT = previous;
    }
  });
});
