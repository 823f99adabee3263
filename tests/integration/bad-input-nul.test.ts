import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import type { Endpoint } from "@/lib/api/v1/endpoint";
import { handlerFor } from "@/lib/api/v1/endpoint";
import { ALL_ENDPOINTS } from "@/lib/api/v1/registry";
import { getDb } from "@/lib/db/client";
import { createShareLink } from "@/lib/db/share-links";
import { createActionFixture, formOf, settleCall, type ActionFixture, type ActionPerson, type CallResult } from "@/lib/testing/action-guards";
import { tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, mayAs } from "@/lib/testing/factories";
import { NUL_MESSAGE } from "@/lib/validation/fields";

// A NUL (U+0000) in any string a request carries, through every server action and every
// /api/v1 endpoint: never a 500 or "Something went wrong", a clear answer instead (a field
// message for text, NOT_FOUND for an id), and not one row changed. PostgreSQL cannot store a
// NUL in text, so a NUL that got through validation would show up here as an internal error.

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

const MODULES = {
  importing: await import("@/app/w/[workspace]/articles/new/actions"),
  article: await import("@/app/w/[workspace]/articles/[articleId]/actions"),
  share: await import("@/app/w/[workspace]/articles/[articleId]/share/actions"),
  comments: await import("@/app/w/[workspace]/articles/[articleId]/comment-actions"),
  duplicates: await import("@/app/w/[workspace]/articles/[articleId]/duplicate-actions"),
  revisions: await import("@/app/w/[workspace]/articles/[articleId]/revision-actions"),
  settings: await import("@/app/w/[workspace]/settings/actions"),
  detection: await import("@/app/w/[workspace]/settings/detection-actions"),
  webhooks: await import("@/app/w/[workspace]/settings/webhooks/actions"),
  backup: await import("@/app/w/[workspace]/settings/backup/actions"),
  tokens: await import("@/app/(personal)/account/tokens/actions"),
  inbox: await import("@/app/(personal)/inbox/actions"),
  invite: await import("@/app/invite/[token]/actions"),
};
const { importing, article, share, comments, duplicates, revisions, settings, detection, webhooks, backup, tokens, inbox, invite } = MODULES;

const NUL = "\u0000";
const FAKE_ID = "cnulsweep0000000000000000";

