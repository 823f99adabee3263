import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { changeClaimStatus } from "@/lib/db/claims";
import { getArticleReport } from "@/lib/db/reports";
import { publishDecision, reuseOriginalDecision } from "@/lib/db/reviews";
import { getDuplicateLinks, markDuplicate } from "@/lib/db/similar-claims";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";
import { reportDocument } from "@/lib/reports/document";
import { renderMarkdown } from "@/lib/reports/markdown";

// Reusing the original's published verdict on a claim marked as its duplicate: the server action
// and the API endpoint, against the real database. Who may, the publishing gate applied as for
// any verdict, stale pages (the mark cleared, the original reopened or corrected), two requests
// at once, and the link both ways and in the report.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { reuseDecisionAction } = await import("@/app/w/[workspace]/articles/[articleId]/duplicate-actions");

const SENTENCE = (who: string) => `${who} said unemployment in Ohio fell to 3.9 percent in 2023, the lowest in two decades.`;

let ws: TestWorkspace;
let other: TestWorkspace;
let original: { id: string; articleId: string };
let originalDecision: string;

const editor = () => actingAs(ws, "editor");
const versionOf = async (id: string) => (await getDb().claim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const decisionsOf = (claimId: string) => getDb().decision.findMany({ where: { claimId }, orderBy: { createdAt: "asc" } });

/** A new article repeating the original's sentence: its claim, optionally marked as a duplicate and reviewed. */
async function repeat(who: string, options: { mark?: boolean; review?: boolean } = {}) {
  const { id: articleId } = await createTestArticle(ws.id, ws.users.editor, SENTENCE(who));
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, version: true } });
  if (options.mark !== false) await markDuplicate(editor(), mayAs("EDITOR"), { claimId: claim.id, duplicateOfId: original.id, version: claim.version });
  if (options.review !== false) await reviewedByReviewer(ws, claim.id, "mostly-true");
  return { id: claim.id, articleId };
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};
const act = async (userId: string | null, values: Record<string, string>, slug = ws.slug): Promise<ActionResult> => {
  session.userId = userId;
  try {
    return await reuseDecisionAction(slug, null, form(values));
  } finally {
    session.userId = null;
  }
};
const fingerprints = async () => [await workspaceFingerprint(ws.id), await workspaceFingerprint(other.id)];

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  const { id: articleId } = await createTestArticle(ws.id, ws.users.editor, SENTENCE("Governor Ana Ruiz"));
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId }, select: { id: true } });
  original = { id: claim.id, articleId };
  const version = await reviewedByReviewer(ws, claim.id, "true");
  originalDecision = (await publishDecision(editor(), { claimId: claim.id, version, rating: "true", summary: "The state figures agree." })).id;
});
beforeEach(() => {
  session.userId = null;
});

