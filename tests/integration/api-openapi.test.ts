import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/v1/openapi";
import { ENDPOINTS } from "@/lib/api/v1/endpoints";
import { getDb } from "@/lib/db/client";
import { callApi, tokenFor } from "@/lib/testing/api";
import { SAMPLE_BODY, createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";

// The OpenAPI document is kept true: every documented operation is called against a real
// database, and each answer is validated against the schema the document gives for its status.

vi.mock("next-auth", () => ({ getServerSession: async () => null }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: { schemas: Record<string, object> } };
const doc = buildOpenApiDocument(ENDPOINTS) as unknown as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: "factdesk-openapi", components: doc.components }, "factdesk-openapi");

const called = new Set<string>();

/** Calls a documented operation and checks the answer against the document. */
async function conform(method: string, path: string, template: string, options: Parameters<typeof callApi>[2], expected: number) {
  const result = await callApi(method, path, options);
  expect(result.status, `${method} ${path}: ${JSON.stringify(result.body)}`).toBe(expected);
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is documented`).toBeDefined();
  const documented = operation!.responses[String(expected)];
  expect(documented, `${method} ${template} documents ${expected}`).toBeDefined();
  const type = (result.headers.get("content-type") ?? "application/json").split(";")[0]!.trim();
  const schema = documented!.content?.[type]?.schema;
  if (result.body !== null) expect(documented!.content?.[type], `${method} ${template} ${expected} documents ${type}`).toBeDefined();
  if (schema) {
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"factdesk-openapi#/components/')));
    const valid = validate(result.body);
    expect(valid, `${method} ${template} ${expected}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(result.body).slice(0, 500)}`).toBe(true);
  } else {
    expect(result.body).toBeNull();
  }
  called.add(`${method} ${template}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return result.body as Record<string, any>;
}

let ws: TestWorkspace;
let editor: string;
let reviewer: string;
let admin: string;

