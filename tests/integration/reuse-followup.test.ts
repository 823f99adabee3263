import { beforeAll, describe, expect, it, vi } from "vitest";
import { changeClaimStatus, setClaimAssignee } from "@/lib/db/claims";
import { getDb } from "@/lib/db/client";
import { listInbox, openNotification } from "@/lib/db/inbox";
import { listOutdatedReuses } from "@/lib/db/queue";
import { publishDecision, reuseOriginalDecision, saveReview } from "@/lib/db/reviews";
import { markDuplicate } from "@/lib/db/similar-claims";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";

// Following a corrected original on its duplicates: the inbox line to each duplicate's people
// (never to whoever moved the original), the queue's "Reused verdict out of date" filter (each
// workspace's own), and the bulk reuse on the original (same rules as a single reuse, skipped
// duplicates named, two runs at once publishing once).

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));

const SENTENCE = (who: string) => `${who} said the jobless rate in Vermont fell to 2.1 percent in 2025, a record low.`;

let ws: TestWorkspace;
let other: TestWorkspace;
type Ref = { id: string; articleId: string };
let original: Ref;
let first: string;
let corrected: string;
const dups = {} as Record<"a" | "b" | "c" | "d" | "e", Ref>;

const versionOf = async (id: string) => (await getDb().claim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const statusOf = async (id: string) => (await getDb().claim.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const newestOf = (claimId: string) => getDb().decision.findFirstOrThrow({ where: { claimId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, reusedFromDecisionId: true, approvedById: true } });
const outdatedLines = (userId: string) => getDb().notification.findMany({ where: { userId, kind: "REUSED_VERDICT_OUTDATED" }, orderBy: { createdAt: "asc" }, select: { claimId: true, actorId: true, detail: true } });

async function claimIn(w: TestWorkspace, who: string): Promise<Ref> {
  const { id: articleId } = await createTestArticle(w.id, w.users.editor, SENTENCE(who));
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true } });
  return { id: claim.id, articleId };
}

/** A duplicate of `of` in review (the workspace's reviewer reviewed it), not yet reusing anything. */
async function duplicateOf(w: TestWorkspace, of: Ref, who: string, reviewer: "reviewer" | "editor" = "reviewer"): Promise<Ref> {
  const claim = await claimIn(w, who);
  await markDuplicate(actingAs(w, "editor"), mayAs("EDITOR"), { claimId: claim.id, duplicateOfId: of.id, version: await versionOf(claim.id) });
  if (reviewer === "reviewer") await reviewedByReviewer(w, claim.id, "true");
  else await saveReview(actingAs(w, "editor"), DEFAULT_RATING_SCALE, { claimId: claim.id, rating: "true", rationale: "Same figure.", confidence: 2 });
  return claim;
}

const reuse = async (w: TestWorkspace, as: "editor" | "admin", claim: Ref) => reuseOriginalDecision(actingAs(w, as), { claimId: claim.id, version: await versionOf(claim.id) });
const reopen = async (w: TestWorkspace, as: "editor" | "admin", claim: Ref, reason: string) =>
  changeClaimStatus(actingAs(w, as), mayAs(as === "admin" ? "ADMIN" : "EDITOR"), { claimId: claim.id, status: "REOPENED", version: await versionOf(claim.id), reason });
