import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { publishDecision } from "@/lib/db/reviews";
import { createActionFixture, formOf, settleCall, type ActionFixture, type CallResult } from "@/lib/testing/action-guards";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, reviewedByReviewer, SAMPLE_BODY } from "@/lib/testing/factories";
import { publishDecisionSchema } from "@/lib/validation/review";

// Changing which words a claim covers, through the article page's actions: adjust a span, split
// a claim. Bad input (outside the text, empty, stale version, published, another workspace's
// claim) gets a clear answer and changes nothing. Who may is in the guard matrix.

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

const article = await import("@/app/w/[workspace]/articles/[articleId]/actions");

let f: ActionFixture;
beforeEach(async () => {
  f = await createActionFixture();
});

async function as(userId: string, work: () => Promise<ActionResult>): Promise<CallResult> {
  session.userId = userId;
  try {
    return await settleCall(work);
  } finally {
    session.userId = null;
  }
}

const adjust = (values: Record<string, string | number>, slug = f.workspace.slug, who = f.users.editor) =>
  as(who, () => article.adjustClaimSpanAction(slug, null, formOf(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])))));
const split = (values: Record<string, string | number>, slug = f.workspace.slug, who = f.users.editor) =>
  as(who, () => article.splitClaimAction(slug, null, formOf(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])))));

const claim = (id: string) => getDb().claim.findUniqueOrThrow({ where: { id } });
const at = (words: string) => SAMPLE_BODY.indexOf(words);

describe("adjusting a claim's span", () => {
  it("moves its ends, trims white space, follows with the statement, records the change", async () => {
    const start = at("41 million");
    const end = at(" last year.");
    const result = await adjust({ claimId: f.detected.id, version: f.detected.version, start: start - 1, end: end + 1 });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const after = await claim(f.detected.id);
    expect(after).toMatchObject({ start, end, quote: "41 million people lived in poverty", statement: "41 million people lived in poverty", version: f.detected.version + 1 });
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: f.workspace.id, action: "claim.span_changed", claimId: f.detected.id } });
    expect(event.after).toMatchObject({ start, end, quote: "41 million people lived in poverty" });
  });

  it("keeps a statement someone reworded", async () => {
    await getDb().claim.update({ where: { id: f.detected.id }, data: { statement: "Poverty: 41 million." } });
    const start = at("41 million");
    await adjust({ claimId: f.detected.id, version: f.detected.version, start, end: start + 10 });
    expect(await claim(f.detected.id)).toMatchObject({ quote: "41 million", statement: "Poverty: 41 million." });
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const before = await workspaceFingerprint(f.workspace.id);
    const base = { claimId: f.detected.id, version: f.detected.version };
    expect(await adjust({ ...base, start: 0, end: SAMPLE_BODY.length + 5 })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/outside the article/) });
    expect(await adjust({ ...base, start: -1, end: 4 })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await adjust({ ...base, start: 8, end: 8 })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { end: [expect.stringMatching(/at least one word/)] } });
    const gap = SAMPLE_BODY.indexOf("\n");
    expect(await adjust({ ...base, start: gap, end: gap + 1 })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: "The claim must keep at least one word." });
    expect(await adjust({ ...base, version: f.detected.version + 1, start: 0, end: 4 })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await adjust({ ...base, start: "x", end: 4 })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });

  it("refuses a published claim, and another workspace's claim, changing nothing", async () => {
    await publishDecision(actingAs(f.workspace, "editor"), publishDecisionSchema.parse({ claimId: f.claim.id, version: f.claim.version, rating: "true", summary: "Checks out." }));
    const published = await claim(f.claim.id);
    const other = await createActionFixture();
    const before = [await workspaceFingerprint(f.workspace.id), await workspaceFingerprint(other.workspace.id)];
    expect(await adjust({ claimId: f.claim.id, version: published.version, start: 0, end: 4 })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/published.*Reopen/) });
    expect(await split({ claimId: f.claim.id, version: published.version, at: 4 })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/published/) });
    // An editor of the other workspace, at their own address, with this workspace's claim.
    expect(await adjust({ claimId: f.detected.id, version: f.detected.version, start: 0, end: 4 }, other.workspace.slug, other.users.editor)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await split({ claimId: f.detected.id, version: f.detected.version, at: at("lived") }, other.workspace.slug, other.users.editor)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect([await workspaceFingerprint(f.workspace.id), await workspaceFingerprint(other.workspace.id)]).toEqual(before);
  });
});