describe("who may reuse a verdict", () => {
  it("refuses the signed out, viewers, reviewers and other workspaces (action), changing nothing", async () => {
    const dup = await repeat("Senator Paul Grant");
    const input = { claimId: dup.id, version: String(await versionOf(dup.id)), decisionId: originalDecision };
    const before = await fingerprints();
    expect(await act(null, input)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await act(ws.users.viewer, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await act(ws.users.reviewer, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await act(other.users.admin, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await act(other.users.admin, input, other.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await fingerprints()).toEqual(before);
    // The same request from an editor goes through, so the refusals were the guard's.
    expect(await act(ws.users.editor, input)).toMatchObject({ ok: true });
  });

  it("refuses a viewer's, a reviewer's, a read-only and another workspace's token (API), changing nothing", async () => {
    const dup = await repeat("Mayor Lee Chan");
    const body = { version: await versionOf(dup.id), decisionId: originalDecision };
    const before = await fingerprints();
    const path = `/claims/${dup.id}/reuse-decision`;
    expect((await callApi("POST", path, { body })).status).toBe(401);
    expect((await callApi("POST", path, { body, token: await tokenFor(ws.users.viewer) })).status).toBe(403);
    expect((await callApi("POST", path, { body, token: await tokenFor(ws.users.reviewer) })).status).toBe(403);
    expect((await callApi("POST", path, { body, token: await tokenFor(ws.users.editor, "READ") })).status).toBe(403);
    expect((await callApi("POST", path, { body, token: await tokenFor(other.users.admin) })).status).toBe(404);
    expect(await fingerprints()).toEqual(before);
  });
});

describe("reusing the original's verdict", () => {
  it("publishes the original's rating and summary on the duplicate, linked both ways, with its event, and in the report", async () => {
    const dup = await repeat("Representative Kim Ode");
    const result = await act(ws.users.editor, { claimId: dup.id, version: String(await versionOf(dup.id)), decisionId: originalDecision });
    expect(result).toMatchObject({ ok: true });

    const [decision] = await decisionsOf(dup.id);
    expect(decision).toMatchObject({ workspaceId: ws.id, rating: "true", summary: "The state figures agree.", approvedById: ws.users.editor, reusedFromDecisionId: originalDecision });
    expect(await getDb().claim.findUniqueOrThrow({ where: { id: dup.id } })).toMatchObject({ status: "PUBLISHED", duplicateOfId: original.id });
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id, claimId: dup.id, action: "decision.published" } });
    // The live feed sends it to every open page of the duplicate's article, as for any verdict.
    expect(event).toMatchObject({ actorId: ws.users.editor, entityId: decision!.id, articleId: dup.articleId, after: { rating: "true", reusedFromDecisionId: originalDecision, reusedFromClaimId: original.id } });

    // Both pages: the duplicate names where its verdict comes from; the original lists who reuses it.
    expect((await getDuplicateLinks(ws.id, dup.id)).reusedFrom).toMatchObject({ decisionId: originalDecision, claimId: original.id, articleId: original.articleId });
    const theirs = (await getDuplicateLinks(ws.id, original.id)).duplicates.find((d) => d.id === dup.id);
    expect(theirs).toMatchObject({ reusesVerdict: true, status: "PUBLISHED" });

    // The desk's report shows the verdict like any other, and says it was reused.
    const report = await getArticleReport(ws.id, dup.articleId);
    const desk = reportDocument(report!, "desk");
    expect(desk.claims[0]!.verdict).toMatchObject({ rating: "true", reusedFrom: { claimId: original.id } });
    expect(renderMarkdown(desk)).toMatch(/Verdict reused from the original claim “Governor Ana Ruiz said/);
    expect(reportDocument(report!, "reader").claims[0]!.verdict).toMatchObject({ rating: "true" });

    // Again: nothing to do.
    const before = await fingerprints();
    expect(await act(ws.users.editor, { claimId: dup.id, version: String(await versionOf(dup.id)) })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/already reuses/) });
    expect(await fingerprints()).toEqual(before);
  });

  it("passes the same publishing gate as any verdict: an unreviewed duplicate is refused with what is missing", async () => {
    const dup = await repeat("Councillor Ada Vee", { review: false });
    const before = await fingerprints();
    const result = await act(ws.users.editor, { claimId: dup.id, version: String(await versionOf(dup.id)) });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/same rules as any verdict.*Only a claim in review can be published.*independent review/s) });
    expect(await fingerprints()).toEqual(before);
    // Four eyes: the editor who reviewed it alone may not publish it, reused or not.
    await getDb().review.deleteMany({ where: { claimId: dup.id } });
    const { saveReview } = await import("@/lib/db/reviews");
    const { saveReviewSchema } = await import("@/lib/validation/review");
    const { DEFAULT_RATING_SCALE } = await import("@/lib/domain/rating-scale");
    await saveReview(editor(), DEFAULT_RATING_SCALE, saveReviewSchema.parse({ claimId: dup.id, rating: "true", rationale: "Mine alone.", confidence: "2", version: "" }));
    const mid = await fingerprints();
    expect(await act(ws.users.editor, { claimId: dup.id, version: String(await versionOf(dup.id)) })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/Four eyes/) });
    expect(await fingerprints()).toEqual(mid);
  });

  it("refuses a claim that is not (or no longer) a duplicate, and stale versions, changing nothing", async () => {
    const plain = await repeat("Doctor Rae Moss", { mark: false });
    const before = await fingerprints();
    expect(await act(ws.users.editor, { claimId: plain.id, version: String(await versionOf(plain.id)) })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/not marked as a duplicate/) });
    expect(await fingerprints()).toEqual(before);

    // Loaded as a duplicate, cleared in another tab, then clicked.
    const dup = await repeat("Professor Ida Lund");
    const seen = await versionOf(dup.id);
    await markDuplicate(editor(), mayAs("EDITOR"), { claimId: dup.id, version: seen });
    const cleared = await fingerprints();
    expect(await act(ws.users.editor, { claimId: dup.id, version: String(seen), decisionId: originalDecision })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/not marked as a duplicate/) });
    expect(await fingerprints()).toEqual(cleared);

    // Marked again: the old page's version is stale.
    await markDuplicate(editor(), mayAs("EDITOR"), { claimId: dup.id, duplicateOfId: original.id, version: await versionOf(dup.id) });
    const marked = await fingerprints();
    expect(await act(ws.users.editor, { claimId: dup.id, version: String(seen), decisionId: originalDecision })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await fingerprints()).toEqual(marked);
  });

  it("refuses when the original was reopened, or corrected, after the page was loaded", async () => {
    const dup = await repeat("Judge Tom Hale");
    const input = { claimId: dup.id, version: String(await versionOf(dup.id)), decisionId: originalDecision };
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: original.id, status: "REOPENED", version: await versionOf(original.id), reason: "New figures from the state." });
    const reopened = await fingerprints();
    expect(await act(ws.users.editor, input)).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/not published at the moment/) });
    expect(await fingerprints()).toEqual(reopened);

    // Corrected: the page's verdict is not the original's any more.
    const corrected = (await publishDecision(editor(), { claimId: original.id, version: await versionOf(original.id), rating: "mostly-true", summary: "Revised: 4.0 percent." })).id;
    const now = await fingerprints();
    expect(await act(ws.users.editor, input)).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/original's verdict changed/) });
    expect(await fingerprints()).toEqual(now);
    originalDecision = corrected;
    expect(await act(ws.users.editor, { ...input, decisionId: corrected })).toMatchObject({ ok: true });
    expect((await decisionsOf(dup.id))[0]).toMatchObject({ rating: "mostly-true", reusedFromDecisionId: corrected });
  });

  it("a duplicate with a verdict of its own is refused unless replacing, which is a correction on a reopened claim", async () => {
    const dup = await repeat("Sheriff Bo Rand");
    await publishDecision(editor(), { claimId: dup.id, version: await versionOf(dup.id), rating: "false", summary: "Our own check." });
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: dup.id, status: "REOPENED", version: await versionOf(dup.id), reason: "It repeats a claim we checked." });
    const before = await fingerprints();
    expect(await act(ws.users.editor, { claimId: dup.id, version: String(await versionOf(dup.id)) })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringMatching(/already has a verdict of its own/) });
    expect(await fingerprints()).toEqual(before);
    expect(await act(ws.users.editor, { claimId: dup.id, version: String(await versionOf(dup.id)), replace: "true" })).toMatchObject({ ok: true });
    const decisions = await decisionsOf(dup.id);
    expect(decisions.map((d) => [d.rating, d.reusedFromDecisionId])).toEqual([["false", null], ["mostly-true", originalDecision]]);
    expect(await getDb().event.count({ where: { claimId: dup.id, action: "decision.corrected" } })).toBe(1);
  });

  it("two reuse requests at once: one decision", async () => {
    const dup = await repeat("Chief Al Ross");
    const version = await versionOf(dup.id);
    const results = await Promise.allSettled([reuseOriginalDecision(editor(), { claimId: dup.id, version }), reuseOriginalDecision(actingAs(ws, "admin"), { claimId: dup.id, version })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await decisionsOf(dup.id)).toHaveLength(1);
    expect(await getDb().event.count({ where: { claimId: dup.id, action: { startsWith: "decision." } } })).toBe(1);
  });

  it("deleting the original keeps the duplicate's verdict and clears only the pointer", async () => {
    const dup = await repeat("Senator Eve Park");
    await reuseOriginalDecision(editor(), { claimId: dup.id, version: await versionOf(dup.id) });
    // A decision pointing into another workspace, or at itself, is refused by the database.
    const [mine] = await decisionsOf(dup.id);
    const foreignArticle = await createTestArticle(other.id, other.users.editor, SENTENCE("Someone"));
    const foreignClaim = await getDb().claim.findFirstOrThrow({ where: { articleId: foreignArticle.id } });
    const foreign = await getDb().decision.create({ data: { workspaceId: other.id, claimId: foreignClaim.id, rating: "true", summary: "Elsewhere." } });
    await expect(getDb().$executeRaw`UPDATE "Decision" SET "reusedFromDecisionId" = ${foreign.id} WHERE "id" = ${mine!.id}`).rejects.toThrow();
    await expect(getDb().$executeRaw`UPDATE "Decision" SET "reusedFromDecisionId" = "id" WHERE "id" = ${mine!.id}`).rejects.toThrow();
    await getDb().claim.delete({ where: { id: original.id } });
    expect(await getDb().decision.findUniqueOrThrow({ where: { id: mine!.id } })).toMatchObject({ reusedFromDecisionId: null, rating: mine!.rating, workspaceId: ws.id });
  });
});