const correct = async (w: TestWorkspace, as: "editor" | "admin", claim: Ref, rating: string) => {
  await reopen(w, as, claim, "New figures.");
  return (await publishDecision(actingAs(w, as), { claimId: claim.id, version: await versionOf(claim.id), rating, summary: `Revised: ${rating}.` })).id;
};

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  original = await claimIn(ws, "Governor Ada Brook");
  const version = await reviewedByReviewer(ws, original.id, "true");
  first = (await publishDecision(actingAs(ws, "editor"), { claimId: original.id, version, rating: "true", summary: "State data agree." })).id;

  // a: assigned to the reviewer. b: nobody assigned, reused by the admin. c: assigned only to the
  // editor who will correct the original. d: reopened by the admin since. e: reviewed only by the
  // editor, so four eyes stops the editor from publishing on it.
  dups.a = await duplicateOf(ws, original, "Senator Bo Hale");
  dups.b = await duplicateOf(ws, original, "Mayor Cy Dunn");
  dups.c = await duplicateOf(ws, original, "Rep. Di Falk");
  dups.d = await duplicateOf(ws, original, "Judge Ed Grey");
  dups.e = await duplicateOf(ws, original, "Chief Flo Ives", "editor");
  await reuse(ws, "editor", dups.a);
  await reuse(ws, "admin", dups.b);
  await reuse(ws, "admin", dups.c);
  await reuse(ws, "editor", dups.d);
  await reuse(ws, "admin", dups.e);
  await setClaimAssignee(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: dups.a.id, userId: ws.users.reviewer, assign: "assign" });
  await setClaimAssignee(actingAs(ws, "admin"), mayAs("ADMIN"), { claimId: dups.c.id, userId: ws.users.editor, assign: "assign" });
  await reopen(ws, "admin", dups.d, "Our own check of the county data.");
});

describe("the inbox: each out-of-date duplicate's people hear of it", () => {
  it("reopening then correcting the original puts a line in the assignee's inbox, or else the reuse's publisher's; never the actor's", async () => {
    corrected = await correct(ws, "editor", original, "false");

    // a: its assignee, twice (reopened, then corrected to False).
    expect(await outdatedLines(ws.users.reviewer)).toEqual([
      { claimId: dups.a.id, actorId: ws.users.editor, detail: { change: "reopened", originalClaimId: original.id } },
      { claimId: dups.a.id, actorId: ws.users.editor, detail: { change: "corrected", originalClaimId: original.id, rating: "false", ratingLabel: "False" } },
    ]);
    // b and e: nobody assigned, so the admin who published the reused verdict on them. d is
    // reopened by the admin but its newest decision still copies the original: its publisher
    // was the editor, who moved the original, so nobody.
    const admin = await outdatedLines(ws.users.admin);
    expect(admin.map((l) => l.claimId).sort()).toEqual([dups.b.id, dups.b.id, dups.e.id, dups.e.id].sort());
    // c: assigned only to the editor who corrected the original; the editor hears of nothing.
    expect(await outdatedLines(ws.users.editor)).toEqual([]);
    expect(await getDb().notification.count({ where: { claimId: { in: [dups.c.id, dups.d.id] }, kind: "REUSED_VERDICT_OUTDATED" } })).toBe(0);
    expect(await getDb().notification.count({ where: { workspaceId: other.id } })).toBe(0);
  });

  it("the line reads as the out-of-date verdict, and opens the duplicate in its article", async () => {
    const lines = (await listInbox(ws.users.reviewer)).filter((l) => l.kind === "REUSED_VERDICT_OUTDATED");
    expect(lines[0]).toMatchObject({
      claim: { id: dups.a.id, articleId: dups.a.articleId },
      reuse: { change: "corrected", ratingLabel: "False", original: { id: original.id } },
      actorName: expect.stringMatching(/^editor /),
    });
    expect(lines[1]).toMatchObject({ reuse: { change: "reopened", ratingLabel: null } });
    expect(await openNotification(ws.users.reviewer, lines[0]!.id)).toBe(`/w/${ws.slug}/articles/${dups.a.articleId}?claim=${dups.a.id}`);
    // Nobody else opens it.
    expect(await openNotification(ws.users.admin, lines[0]!.id)).toBeNull();
  });
});

