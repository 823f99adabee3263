import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { rescoreWorkspaceBySlug, rescoreWorkspaceClaims } from "@/lib/db/rescore";
import { scoreCheckWorthiness } from "@/lib/domain/detection/score";
import { formOf, settleCall } from "@/lib/testing/action-guards";
import { workspaceFingerprint } from "@/lib/testing/api";
import { createTestArticle, createWorkspacePair, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";

// Re-scoring stored claims with the current detector: the core function (as the command line
// runs it) and the settings action, which only an admin of the workspace may use.

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

const { rescoreClaimsAction } = await import("@/app/w/[workspace]/settings/detection-actions");

const OPINION = "I think we can do better.";

type Setup = { ws: TestWorkspace; other: TestWorkspace; articleId: string; untouched: string; reviewed: string; opinion: string; manual: string };

/**
 * A workspace whose claims carry scores of an older detector: an untouched claim scored too low
 * (the model puts it above the threshold), a reviewed one scored low too, an untouched opinion
 * scored high (the model puts it below), and a claim a person added, with no score.
 */
async function staleWorkspace(): Promise<Setup> {
  const [ws, other] = await createWorkspacePair();
  const { id: articleId } = await createTestArticle(ws.id, ws.users.editor);
  const [untouched, reviewed] = await getDb().claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true } });
  await reviewedByReviewer(ws, reviewed!.id);
  const body = (await getDb().article.findFirstOrThrow({ where: { id: articleId } })).body;
  const start = body.indexOf(OPINION);
  const base = { workspaceId: ws.id, articleId, prefix: "", suffix: "", start, end: start + OPINION.length, quote: OPINION, statement: OPINION };
  const opinion = await getDb().claim.create({ data: { ...base, score: 0.9, origin: "DETECTED" }, select: { id: true } });
  const manual = await getDb().claim.create({ data: { ...base, score: null, origin: "MANUAL", status: "QUEUED" }, select: { id: true } });
  await getDb().claim.update({ where: { id: untouched!.id }, data: { score: 0.1 } });
  await getDb().claim.update({ where: { id: reviewed!.id }, data: { score: 0.2 } });
  return { ws, other, articleId, untouched: untouched!.id, reviewed: reviewed!.id, opinion: opinion.id, manual: manual.id };
}

const claimsOf = (articleId: string) => getDb().claim.findMany({ where: { articleId }, orderBy: { id: "asc" }, select: { id: true, score: true, statement: true, quote: true, start: true, end: true, status: true, version: true } });
const scoreOf = async (id: string) => (await getDb().claim.findUniqueOrThrow({ where: { id } })).score;
const current = (text: string) => scoreCheckWorthiness(text).score;