describe("the API", () => {
  let second: { id: string; articleId: string };
  let secondDecision: string;
  beforeAll(async () => {
    const { id: articleId } = await createTestArticle(ws.id, ws.users.editor, "Officials said the murder rate in Dayton doubled since 2019, police records show.");
    const claim = await getDb().claim.findFirstOrThrow({ where: { articleId }, select: { id: true } });
    second = { id: claim.id, articleId };
    const version = await reviewedByReviewer(ws, claim.id, "false");
    secondDecision = (await publishDecision(editor(), { claimId: claim.id, version, rating: "false", summary: "Police records show a 12 percent rise." })).id;
  });

  it("POST /claims/{id}/reuse-decision publishes it (201) and the links read back; bad and stale requests change nothing", async () => {
    const { id: articleId } = await createTestArticle(ws.id, ws.users.editor, "The mayor said the murder rate in Dayton doubled since 2019.");
    const dup = (await getDb().claim.findFirstOrThrow({ where: { articleId }, select: { id: true, version: true } })).id;
    const token = await tokenFor(ws.users.editor);
    const path = `/claims/${dup}/reuse-decision`;

    const before = await fingerprints();
    const notDup = await callApi("POST", path, { token, body: { version: await versionOf(dup) } });
    expect(notDup.status).toBe(400);
    expect(notDup.body).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.stringMatching(/not marked as a duplicate/) } });
    expect((await callApi("POST", path, { token, body: { version: "x" } })).status).toBe(400);
    expect(await fingerprints()).toEqual(before);

    const marked = await callApi("PUT", `/claims/${dup}/duplicate-of`, { token, body: { duplicateOfId: second.id, version: await versionOf(dup) } });
    expect(marked.status).toBe(200);
    await reviewedByReviewer(ws, dup, "false");
    const stale = await fingerprints();
    expect((await callApi("POST", path, { token, body: { version: 1 } })).status).toBe(409);
    expect((await callApi("POST", path, { token, body: { version: await versionOf(dup), decisionId: "cnotthedecision00000000000" } })).status).toBe(409);
    expect(await fingerprints()).toEqual(stale);

    const similar = await callApi("GET", `/claims/${dup}/similar`, { token });
    expect(similar.body).toMatchObject({ original: { id: second.id, publishedDecisionId: secondDecision }, reusedFrom: null });
    const ok = await callApi("POST", path, { token, body: { version: await versionOf(dup), decisionId: secondDecision } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ claimId: dup, rating: "false", summary: "Police records show a 12 percent rise.", reusedFromDecisionId: secondDecision });
    expect((await callApi("GET", `/claims/${dup}/similar`, { token })).body).toMatchObject({ reusedFrom: { decisionId: secondDecision, claimId: second.id } });
    expect((await callApi("GET", `/claims/${second.id}/similar`, { token })).body).toMatchObject({ duplicates: [{ id: dup, reusesVerdict: true }] });
    expect((await callApi("GET", `/claims/${dup}/decisions`, { token })).body).toMatchObject({ items: [{ reusedFromDecisionId: secondDecision }] });
  });
});