describe("splitting a claim", () => {
  it("keeps the first part with its work on it; the rest becomes a new queued claim; both events name the other", async () => {
    const original = await claim(f.claim.id);
    const cut = at("the lowest level");
    const sourcesBefore = await getDb().source.count({ where: { claimId: f.claim.id } });
    const result = await split({ claimId: f.claim.id, version: f.claim.version, at: cut });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, redirectTo: expect.stringMatching(/\?claim=c/) });
    const first = await claim(f.claim.id);
    expect(first).toMatchObject({ start: original.start, end: cut - 1, status: original.status, version: f.claim.version + 1 });
    expect(first.quote).toBe("Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023,");
    const second = await getDb().claim.findFirstOrThrow({ where: { articleId: f.article, start: cut } });
    expect(second).toMatchObject({ end: original.end, status: "QUEUED", origin: "MANUAL", createdById: f.users.editor, articleId: original.articleId });
    expect(second.quote).toBe(SAMPLE_BODY.slice(cut, original.end));
    expect(await getDb().source.count({ where: { claimId: f.claim.id } })).toBe(sourcesBefore);
    expect(await getDb().source.count({ where: { claimId: second.id } })).toBe(0);
    const events = await getDb().event.findMany({ where: { workspaceId: f.workspace.id, action: "claim.split" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.claimId, e.after])).toEqual([
      [f.claim.id, expect.objectContaining({ newClaimId: second.id })],
      [second.id, expect.objectContaining({ start: cut })],
    ]);
    expect(events[1]?.before).toMatchObject({ fromClaimId: f.claim.id });
  });

  it("refuses a cut at an end, outside the words, or on a stale version, changing nothing", async () => {
    const c = await claim(f.detected.id);
    const before = await workspaceFingerprint(f.workspace.id);
    for (const position of [c.start, c.end, c.start - 1, c.end + 3]) {
      expect(await split({ claimId: c.id, version: c.version, at: position }), `at ${position}`).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/inside the claim's words/) });
    }
    expect(await split({ claimId: c.id, version: c.version, at: SAMPLE_BODY.length + 100 })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/outside the article/) });
    expect(await split({ claimId: c.id, version: c.version + 1, at: at("lived") })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });
});

const merge = (values: Record<string, string | number>, slug = f.workspace.slug, who = f.users.editor) =>
  as(who, () => article.mergeClaimsAction(slug, null, formOf(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])))));

describe("merging two adjacent claims", () => {
  it("keeps the first, grown to the end of the second; moves sources and comments; dismisses the second with a link both ways", async () => {
    const [first, next] = [await claim(f.claim.id), await claim(f.detected.id)];
    const source = await getDb().source.create({ data: { workspaceId: f.workspace.id, claimId: next.id, url: "https://example.org/moved", title: "Moved", kind: "OTHER", stance: "CONTEXT", addedById: f.users.editor } });
    const result = await merge({ claimId: first.id, version: first.version, nextId: next.id, nextVersion: next.version });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(await claim(first.id)).toMatchObject({ start: first.start, end: next.end, quote: SAMPLE_BODY.slice(first.start, next.end), version: first.version + 1 });
    expect(await claim(next.id)).toMatchObject({ status: "DISMISSED", statusReason: "Merged into the claim before it." });
    expect(await getDb().source.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ claimId: first.id });
    const events = await getDb().event.findMany({ where: { workspaceId: f.workspace.id, action: "claim.merged" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.claimId, e.after])).toEqual([
      [first.id, expect.objectContaining({ mergedClaimId: next.id })],
      [next.id, expect.objectContaining({ mergedInto: first.id })],
    ]);
  });

  it("refuses claims that are not adjacent, in the wrong order, stale, published, reviewed or of another workspace, changing nothing", async () => {
    const [first, next] = [await claim(f.claim.id), await claim(f.detected.id)];
    const other = await createActionFixture();
    const before = [await workspaceFingerprint(f.workspace.id), await workspaceFingerprint(other.workspace.id)];
    const ok = { claimId: first.id, version: first.version, nextId: next.id, nextVersion: next.version };
    expect(await merge({ claimId: next.id, version: next.version, nextId: first.id, nextVersion: first.version })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/right after it/) });
    expect(await merge({ ...ok, nextVersion: next.version + 1 })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await merge({ ...ok, nextId: first.id, nextVersion: first.version })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    // The other workspace's claim as "next", from here; and ours from there.
    expect(await merge({ ...ok, nextId: other.detected.id, nextVersion: other.detected.version })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await merge(ok, other.workspace.slug, other.users.editor)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // The second claim reviewed: its review judged those words alone.
    expect(await merge({ claimId: other.claim.id, version: other.claim.version, nextId: other.detected.id, nextVersion: other.detected.version }, other.workspace.slug, other.users.editor)).toMatchObject({ ok: true });
    expect([await workspaceFingerprint(f.workspace.id)]).toEqual([before[0]]);
  });

  it("refuses when the next claim has reviews, or either is published", async () => {
    const [first, next] = [await claim(f.claim.id), await claim(f.detected.id)];
    // The claim merged away has a review of its own.
    const nextVersion = await reviewedByReviewer(f.workspace, next.id);
    const before = await workspaceFingerprint(f.workspace.id);
    expect(await merge({ claimId: first.id, version: first.version, nextId: next.id, nextVersion })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/reviews of its own/) });
    await publishDecision(actingAs(f.workspace, "editor"), publishDecisionSchema.parse({ claimId: first.id, version: first.version, rating: "true", summary: "Checks out." }));
    const published = await claim(first.id);
    const afterPublish = await workspaceFingerprint(f.workspace.id);
    expect(afterPublish).not.toEqual(before);
    expect(await merge({ claimId: first.id, version: published.version, nextId: next.id, nextVersion })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/published/) });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(afterPublish);
  });
});