type WorkspaceFn = (slug: string, previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
type PersonalFn = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

type ActionCase = {
  name: string;
  /** A workspace action (called with the workspace's address) or a personal one. */
  action: WorkspaceFn | PersonalFn;
  personal?: true;
  /** Who makes the call: someone the action is for, so validation is what answers. */
  as: ActionPerson;
  input: (f: ActionFixture) => Record<string, string>;
  /**
   * Fields where a NUL is harmless and taken in, not refused: an article's pasted text (NULs are
   * dropped, see lib/validation/article.ts) and a checkbox (anything but "on" is unticked).
   */
  harmless?: string[];
  /** Fields that are a file, not a string. */
  files?: (f: ActionFixture) => Record<string, File>;
};

const sourceFields = { url: "https://example.org/nul", title: "Nul", kind: "OTHER", stance: "CONTEXT", publisher: "P", quotation: "Q", publishedAt: "2026-01-02", accessedAt: "2026-01-03" };
const invitationToken = "A".repeat(43);

const CASES: ActionCase[] = [
  { name: "import an article", action: importing.importArticleAction, as: "editor", harmless: ["body"], input: () => ({ title: "Nul", outlet: "O", author: "A", url: "https://example.org/a", publishedAt: "2026-01-01", body: "Text to check." }) },
  { name: "add a claim", action: article.createClaimAction, as: "reviewer", input: (f) => ({ articleId: f.article, start: "0", end: "4" }) },
  { name: "move a claim", action: article.changeClaimStatusAction, as: "reviewer", input: (f) => ({ claimId: f.claim.id, status: "RESEARCHING", version: String(f.claim.version), reason: "Why" }) },
  { name: "triage claims in bulk", action: article.bulkTriageAction, as: "editor", input: (f) => ({ articleId: f.article, status: "QUEUED", claimIds: f.detected.id, reason: "Why" }) },
  { name: "assign a claim", action: article.assignClaimAction, as: "editor", input: (f) => ({ claimId: f.claim.id, userId: f.users.second, assign: "assign" }) },
  { name: "change a claim's words", action: article.adjustClaimSpanAction, as: "editor", input: (f) => ({ claimId: f.detected.id, version: String(f.detected.version), start: "0", end: "4" }) },
  { name: "split a claim", action: article.splitClaimAction, as: "editor", input: (f) => ({ claimId: f.detected.id, version: String(f.detected.version), at: "3" }) },
  { name: "merge two claims", action: article.mergeClaimsAction, as: "editor", input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), nextId: f.detected.id, nextVersion: String(f.detected.version) }) },
  { name: "reword a claim", action: article.updateClaimAction, as: "reviewer", input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), statement: "Nul", claimant: "C" }) },
  { name: "add a source", action: article.createSourceAction, as: "reviewer", input: (f) => ({ claimId: f.claim.id, ...sourceFields }) },
  { name: "change a source", action: article.updateSourceAction, as: "reviewer", input: (f) => ({ sourceId: f.source, version: "1", ...sourceFields }) },
  { name: "remove a source", action: article.deleteSourceAction, as: "reviewer", input: (f) => ({ sourceId: f.source }) },
  { name: "review a claim", action: article.saveReviewAction, as: "second", input: (f) => ({ claimId: f.claim.id, rating: "false", rationale: "Nul", confidence: "2", version: "" }) },
  { name: "publish a verdict", action: article.publishDecisionAction, as: "editor", input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), rating: "true", summary: "Nul" }) },
  { name: "mark a claim as a duplicate", action: duplicates.markDuplicateAction, as: "editor", input: (f) => ({ claimId: f.detected.id, duplicateOfId: f.claim.id, version: String(f.detected.version) }) },
  { name: "reuse the original's verdict", action: duplicates.reuseDecisionAction, as: "editor", input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), decisionId: FAKE_ID, replace: "true" }) },
  { name: "reuse a verdict on out-of-date duplicates", action: duplicates.reuseOnDuplicatesAction, as: "editor", input: (f) => ({ claimId: f.detected.id, reason: "Why", decisionId: FAKE_ID, duplicates: `${f.claim.id}:${f.claim.version}` }) },
  { name: "set the highlight threshold", action: article.setHighlightThresholdAction, as: "editor", input: () => ({ threshold: "37" }) },
  { name: "replace an article's text", action: revisions.replaceArticleTextAction, as: "editor", harmless: ["body"], input: (f) => ({ articleId: f.article, version: "1", body: "Replaced text to check.", note: "N" }) },
  { name: "re-attach a claim", action: revisions.reattachClaimAction, as: "editor", input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), start: "0", end: "4" }) },
  { name: "create a public link", action: share.createShareLinkAction, as: "editor", input: (f) => ({ articleId: f.article, expiresInDays: "30" }) },
  { name: "revoke a public link", action: share.revokeShareLinkAction, as: "editor", input: () => ({ shareLinkId: FAKE_ID }) },
  { name: "comment on a claim", action: comments.createCommentAction, as: "reviewer", input: (f) => ({ claimId: f.claim.id, parentId: f.comment, body: "Nul" }) },
  { name: "edit a comment", action: comments.editCommentAction, as: "reviewer", input: (f) => ({ commentId: f.comment, version: "1", body: "Nul" }) },
  { name: "rename the workspace", action: settings.renameWorkspaceAction, as: "admin", input: () => ({ name: "Nul" }) },
  { name: "set the publisher", action: settings.setPublisherAction, as: "admin", input: () => ({ organizationName: "Nul desk", organizationUrl: "https://example.org/" }) },
  { name: "set the publishing rules", action: settings.setPublishingRulesAction, as: "admin", harmless: ["fourEyes"], input: () => ({ minSourcesToPublish: "3", minReviewsToPublish: "2", fourEyes: "on" }) },
  { name: "archive the workspace", action: settings.setArchivedAction, as: "admin", input: () => ({ archived: "true" }) },
  { name: "require two-factor sign-in", action: settings.setTwoFactorRequiredAction, as: "admin", input: () => ({ required: "true" }) },
  { name: "create a workspace", action: settings.createWorkspaceAction, as: "admin", input: () => ({ name: "Nul", slug: "nul-sweep" }) },
  { name: "change a member's role", action: settings.changeRoleAction, as: "admin", input: (f) => ({ userId: f.users.reviewer, role: "EDITOR" }) },
  { name: "disable a member", action: settings.setMemberDisabledAction, as: "admin", input: (f) => ({ userId: f.users.reviewer, disabled: "true" }) },
  { name: "remove a member", action: settings.removeMemberAction, as: "admin", input: (f) => ({ userId: f.users.reviewer }) },
  { name: "create an invitation", action: settings.createInvitationAction, as: "admin", input: () => ({ role: "ADMIN", email: "new@example.org" }) },
  { name: "revoke an invitation", action: settings.revokeInvitationAction, as: "admin", input: (f) => ({ invitationId: f.invitation }) },
  { name: "add a rating", action: settings.addRatingAction, as: "admin", input: () => ({ label: "Nul rating" }) },
  { name: "rename a rating", action: settings.renameRatingAction, as: "admin", input: () => ({ key: "true", label: "Accurate" }) },
  { name: "move a rating", action: settings.moveRatingAction, as: "admin", input: () => ({ key: "false", direction: "up" }) },
  { name: "retire a rating", action: settings.retireRatingAction, as: "admin", input: () => ({ key: "true", retired: "true" }) },
  { name: "re-score the workspace's claims", action: detection.rescoreClaimsAction, as: "admin", harmless: ["all"], input: () => ({ all: "on" }) },
  { name: "add a webhook", action: webhooks.createWebhookAction, as: "admin", input: () => ({ url: "https://hooks.example.org/x", description: "Nul", "event:claim.published": "on" }) },
  { name: "disable a webhook", action: webhooks.setWebhookDisabledAction, as: "admin", input: () => ({ webhookId: FAKE_ID, disabled: "true" }) },
  { name: "rotate a webhook secret", action: webhooks.rotateWebhookSecretAction, as: "admin", input: () => ({ webhookId: FAKE_ID }) },
  { name: "delete a webhook", action: webhooks.deleteWebhookAction, as: "admin", input: () => ({ webhookId: FAKE_ID }) },
  { name: "send a test event", action: webhooks.sendTestEventAction, as: "admin", input: () => ({ webhookId: FAKE_ID }) },
  { name: "retry a delivery", action: webhooks.retryDeliveryAction, as: "admin", input: () => ({ deliveryId: FAKE_ID }) },
  { name: "restore a backup", action: backup.importBackupAction, as: "admin", input: () => ({}), files: () => ({ file: new File([`{"format":"factdesk-backup${NUL}"}`], "backup.json") }) },
  { name: "create an API token", action: tokens.createApiTokenAction, personal: true, as: "editor", input: () => ({ name: "Nul", scope: "READ", expiry: "30" }) },
  { name: "revoke an API token", action: tokens.revokeApiTokenAction, personal: true, as: "editor", input: () => ({ tokenId: FAKE_ID }) },
  { name: "mark an inbox line read", action: inbox.markNotificationReadAction, personal: true, as: "viewer", input: () => ({ notificationId: FAKE_ID }) },
  { name: "mark the inbox read", action: inbox.markAllNotificationsReadAction, personal: true, as: "viewer", input: () => ({}) },
  { name: "join through an invitation", action: invite.joinAsUserAction, personal: true, as: "viewer", input: () => ({ token: invitationToken }) },
  { name: "join as someone new", action: invite.joinAsNewUserAction, personal: true, as: "viewer", input: () => ({ token: invitationToken, name: "New", email: "nul-new@example.org", password: "a long enough password" }) },
];