describe("the queue's filter: reused verdicts out of date, each workspace's own", () => {
  let theirs: Ref;
  beforeAll(async () => {
    // The other workspace has an out-of-date duplicate of its own.
    const theirOriginal = await claimIn(other, "Governor Ada Brook");
    const version = await reviewedByReviewer(other, theirOriginal.id, "true");
    await publishDecision(actingAs(other, "editor"), { claimId: theirOriginal.id, version, rating: "true", summary: "Fine." });
    theirs = await duplicateOf(other, theirOriginal, "Senator Bo Hale");
    await reuse(other, "editor", theirs);
    await correct(other, "admin", theirOriginal, "false");
  });

  it("lists every out-of-date duplicate of the person's workspaces, with what became of the original", async () => {
    const items = await listOutdatedReuses(ws.users.viewer);
    expect(items.map((i) => i.claimId).sort()).toEqual(Object.values(dups).map((d) => d.id).sort());
    const a = items.find((i) => i.claimId === dups.a.id)!;
    expect(a).toMatchObject({
      workspace: { slug: ws.slug },
      article: { id: dups.a.articleId },
      reused: { rating: "true", ratingLabel: "True" },
      original: { id: original.id, articleId: original.articleId },
      change: { reopened: false, latest: { rating: "false", ratingLabel: "False" } },
      assignees: [{ id: ws.users.reviewer }],
    });
    expect(items.find((i) => i.claimId === dups.d.id)).toMatchObject({ status: "REOPENED", assignees: [] });
  });

  it("never shows another workspace's claims, either way", async () => {
    expect((await listOutdatedReuses(ws.users.viewer)).some((i) => i.claimId === theirs.id)).toBe(false);
    expect((await listOutdatedReuses(other.users.viewer)).map((i) => i.claimId)).toEqual([theirs.id]);
  });

  it("a disabled member sees nothing of the workspace", async () => {
    await getDb().membership.updateMany({ where: { workspaceId: other.id, userId: other.users.viewer }, data: { disabledAt: new Date() } });
    expect(await listOutdatedReuses(other.users.viewer)).toEqual([]);
    await getDb().membership.updateMany({ where: { workspaceId: other.id, userId: other.users.viewer }, data: { disabledAt: null } });
  });
});