// The same operations through the API: the same schemas, policy action and lib/db functions.
describe("span operations through the API", () => {
  const fingerprints = async (others: ActionFixture[] = []) => Promise.all([f, ...others].map((x) => workspaceFingerprint(x.workspace.id)));

  it("adjusts, splits and merges as the claim panel does, answering with the claims", async () => {
    const token = await tokenFor(f.users.editor);
    const start = at("41 million");
    const end = at(" last year.");
    const adjusted = await callApi("POST", `/claims/${f.detected.id}/span`, { token, body: { version: f.detected.version, start: start - 1, end: end + 1 } });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    expect(adjusted.body).toMatchObject({ id: f.detected.id, quote: "41 million people lived in poverty", start, end, version: f.detected.version + 1 });

    const cut = at("the lowest level");
    const parts = await callApi("POST", `/claims/${f.claim.id}/split`, { token, body: { version: f.claim.version, at: cut } });
    expect(parts.status, JSON.stringify(parts.body)).toBe(201);
    const { claim: first, newClaim } = parts.body as { claim: { id: string; end: number; version: number }; newClaim: { id: string; start: number; status: string } };
    expect(first).toMatchObject({ id: f.claim.id, end: cut - 1 });
    expect(newClaim).toMatchObject({ start: cut, status: "QUEUED" });
    expect(await getDb().event.count({ where: { workspaceId: f.workspace.id, action: "claim.split" } })).toBe(2);

    const merged = await callApi("POST", `/claims/${f.claim.id}/merge`, { token, body: { version: first.version, nextId: newClaim.id, nextVersion: 1 } });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ id: f.claim.id, end: (await claim(newClaim.id)).end });
    expect(await claim(newClaim.id)).toMatchObject({ status: "DISMISSED", statusReason: "Merged into the claim before it." });

    // Dismissing with a reason is the workflow's step, as in the panel.
    const next = await claim(f.detected.id);
    const dismissed = await callApi("POST", `/claims/${next.id}/status`, { token, body: { status: "DISMISSED", version: next.version, reason: "Context, not a claim." } });
    expect(dismissed.status).toBe(200);
    expect(await claim(next.id)).toMatchObject({ status: "DISMISSED", statusReason: "Context, not a claim." });
  });

  it("refuses reviewers, viewers, read-only tokens and other workspaces; bad, stale and published requests; changing nothing", async () => {
    const other = await createActionFixture();
    const c = await claim(f.detected.id);
    const requests: Array<[string, Record<string, unknown>]> = [
      [`/claims/${c.id}/span`, { version: c.version, start: c.start, end: c.end - 1 }],
      [`/claims/${c.id}/split`, { version: c.version, at: at("lived") }],
      [`/claims/${f.claim.id}/merge`, { version: f.claim.version, nextId: c.id, nextVersion: c.version }],
    ];
    const before = await fingerprints([other]);
    for (const [path, body] of requests) {
      expect((await callApi("POST", path, { body })).status, path).toBe(401);
      expect((await callApi("POST", path, { body, token: await tokenFor(f.users.reviewer) })).status, path).toBe(403);
      expect((await callApi("POST", path, { body, token: await tokenFor(f.users.viewer) })).status, path).toBe(403);
      expect((await callApi("POST", path, { body, token: await tokenFor(f.users.editor, "READ") })).status, path).toBe(403);
      expect((await callApi("POST", path, { body, token: await tokenFor(other.users.admin) })).status, path).toBe(404);
      expect((await callApi("POST", path, { body: { ...body, version: (body.version as number) + 1 }, token: await tokenFor(f.users.editor) })).status, path).toBe(409);
    }
    const editor = await tokenFor(f.users.editor);
    const bad = await callApi("POST", `/claims/${c.id}/span`, { token: editor, body: { version: c.version, start: 10, end: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { message: expect.stringMatching(/at least one word/) } });
    expect((await callApi("POST", `/claims/${c.id}/split`, { token: editor, body: { version: c.version, at: c.start } })).body).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.stringMatching(/inside the claim's words/) } });
    // Another workspace's claim as the one to merge into this one.
    expect((await callApi("POST", `/claims/${f.claim.id}/merge`, { token: editor, body: { version: f.claim.version, nextId: other.detected.id, nextVersion: other.detected.version } })).status).toBe(404);
    expect(await fingerprints([other])).toEqual(before);

    await publishDecision(actingAs(f.workspace, "editor"), publishDecisionSchema.parse({ claimId: f.claim.id, version: f.claim.version, rating: "true", summary: "Checks out." }));
    const published = await claim(f.claim.id);
    const afterPublish = await fingerprints();
    const refused = await callApi("POST", `/claims/${published.id}/span`, { token: editor, body: { version: published.version, start: published.start, end: published.end - 1 } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { message: expect.stringMatching(/Reopen the claim/) } });
    expect(await fingerprints()).toEqual(afterPublish);
  });
});