// Before beforeAll runs, the tables below are read only for their field names.
const PLACEHOLDER = { workspace: { slug: "" }, users: {}, article: "", claim: { id: "", version: 1 }, detected: { id: "", version: 1 }, source: "", comment: "", invitation: "" } as unknown as ActionFixture;
let f: ActionFixture = PLACEHOLDER;

beforeAll(async () => {
  f = await createActionFixture();
});

/** Everything a sweep could touch: the workspace's rows, and the people and tokens outside it. */
async function state() {
  const db = getDb();
  return {
    workspace: await workspaceFingerprint(f.workspace.id),
    workspaces: await db.workspace.count(),
    users: await db.user.count(),
    tokens: await db.apiToken.count({ where: { revokedAt: null } }),
    unread: await db.notification.count({ where: { readAt: null } }),
  };
}

async function callAction(c: ActionCase, slug: string, input: Record<string, string>): Promise<CallResult> {
  const form = formOf(input);
  for (const [k, file] of Object.entries(c.files?.(f) ?? {})) form.set(k, file);
  session.userId = f.users[c.as];
  try {
    return await settleCall(() => (c.personal ? (c.action as PersonalFn)(null, form) : (c.action as WorkspaceFn)(slug, null, form)));
  } finally {
    session.userId = null;
  }
}