describe("re-scoring a workspace's claims (npm run detector:rescore)", () => {
  it("a dry run counts and writes nothing", async () => {
    const s = await staleWorkspace();
    const before = await workspaceFingerprint(s.ws.id);
    const summary = await rescoreWorkspaceBySlug(s.ws.slug, { dryRun: true });
    expect(summary).toEqual({ articles: 1, checked: 2, rescored: 2, crossedUp: 1, crossedDown: 1, all: false, dryRun: true });
    expect(await workspaceFingerprint(s.ws.id)).toEqual(before);
  });

  it("by default: untouched claims get the current model's score, in one event for the article; reviewed and manual claims, statements, spans and statuses stay", async () => {
    const s = await staleWorkspace();
    const before = await claimsOf(s.articleId);
    const summary = await rescoreWorkspaceBySlug(s.ws.slug);
    expect(summary).toEqual({ articles: 1, checked: 2, rescored: 2, crossedUp: 1, crossedDown: 1, all: false, dryRun: false });
    const after = await claimsOf(s.articleId);
    const untouched = after.find((c) => c.id === s.untouched)!;
    expect(untouched.score).toBe(current(untouched.quote));
    expect(untouched.score).toBeGreaterThanOrEqual(0.5);
    expect(await scoreOf(s.opinion)).toBe(current(OPINION));
    expect(await scoreOf(s.opinion)).toBeLessThan(0.5);
    expect(await scoreOf(s.reviewed)).toBe(0.2);
    expect(await scoreOf(s.manual)).toBeNull();
    // Nothing but the score moved.
    const strip = (rows: typeof before) => rows.map(({ score: _score, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
    const events = await getDb().event.findMany({ where: { workspaceId: s.ws.id, action: "article.claims_rescored" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: "article", entityId: s.articleId, articleId: s.articleId, claimId: null, origin: "SYSTEM", actorId: null });
    expect(events[0]!.before).toEqual({ scores: { [s.untouched]: 0.1, [s.opinion]: 0.9 } });
    expect(events[0]!.after).toMatchObject({ scores: { [s.untouched]: untouched.score, [s.opinion]: current(OPINION) }, checked: 2, crossedUp: 1, crossedDown: 1, scope: "untouched" });
    // The claims name the event as their latest change (live pages keep the newer copy).
    expect((await getDb().claim.findUniqueOrThrow({ where: { id: s.untouched } })).rev).toBe(events[0]!.id);

    // Again: every score is current, nothing is written.
    const fingerprint = await workspaceFingerprint(s.ws.id);
    expect(await rescoreWorkspaceBySlug(s.ws.slug)).toMatchObject({ checked: 2, rescored: 0, articles: 0 });
    expect(await workspaceFingerprint(s.ws.id)).toEqual(fingerprint);
  });

  it("--all takes reviewed claims too, still never their words or status, nor claims people added", async () => {
    const s = await staleWorkspace();
    const reviewedBefore = await getDb().claim.findUniqueOrThrow({ where: { id: s.reviewed } });
    const summary = await rescoreWorkspaceClaims({ workspaceId: s.ws.id, userId: null }, { all: true });
    expect(summary).toMatchObject({ checked: 3, rescored: 3, all: true });
    const reviewed = await getDb().claim.findUniqueOrThrow({ where: { id: s.reviewed } });
    expect(reviewed.score).toBe(current(reviewed.quote));
    expect({ ...reviewed, score: 0, rev: 0n, updatedAt: null }).toEqual({ ...reviewedBefore, score: 0, rev: 0n, updatedAt: null });
    expect(await scoreOf(s.manual)).toBeNull();
  });

  it("refuses a workspace that does not exist, and an archived one, writing nothing", async () => {
    await expect(rescoreWorkspaceBySlug("no-such-workspace-here")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const s = await staleWorkspace();
    await getDb().workspace.update({ where: { id: s.ws.id }, data: { archivedAt: new Date() } });
    const before = await workspaceFingerprint(s.ws.id);
    await expect(rescoreWorkspaceBySlug(s.ws.slug)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await workspaceFingerprint(s.ws.id)).toEqual(before);
  });
});

describe("the settings action", () => {
  let s: Setup;
  beforeEach(async () => {
    s = await staleWorkspace();
  });

  async function as(userId: string | null, values: Record<string, string> = {}, slug = s.ws.slug) {
    session.userId = userId;
    try {
      return (await settleCall(() => rescoreClaimsAction(slug, null, formOf(values)))) as ActionResult;
    } finally {
      session.userId = null;
    }
  }

  it("as an admin: untouched claims re-scored, reviewed ones untouched, and the result said in words", async () => {
    const result = await as(s.ws.users.admin);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, message: expect.stringMatching(/^Re-scored 2 claims of 2 claims checked, in 1 article: 1 rose to the detector's threshold \(50%\) or above, 1 fell below it\./) });
    expect(await scoreOf(s.untouched)).toBeGreaterThanOrEqual(0.5);
    expect(await scoreOf(s.reviewed)).toBe(0.2);
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: s.ws.id, action: "article.claims_rescored" } });
    expect(event).toMatchObject({ origin: "WEB", actorId: s.ws.users.admin });
    expect(await as(s.ws.users.admin)).toMatchObject({ ok: true, message: "Checked 2 claims: every score is already the current detector's. Nothing changed." });
  });

  it("as an admin with the box ticked: reviewed claims too", async () => {
    expect(await as(s.ws.users.admin, { all: "on" })).toMatchObject({ ok: true, message: expect.stringMatching(/^Re-scored 3 claims of 3 claims/) });
    expect(await scoreOf(s.reviewed)).not.toBe(0.2);
  });

  it.each([
    ["an editor", "editor", "FORBIDDEN"],
    ["a reviewer", "reviewer", "FORBIDDEN"],
    ["a viewer", "viewer", "FORBIDDEN"],
    ["someone signed out", null, "UNAUTHENTICATED"],
  ] as const)("as %s: refused, nothing changed", async (_name, who, code) => {
    const before = await workspaceFingerprint(s.ws.id);
    expect(await as(who ? s.ws.users[who] : null, { all: "on" })).toMatchObject({ ok: false, code });
    expect(await workspaceFingerprint(s.ws.id)).toEqual(before);
  });

  it("as another workspace's admin: not found, nothing changed in either workspace", async () => {
    const before = [await workspaceFingerprint(s.ws.id), await workspaceFingerprint(s.other.id)];
    expect(await as(s.other.users.admin, { all: "on" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect([await workspaceFingerprint(s.ws.id), await workspaceFingerprint(s.other.id)]).toEqual(before);
  });
});