beforeAll(async () => {
  ws = await createTestWorkspace();
  editor = await tokenFor(ws.users.editor);
  reviewer = await tokenFor(ws.users.reviewer);
  admin = await tokenFor(ws.users.admin);
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every public endpoint, with the error shape", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const e of ENDPOINTS.filter((x) => !x.internal)) {
      const operation = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(operation, `${e.method} ${e.path}`).toBeDefined();
      expect(operation!.responses["401"]).toBeDefined();
    }
    expect(doc.components.schemas.Error).toBeDefined();
    // The file import takes multipart/form-data with a binary `file` part, and documents 413 and 415.
    const upload = doc.paths["/articles/import"]!.post as unknown as { requestBody: { content: Record<string, { schema: { properties: Record<string, { format?: string }>; required: string[] } }> }; responses: Record<string, unknown> };
    expect(upload.requestBody.content["multipart/form-data"]!.schema.properties.file).toMatchObject({ format: "binary" });
    expect(upload.requestBody.content["multipart/form-data"]!.schema.required).toEqual(expect.arrayContaining(["workspace", "file"]));
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(["201", "413", "415"]));
    // Every schema in the document compiles.
    for (const name of Object.keys(doc.components.schemas)) expect(() => ajv.getSchema(`factdesk-openapi#/components/schemas/${name}`)).not.toThrow();
  });

  it("matches what every documented operation answers", async () => {
    const workspaces = await conform("GET", "/workspaces", "/workspaces", { token: editor }, 200);
    expect(workspaces.items).toContainEqual({ slug: ws.slug, name: expect.any(String), role: "EDITOR" });

    const article = await conform("POST", "/articles", "/articles", { token: editor, body: { workspace: ws.slug, title: "Jobs report", outlet: "Wire", body: SAMPLE_BODY, publishedAt: "2026-11-01" } }, 201);
    const articleId = article.id;
    const list = await conform("GET", `/articles?workspace=${ws.slug}&limit=1`, "/articles", { token: editor }, 200);
    expect(list.items.length).toBe(1);
    await conform("GET", `/articles/${articleId}`, "/articles/{id}", { token: reviewer }, 200);
    const patched = await conform("PATCH", `/articles/${articleId}`, "/articles/{id}", { token: editor, body: { version: 1, outlet: "The Wire" } }, 200);
    expect(patched).toMatchObject({ title: "Jobs report", outlet: "The Wire", version: 2, publishedAt: "2026-11-01" });

    const claims = await conform("GET", `/articles/${articleId}/claims?limit=1`, "/articles/{id}/claims", { token: reviewer }, 200);
    expect(claims.nextCursor).not.toBeNull();
    await conform("GET", `/articles/${articleId}/claims?limit=1&cursor=${claims.nextCursor}`, "/articles/{id}/claims", { token: reviewer }, 200);
    const manual = await conform("POST", `/articles/${articleId}/claims`, "/articles/{id}/claims", { token: reviewer, body: { start: 0, end: 13 } }, 201);
    const claimId = claims.items[0].id;
    await conform("GET", `/claims/${claimId}`, "/claims/{id}", { token: reviewer }, 200);
    const reworded = await conform("PATCH", `/claims/${manual.id}`, "/claims/{id}", { token: reviewer, body: { version: manual.version, statement: "Maria Lopez is a senator." } }, 200);
    await conform("DELETE", `/claims/${manual.id}?version=${reworded.version}`, "/claims/{id}", { token: editor }, 204);

    let claim = await conform("POST", `/claims/${claimId}/status`, "/claims/{id}/status", { token: editor, body: { status: "QUEUED", version: 1 } }, 200);
    claim = await conform("POST", `/claims/${claimId}/assignees`, "/claims/{id}/assignees", { token: editor, body: { userId: ws.users.reviewer } }, 200);
    await conform("DELETE", `/claims/${claimId}/assignees/${ws.users.reviewer}`, "/claims/{id}/assignees/{userId}", { token: editor }, 204);

    const source = await conform("POST", `/claims/${claimId}/sources`, "/claims/{id}/sources", { token: reviewer, body: { url: "https://www.bls.gov/cps/", title: "Labor force statistics", kind: "PRIMARY_DATA", stance: "SUPPORTS", publishedAt: "2024-01-05" } }, 201);
    await conform("GET", `/claims/${claimId}/sources`, "/claims/{id}/sources", { token: reviewer }, 200);
    await conform("GET", `/sources/${source.id}`, "/sources/{id}", { token: reviewer }, 200);
    const changedSource = await conform("PATCH", `/sources/${source.id}`, "/sources/{id}", { token: reviewer, body: { version: 1, publisher: "BLS" } }, 200);
    expect(changedSource).toMatchObject({ title: "Labor force statistics", publisher: "BLS", publishedAt: "2024-01-05", version: 2 });
    const extra = await conform("POST", `/claims/${claimId}/sources`, "/claims/{id}/sources", { token: reviewer, body: { url: "https://example.org/x", title: "Extra", kind: "OTHER", stance: "CONTEXT" } }, 201);
    await conform("DELETE", `/sources/${extra.id}`, "/sources/{id}", { token: reviewer }, 204);

    const review = await conform("POST", `/claims/${claimId}/reviews`, "/claims/{id}/reviews", { token: reviewer, body: { rating: "true", rationale: "Matches the release.", confidence: 3 } }, 200);
    await conform("GET", `/claims/${claimId}/reviews`, "/claims/{id}/reviews", { token: editor }, 200);
    await conform("GET", `/reviews/${review.id}`, "/reviews/{id}", { token: reviewer }, 200);
    const changedReview = await conform("PATCH", `/reviews/${review.id}`, "/reviews/{id}", { token: reviewer, body: { rating: "mostly-true", rationale: "Close to the release.", confidence: 2, version: review.version } }, 200);
    expect(changedReview).toMatchObject({ rating: "mostly-true", version: 2 });
    const adminReview = await conform("POST", `/claims/${claimId}/reviews`, "/claims/{id}/reviews", { token: admin, body: { rating: "true", rationale: "Second look.", confidence: 2 } }, 200);
    await conform("DELETE", `/reviews/${adminReview.id}`, "/reviews/{id}", { token: admin }, 204);

    const comment = await conform("POST", `/claims/${claimId}/comments`, "/claims/{id}/comments", { token: reviewer, body: { body: "Checked the table." } }, 201);
    await conform("GET", `/claims/${claimId}/comments`, "/claims/{id}/comments", { token: editor }, 200);
    await conform("GET", `/comments/${comment.id}`, "/comments/{id}", { token: editor }, 200);
    await conform("GET", `/search?workspace=${ws.slug}&q=${encodeURIComponent("unemployment lab")}`, "/search", { token: reviewer }, 200);
    await conform("GET", `/search?workspace=${ws.slug}&q=&status=QUEUED&from=2020-01-01`, "/search", { token: reviewer }, 200);
    await conform("PATCH", `/comments/${comment.id}`, "/comments/{id}", { token: reviewer, body: { body: "Checked table 3.", version: 1 } }, 200);
    const scratch = await conform("POST", `/claims/${claimId}/comments`, "/claims/{id}/comments", { token: reviewer, body: { body: "Typo." } }, 201);
    await conform("DELETE", `/comments/${scratch.id}`, "/comments/{id}", { token: reviewer }, 204);

    claim = (await callApi("GET", `/claims/${claimId}`, { token: editor })).body as typeof claim;
    const decision = await conform("POST", `/claims/${claimId}/decisions`, "/claims/{id}/decisions", { token: editor, body: { rating: "mostly-true", summary: "Close to the official figure.", version: claim.version } }, 201);
    await conform("GET", `/claims/${claimId}/decisions`, "/claims/{id}/decisions", { token: reviewer }, 200);
    await conform("GET", `/decisions/${decision.id}`, "/decisions/{id}", { token: reviewer }, 200);

    const all = (await callApi("GET", `/articles/${articleId}/claims`, { token: editor })).body as { items: Array<{ id: string; version: number }> };
    const repeat = all.items.find((c) => c.id !== claimId)!;
    const mark = await conform("PUT", `/claims/${repeat.id}/duplicate-of`, "/claims/{id}/duplicate-of", { token: editor, body: { duplicateOfId: claimId, version: repeat.version } }, 200);
    expect(mark).toMatchObject({ claimId: repeat.id, duplicateOfId: claimId, version: repeat.version + 1 });
    const links = await conform("GET", `/claims/${claimId}/similar`, "/claims/{id}/similar", { token: reviewer }, 200);
    expect(links.duplicates.map((d: { id: string }) => d.id)).toEqual([repeat.id]);
    // Reusing the verdict passes the publishing gate: the repeat was never reviewed (400, the Error schema).
    const refused = await conform("POST", `/claims/${repeat.id}/reuse-decision`, "/claims/{id}/reuse-decision", { token: editor, body: { version: repeat.version + 1, decisionId: decision.id } }, 400);
    expect(refused.error.message).toMatch(/same rules as any verdict/);
    // The bulk follow-up on the original: the repeat reuses nothing yet, so there is nothing to update.
    const bulk = await conform("POST", `/claims/${claimId}/reuse-decision/duplicates`, "/claims/{id}/reuse-decision/duplicates", { token: editor, body: { reason: "Corrected.", decisionId: decision.id } }, 200);
    expect(bulk).toMatchObject({ updated: [], skipped: [] });
    await conform("PUT", `/claims/${repeat.id}/duplicate-of`, "/claims/{id}/duplicate-of", { token: editor, body: { duplicateOfId: null, version: repeat.version + 1 } }, 200);

    for (const format of ["md", "json", "csv", "html", "pdf"]) {
      for (const audience of ["reader", "desk"]) await conform("GET", `/articles/${article.id}/report?format=${format}&audience=${audience}`, "/articles/{id}/report", { token: reviewer }, 200);
    }
    await conform("GET", `/articles/${article.id}/report?format=docx`, "/articles/{id}/report", { token: reviewer }, 400);

    const upload = new FormData();
    upload.set("workspace", ws.slug);
    upload.set("file", new Blob(["<title>From a page</title><p>Crime fell 12 percent last year, the police said.</p>"], { type: "text/html" }), "page.html");
    const imported = await conform("POST", "/articles/import", "/articles/import", { token: editor, form: upload }, 201);
    expect(imported).toMatchObject({ title: "From a page", body: "Crime fell 12 percent last year, the police said." });
    const tooBig = new FormData();
    tooBig.set("workspace", ws.slug);
    tooBig.set("file", new Blob(["x".repeat(2_600_000)], { type: "text/plain" }), "big.txt");
    await conform("POST", "/articles/import", "/articles/import", { token: editor, form: tooBig }, 413);
    const pdf = new FormData();
    pdf.set("workspace", ws.slug);
    pdf.set("file", new Blob(["%PDF"], { type: "application/pdf" }), "a.pdf");
    await conform("POST", "/articles/import", "/articles/import", { token: editor, form: pdf }, 415);

    const spare = await conform("POST", "/articles", "/articles", { token: editor, body: { workspace: ws.slug, title: "Spare", body: "Nothing to see here." } }, 201);
    await conform("DELETE", `/articles/${spare.id}?version=1`, "/articles/{id}", { token: editor }, 204);

    const link = await conform("POST", `/articles/${articleId}/share-links`, "/articles/{id}/share-links", { token: editor, body: { expiresInDays: 30 } }, 201);
    expect(link.path).toBe(`/r/${link.token}`);
    await conform("GET", `/articles/${articleId}/share-links`, "/articles/{id}/share-links", { token: editor }, 200);
    await conform("DELETE", `/articles/${articleId}/share-links/${link.id}`, "/articles/{id}/share-links/{linkId}", { token: editor }, 204);
    await conform("GET", `/security-events?workspace=${ws.slug}`, "/security-events", { token: admin }, 200);

    // Revisions: replace the text (the first sentence goes, so its claim is orphaned), read, re-attach.
    const revised = await conform("POST", "/articles", "/articles", { token: editor, body: { workspace: ws.slug, title: "Revised", body: SAMPLE_BODY } }, 201);
    const first = revised.claims[0];
    const replaced = await conform("POST", `/articles/${revised.id}/revisions`, "/articles/{id}/revisions", { token: editor, body: { version: 1, body: SAMPLE_BODY.split("\n").slice(1).join("\n"), note: "Cut the first line" } }, 201);
    expect(replaced).toMatchObject({ revision: 2, orphaned: 1 });
    await conform("GET", `/articles/${revised.id}/revisions`, "/articles/{id}/revisions", { token: reviewer }, 200);
    await conform("GET", `/articles/${revised.id}/revisions/1`, "/articles/{id}/revisions/{number}", { token: reviewer }, 200);
    await conform("POST", `/claims/${first.id}/reattach`, "/claims/{id}/reattach", { token: editor, body: { version: first.version + 1, start: 0, end: 10 } }, 200);

    // Span operations: adjust one claim's words, split another, merge the parts back.
    const spans = await conform("POST", "/articles", "/articles", { token: editor, body: { workspace: ws.slug, title: "Spans", body: SAMPLE_BODY } }, 201);
    const [one, two] = spans.claims as Array<{ id: string; version: number; start: number; end: number }>;
    await conform("POST", `/claims/${two!.id}/span`, "/claims/{id}/span", { token: editor, body: { version: two!.version, start: two!.start, end: two!.end - 1 } }, 200);
    const cut = SAMPLE_BODY.indexOf("the lowest level");
    const parts = await conform("POST", `/claims/${one!.id}/split`, "/claims/{id}/split", { token: editor, body: { version: one!.version, at: cut } }, 201);
    await conform("POST", `/claims/${one!.id}/merge`, "/claims/{id}/merge", { token: editor, body: { version: parts.claim.version, nextId: parts.newClaim.id, nextVersion: parts.newClaim.version } }, 200);

    // Error answers follow the documented Error schema too.
    await conform("GET", "/claims/nope", "/claims/{id}", { token: editor }, 404);
    await conform("POST", `/claims/${claimId}/sources`, "/claims/{id}/sources", { token: reviewer, body: { url: "javascript:alert(1)", title: "x", kind: "OTHER", stance: "CONTEXT" } }, 400);
    await conform("GET", "/workspaces", "/workspaces", { token: "fd_not-a-token" }, 401);

    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.filter((op) => !called.has(op))).toEqual([]);
    expect(await getDb().decision.count({ where: { workspaceId: ws.id } })).toBe(1);
  });
});