const withNul = (value: string) => (value === "" ? NUL : `${value.slice(0, 1)}${NUL}${value.slice(1)}`);

function expectClearRefusal(result: CallResult, where: string) {
  expect(result, where).toMatchObject({ ok: false });
  const refused = result as Extract<ActionResult, { ok: false }>;
  expect(["INVALID_INPUT", "NOT_FOUND"], `${where}: ${JSON.stringify(refused)}`).toContain(refused.code);
  expect(refused.message, where).not.toMatch(/something went wrong/i);
}

describe("every server action is in this sweep", () => {
  it("each exported action of every server-action module has a case", () => {
    const swept = new Set<unknown>(CASES.map((c) => c.action));
    const missing = Object.entries(MODULES).flatMap(([mod, exports]) =>
      Object.entries(exports)
        .filter(([, value]) => typeof value === "function" && !swept.has(value))
        .map(([name]) => `${mod}.${name}`),
    );
    expect(missing).toEqual([]);
  });
});

describe("a NUL in each string field of every server action: a clear refusal, nothing changed", () => {
  const table = CASES.flatMap((c) => Object.keys(c.input(PLACEHOLDER)).map((field) => [`${c.name}: ${field}`, c, field] as const));

  it.each(table)("%s", async (name, c, field) => {
    const input = c.input(f);
    const before = await state();
    const result = await callAction(c, f.workspace.slug, { ...input, [field]: withNul(input[field]!) });
    if (c.harmless?.includes(field)) {
      expect(result, name).toMatchObject({ ok: true });
      return;
    }
    expectClearRefusal(result, name);
    expect(await state()).toEqual(before);
  });

  it.each(CASES.filter((c) => !c.personal).map((c) => [c.name, c] as const))("%s: a NUL in the workspace's address is not found", async (name, c) => {
    const before = await state();
    const result = await callAction(c, `${f.workspace.slug}${NUL}`, c.input(f));
    expectClearRefusal(result, name);
    expect(result).toMatchObject({ code: "NOT_FOUND" });
    expect(await state()).toEqual(before);
  });

  it("an id with a NUL is NOT_FOUND, text with one says so at its field", async () => {
    const byId = await callAction(CASES.find((c) => c.name === "reword a claim")!, f.workspace.slug, { claimId: `${f.claim.id}${NUL}`, version: String(f.claim.version), statement: "x" });
    expect(byId).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const byText = await callAction(CASES.find((c) => c.name === "reword a claim")!, f.workspace.slug, { claimId: f.claim.id, version: String(f.claim.version), statement: `a${NUL}b` });
    expect(byText).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { statement: [NUL_MESSAGE] } });
  });

  it("a NUL in a pasted article's text is dropped (harmless and invisible): the import succeeds without it", async () => {
    const result = await callAction(CASES[0]!, f.workspace.slug, { title: "Pasted from a PDF", body: `Crime fell${NUL} 12 percent.${NUL}` });
    expect(result).toMatchObject({ ok: true });
    const stored = await getDb().article.findFirstOrThrow({ where: { workspaceId: f.workspace.id, title: "Pasted from a PDF" }, select: { body: true } });
    expect(stored.body).toBe("Crime fell 12 percent.");
  });
});

// ---------------------------------------------------------------------------------------------
// The API: every endpoint, a NUL in each path parameter, each query field and each body field.

type Ids = Record<"article" | "claim" | "source" | "review" | "comment" | "decision" | "user" | "link", string>;
let ids = {} as Ids;
let token: string;

beforeAll(async () => {
  const review = await getDb().review.findFirstOrThrow({ where: { claimId: f.claim.id }, select: { id: true } });
  const link = await createShareLink(actingAs(f.workspace, "editor"), mayAs("EDITOR"), { articleId: f.article });
  ids = { article: f.article, claim: f.claim.id, source: f.source, review: review.id, comment: f.comment, decision: FAKE_ID, user: f.users.reviewer, link: link.id };
  token = await tokenFor(f.users.admin);
});