describe("the bulk reuse on the original", () => {
  const path = () => `/claims/${original.id}/reuse-decision/duplicates`;
  const body = () => ({ reason: "The original was corrected.", decisionId: corrected });

  it("is refused to everyone below an editor, to other workspaces, signed out and read-only tokens; nothing changes", async () => {
    const cases: Array<[string | undefined, number, string]> = [
      [undefined, 401, "UNAUTHENTICATED"],
      [await tokenFor(ws.users.viewer), 403, "FORBIDDEN"],
      [await tokenFor(ws.users.reviewer), 403, "FORBIDDEN"],
      [await tokenFor(ws.users.editor, "READ"), 403, "FORBIDDEN"],
      [await tokenFor(other.users.admin), 404, "NOT_FOUND"],
    ];
    for (const [token, status, code] of cases) {
      const before = [await workspaceFingerprint(ws.id), await workspaceFingerprint(other.id)];
      const result = await callApi("POST", path(), { token, body: body() });
      expect(result.status, JSON.stringify(result.body)).toBe(status);
      expect(result.body).toMatchObject({ error: { code } });
      expect([await workspaceFingerprint(ws.id), await workspaceFingerprint(other.id)]).toEqual(before);
    }
  });

  it("refuses a stale verdict (409) and a missing reason; a claim without duplicates has nothing to do; nothing changes", async () => {
    const token = await tokenFor(ws.users.editor);
    const before = await workspaceFingerprint(ws.id);
    const stale = await callApi("POST", path(), { token, body: { ...body(), decisionId: first } });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    const noReason = await callApi("POST", path(), { token, body: { decisionId: corrected, reason: "  " } });
    expect(noReason).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", fields: { reason: [expect.any(String)] } } } });
    const onDuplicate = await callApi("POST", `/claims/${dups.a.id}/reuse-decision/duplicates`, { token, body: { reason: "x" } });
    // A claim with no duplicates: nothing to do, and it says so.
    expect(onDuplicate).toMatchObject({ status: 200, body: { updated: [], skipped: [], message: expect.stringMatching(/^Nothing to update/) } });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("as an editor: reopens and republishes each published duplicate through the gate, skips the others and says why", async () => {
    const eBefore = { status: await statusOf(dups.e.id), decisions: await getDb().decision.count({ where: { claimId: dups.e.id } }), events: await getDb().event.count({ where: { claimId: dups.e.id } }) };
    const dBefore = await getDb().event.count({ where: { claimId: dups.d.id } });
    const result = await callApi("POST", path(), { token: await tokenFor(ws.users.editor), body: body() });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const answer = result.body as { updated: Array<{ claimId: string; decisionId: string }>; skipped: Array<{ claimId: string; reason: string }>; message: string };
    expect(answer.updated.map((u) => u.claimId).sort()).toEqual([dups.a.id, dups.b.id, dups.c.id].sort());
    expect(answer.skipped.find((s) => s.claimId === dups.d.id)?.reason).toMatch(/^it was reopened by admin .*, so it is left to whoever is correcting it/);
    expect(answer.skipped.find((s) => s.claimId === dups.e.id)?.reason).toMatch(/four eyes/i);
    expect(answer.message).toMatch(/^Updated 3 duplicates; 2 skipped: “/);
    expect(answer.message).toMatch(/“Judge Ed Grey said the jobless rate[^”]*…”: it was reopened by admin /);
    expect(answer.message).not.toMatch(/\.\.$/);

    for (const dup of [dups.a, dups.b, dups.c]) {
      expect(await statusOf(dup.id)).toBe("PUBLISHED");
      expect(await newestOf(dup.id)).toMatchObject({ reusedFromDecisionId: corrected, approvedById: ws.users.editor });
      const events = await getDb().event.findMany({ where: { claimId: dup.id, createdAt: { gte: new Date(Date.now() - 60_000) } }, orderBy: { id: "asc" }, select: { action: true, after: true, actorId: true, origin: true } });
      expect(events.slice(-3)).toMatchObject([
        { action: "claim.status_changed", after: { status: "REOPENED", statedReason: "The original was corrected." }, actorId: ws.users.editor, origin: "API" },
        { action: "decision.corrected", after: { rating: "false", reusedFromDecisionId: corrected, reusedFromClaimId: original.id } },
        { action: "claim.status_changed", after: { status: "PUBLISHED" } },
      ]);
    }
    expect(await getDb().event.count({ where: { claimId: original.id, action: "claim.verdict_reused", after: { path: ["bulk"], equals: true } } })).toBe(3);
    // e: refused by the gate, so its reopening rolled back with it; d: left to the admin.
    expect({ status: await statusOf(dups.e.id), decisions: await getDb().decision.count({ where: { claimId: dups.e.id } }), events: await getDb().event.count({ where: { claimId: dups.e.id } }) }).toEqual(eBefore);
    expect(await getDb().event.count({ where: { claimId: dups.d.id } })).toBe(dBefore);
    expect(await statusOf(dups.d.id)).toBe("REOPENED");
    // The queue's filter now holds the two left.
    expect((await listOutdatedReuses(ws.users.viewer)).map((i) => i.claimId).sort()).toEqual([dups.d.id, dups.e.id].sort());
  });

  it("two runs at once publish once on each duplicate", async () => {
    const newer = await correct(ws, "admin", original, "mostly-false");
    const before = await getDb().decision.count({ where: { workspaceId: ws.id } });
    const [one, two] = await Promise.all([
      callApi("POST", path(), { token: await tokenFor(ws.users.editor), body: { reason: "Corrected again.", decisionId: newer } }),
      callApi("POST", path(), { token: await tokenFor(ws.users.admin), body: { reason: "Corrected again.", decisionId: newer } }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const updated = [one, two].flatMap((r) => (r.body as { updated: Array<{ claimId: string }> }).updated.map((u) => u.claimId));
    // a, b, c once each; e now too when the admin (not its only reviewer) got to it first.
    expect(new Set(updated).size).toBe(updated.length);
    expect(updated).toEqual(expect.arrayContaining([dups.a.id, dups.b.id, dups.c.id]));
    expect(await getDb().decision.count({ where: { workspaceId: ws.id } })).toBe(before + updated.length);
    for (const dup of [dups.a, dups.b, dups.c]) {
      expect(await getDb().decision.count({ where: { claimId: dup.id, reusedFromDecisionId: newer } })).toBe(1);
      expect(await statusOf(dup.id)).toBe("PUBLISHED");
    }
    const skipped = [one, two].flatMap((r) => (r.body as { skipped: Array<{ claimId: string; reason: string }> }).skipped);
    const abc = [dups.a.id, dups.b.id, dups.c.id];
    for (const s of skipped.filter((s) => abc.includes(s.claimId))) expect(s.reason).toMatch(/already reuses this verdict|changed while this ran/);
  });
});