function idFor(endpoint: Endpoint, param: string): string {
  if (param === "userId") return ids.user;
  if (param === "linkId") return ids.link;
  const collection = endpoint.path.split("/")[1]!;
  const kind = { articles: "article", claims: "claim", sources: "source", reviews: "review", comments: "comment", decisions: "decision" }[collection] as keyof Ids;
  return ids[kind];
}

/** A body the endpoint accepts, so a NUL is the only thing wrong with it. */
function bodyFor(endpoint: Endpoint): Record<string, unknown> {
  const key = `${endpoint.method} ${endpoint.path}`;
  const bodies: Record<string, Record<string, unknown>> = {
    "POST /articles": { workspace: f.workspace.slug, title: "Nul", outlet: "O", author: "A", url: "https://example.org/a", body: "Text to check." },
    // Multipart: `file` is sent as a file part with these words (a NUL in it is a NUL byte).
    "POST /articles/import": { workspace: f.workspace.slug, title: "Nul", outlet: "O", author: "A", url: "https://example.org/a", publishedAt: "2026-01-01", file: "Text to check, 12 percent." },
    "PATCH /articles/{id}": { version: 1, title: "Nul", outlet: "O", author: "A", url: "https://example.org/a" },
    "POST /articles/{id}/claims": { start: 0, end: 4 },
    "PATCH /claims/{id}": { version: f.claim.version, statement: "Nul", claimant: "C" },
    "POST /claims/{id}/status": { status: "RESEARCHING", version: f.claim.version, reason: "Why" },
    "POST /claims/{id}/assignees": { userId: ids.user },
    "PUT /claims/{id}/duplicate-of": { duplicateOfId: ids.claim, version: f.claim.version },
    "POST /claims/{id}/span": { version: f.claim.version, start: 0, end: 4 },
    "POST /claims/{id}/split": { version: f.claim.version, at: 3 },
    "POST /claims/{id}/merge": { version: f.claim.version, nextId: f.detected.id, nextVersion: f.detected.version },
    "POST /claims/{id}/reuse-decision": { version: f.claim.version, decisionId: FAKE_ID, replace: true },
    "POST /claims/{id}/reuse-decision/duplicates": { reason: "Why", decisionId: FAKE_ID, duplicates: [{ id: f.claim.id, version: f.claim.version }] },
    "POST /claims/{id}/sources": { ...sourceFields },
    "PATCH /sources/{id}": { version: 1, ...sourceFields },
    "POST /claims/{id}/reviews": { rating: "false", rationale: "Nul", confidence: 1 },
    "PATCH /reviews/{id}": { rating: "false", rationale: "Nul", confidence: 1, version: 1 },
    "POST /claims/{id}/decisions": { rating: "false", summary: "Nul", version: f.claim.version },
    "POST /claims/{id}/comments": { body: "Nul", parentId: f.comment },
    "PATCH /comments/{id}": { body: "Nul", version: 1 },
    "POST /articles/{id}/share-links": { expiresInDays: 30 },
    "POST /articles/{id}/revisions": { version: 1, body: "Replaced text to check.", note: "N" },
    "POST /claims/{id}/reattach": { version: f.claim.version, start: 0, end: 4 },
    "PUT /articles/{id}/presence": { tabId: "abcdefgh1234", activity: null },
    "POST /articles/{id}/presence": { tabId: "abcdefgh1234", activity: null },
  };
  return bodies[key] ?? {};
}

/** Every field the endpoint's documented body has, and any the table's valid body adds. */
const bodyFields = (endpoint: Endpoint) => [...new Set([...Object.keys((endpoint.body as { shape?: object } | undefined)?.shape ?? {}), ...Object.keys(bodyFor(endpoint))])];

const queryFor = (endpoint: Endpoint): Record<string, string> => {
  const fields = Object.keys(endpoint.query?.shape ?? {});
  const values: Record<string, string> = { workspace: f.workspace.slug, format: "csv", audience: "desk", version: "1", limit: "10", status: "DETECTED", tab: "abcdefgh1234" };
  return Object.fromEntries(fields.map((k) => [k, values[k] ?? "x"]));
};

async function call(endpoint: Endpoint, params: Record<string, string>, query: Record<string, string>, body: Record<string, unknown> | undefined) {
  let path = endpoint.path;
  for (const [k, v] of Object.entries(params)) path = path.replace(`{${k}}`, encodeURIComponent(v));
  const search = new URLSearchParams(query).toString();
  const hasBody = endpoint.method !== "GET" && endpoint.method !== "DELETE" && body !== undefined;
  let form: FormData | undefined;
  if (hasBody && endpoint.upload) {
    form = new FormData();
    for (const [k, v] of Object.entries(body)) {
      if (k === "file") form.set(k, new Blob([String(v)], { type: "text/plain" }), "sweep.txt");
      else form.set(k, String(v));
    }
  }
  const request = new Request(`http://factdesk.test/api/v1${path}${search ? `?${search}` : ""}`, {
    method: endpoint.method,
    headers: { authorization: `Bearer ${token}`, ...(hasBody && !form ? { "content-type": "application/json" } : {}) },
    body: form ?? (hasBody ? JSON.stringify(body) : undefined),
  });
  const response = await handlerFor(endpoint)(request, { params: Promise.resolve(params) });
  // Streams (the live feed) are not read: only a JSON answer is.
  const json = (response.headers.get("content-type") ?? "").startsWith("application/json") ? await response.json() : (await response.body?.cancel(), null);
  return { status: response.status, json: json as { error?: { code: string; message: string } } | null };
}

describe("a NUL in each string the API accepts: never a 500, nothing changed", () => {
  const variants = ALL_ENDPOINTS.flatMap((endpoint) => {
    const name = `${endpoint.method} ${endpoint.path}`;
    const params = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    return [
      ...params.map((p) => [`${name}: path {${p}}`, endpoint, "path", p] as const),
      ...Object.keys(endpoint.query?.shape ?? {}).map((q) => [`${name}: query ${q}`, endpoint, "query", q] as const),
      ...(endpoint.method === "GET" || endpoint.method === "DELETE" ? [] : bodyFields(endpoint).map((b) => [`${name}: body ${b}`, endpoint, "body", b] as const)),
    ];
  });

  it("every endpoint with a body has a valid one in this file, so a NUL is the only thing wrong", () => {
    const missing = ALL_ENDPOINTS.filter((e) => ((e.body && Object.keys((e.body as { shape?: object }).shape ?? {}).length > 0) || e.upload) && Object.keys(bodyFor(e)).length === 0);
    expect(missing.map((e) => `${e.method} ${e.path}`)).toEqual([]);
  });

  it.each(variants)("%s", async (name, endpoint, where, field) => {
    const params = Object.fromEntries([...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, idFor(endpoint, m[1]!)]));
    const query = queryFor(endpoint);
    const body = bodyFor(endpoint);
    if (where === "path") params[field] = withNul(params[field]!);
    if (where === "query") query[field] = withNul(query[field] ?? "x");
    if (where === "body") body[field] = typeof body[field] === "string" ? withNul(body[field] as string) : body[field] === undefined ? `x${NUL}` : `1${NUL}`;
    // The article's text: NULs are dropped (see the server action case above).
    const harmless = where === "body" && endpoint.method === "POST" && endpoint.path === "/articles" && field === "body";
    // Replacing the text drops NULs too; the server action case above may already have moved the
    // article's version, which is a 409, never a 500.
    if (where === "body" && endpoint.method === "POST" && endpoint.path === "/articles/{id}/revisions" && field === "body") {
      const { status: replaced } = await call(endpoint, params, query, body);
      return expect([201, 409]).toContain(replaced);
    }
    const before = await state();
    const { status, json } = await call(endpoint, params, query, body);
    expect(status, `${name}: ${JSON.stringify(json)}`).not.toBe(500);
    expect(json?.error?.message ?? "", name).not.toMatch(/something went wrong/i);
    if (where === "path") expect(status, `${name}: ${JSON.stringify(json)}`).toBe(404);
    if (harmless) return expect(status).toBe(201);
    if (where === "body" && typeof bodyFor(endpoint)[field] === "string") expect(status, `${name}: ${JSON.stringify(json)}`).toBeGreaterThanOrEqual(400);
    expect(await state()).toEqual(before);
  });
});
