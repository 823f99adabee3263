import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeClaimStatus } from "@/lib/db/claims";
import { getDb } from "@/lib/db/client";
import { getArticleReport } from "@/lib/db/reports";
import { publishDecision, reuseOriginalDecision } from "@/lib/db/reviews";
import { getDuplicateLinks, markDuplicate } from "@/lib/db/similar-claims";
import type { LiveChange } from "@/lib/realtime/change";
import { getHub, resolveCursor, type Subscriber } from "@/lib/realtime/hub";
import { reportDocument } from "@/lib/reports/document";
import { renderMarkdown } from "@/lib/reports/markdown";
import { renderCsv } from "@/lib/reports/csv";
import { callApi, tokenFor } from "@/lib/testing/api";
import { actingAs, createTestArticle, createTestWorkspace, mayAs, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";

// Following a reused verdict: when the original is reopened or corrected, its duplicates that
// reused the old verdict show it is out of date (panel data, API, report) without anything being
// re-published on them; and open pages of both articles hear of a reuse and of the change.

const SENTENCE = (who: string) => `${who} said the jobless rate in Maine fell to 2.9 percent in 2024, a record low.`;

let ws: TestWorkspace;
let original: { id: string; articleId: string };
let firstDecision: string;
const editor = () => actingAs(ws, "editor");
const versionOf = async (id: string) => (await getDb().claim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const revOf = async (id: string) => (await getDb().claim.findUniqueOrThrow({ where: { id }, select: { rev: true } })).rev;

async function duplicate(who: string) {
  const { id: articleId } = await createTestArticle(ws.id, ws.users.editor, SENTENCE(who));
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, version: true } });
  await markDuplicate(editor(), mayAs("EDITOR"), { claimId: claim.id, duplicateOfId: original.id, version: claim.version });
  await reviewedByReviewer(ws, claim.id, "true");
  return { id: claim.id, articleId };
}

type Stream = Subscriber & { changes: LiveChange[] };
function fakeStream(userId: string, cursor: bigint): Stream {
  const changes: LiveChange[] = [];
  return {
    changes,
    viewer: { userId, workspaceId: ws.id },
    tabId: `test-${Math.random().toString(36).slice(2, 12)}`,
    cursor,
    send(frame: string) {
      const match = /^id: \d+\nevent: change\ndata: (.*)\n\n$/s.exec(frame);
      if (match?.[1]) changes.push(JSON.parse(match[1]) as LiveChange);
    },
    close() {},
  };
}
async function until(condition: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const stops: Array<() => void> = [];
async function watch(articleId: string) {
  const stream = fakeStream(ws.users.viewer, (await resolveCursor(ws.id, articleId, null)).cursor);
  stops.push(getHub().subscribe(articleId, stream));
  return stream;
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  const { id: articleId } = await createTestArticle(ws.id, ws.users.editor, SENTENCE("Governor Lena Marsh"));
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId }, select: { id: true } });
  original = { id: claim.id, articleId };
  const version = await reviewedByReviewer(ws, claim.id, "true");
  firstDecision = (await publishDecision(editor(), { claimId: claim.id, version, rating: "true", summary: "State labor data agree." })).id;
});
afterAll(() => stops.forEach((stop) => stop()));

describe("following the original's verdict", () => {
  let a: { id: string; articleId: string };
  let b: { id: string; articleId: string };

  it("a reuse tells the original's open pages, and both sides read as current", async () => {
    a = await duplicate("Senator Rob Tate");
    b = await duplicate("Mayor June Oakes");
    const originalPage = await watch(original.articleId);
    await reuseOriginalDecision(editor(), { claimId: a.id, version: await versionOf(a.id), decisionId: firstDecision });
    await reuseOriginalDecision(editor(), { claimId: b.id, version: await versionOf(b.id), decisionId: firstDecision });

    await until(() => originalPage.changes.filter((c) => c.kind === "claim.verdict_reused").length === 2, "two reuse notices on the original's article");
    expect(originalPage.changes.find((c) => c.kind === "claim.verdict_reused")).toMatchObject({ claimId: original.id, actor: { id: ws.users.editor }, after: { duplicateClaimId: a.id, reusedFromDecisionId: firstDecision } });

    expect((await getDuplicateLinks(ws.id, a.id)).reusedFrom).toMatchObject({ decisionId: firstDecision, current: true });
    expect((await getDuplicateLinks(ws.id, original.id)).duplicates.map((d) => [d.id, d.reusesVerdict, d.reusedVerdictOutdated])).toEqual([
      [a.id, true, false],
      [b.id, true, false],
    ]);
  });

  it("reopening the original marks the reused verdicts out of date, tells the duplicates' pages, and publishes nothing on them", async () => {
    const pageA = await watch(a.articleId);
    const pageB = await watch(b.articleId);
    const [revA, decisionsA] = [await revOf(a.id), await getDb().decision.count({ where: { claimId: a.id } })];
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: original.id, status: "REOPENED", version: await versionOf(original.id), reason: "The state revised the series." });

    for (const [page, dup] of [[pageA, a], [pageB, b]] as const) {
      await until(() => page.changes.some((c) => c.kind === "claim.original_verdict_changed"), "the notice on the duplicate's article");
      expect(page.changes.find((c) => c.kind === "claim.original_verdict_changed")).toMatchObject({ claimId: dup.id, after: { change: "reopened", originalClaimId: original.id } });
    }
    // The duplicate's verdict, status and row are as they were: nothing re-published.
    expect(await getDb().decision.count({ where: { claimId: a.id } })).toBe(decisionsA);
    expect(await getDb().claim.findUniqueOrThrow({ where: { id: a.id }, select: { status: true } })).toEqual({ status: "PUBLISHED" });
    expect(await revOf(a.id)).toBe(revA);

    expect((await getDuplicateLinks(ws.id, a.id)).reusedFrom).toMatchObject({ current: false, reopened: true, latest: null });
    expect((await getDuplicateLinks(ws.id, original.id)).duplicates.map((d) => d.reusedVerdictOutdated)).toEqual([true, true]);

    const token = await tokenFor(ws.users.viewer);
    const claim = await callApi("GET", `/claims/${a.id}`, { token });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ decisions: [{ reusedFromDecisionId: firstDecision, reusedVerdictOutdated: true }] });
    expect((await callApi("GET", `/claims/${a.id}/similar`, { token })).body).toMatchObject({ reusedFrom: { current: false, reopened: true } });
    expect((await callApi("GET", `/claims/${original.id}/similar`, { token })).body).toMatchObject({ duplicates: [{ id: a.id, reusedVerdictOutdated: true }, { id: b.id, reusedVerdictOutdated: true }] });
    // The original's own decision was not reused from anything.
    expect((await callApi("GET", `/decisions/${firstDecision}`, { token })).body).toMatchObject({ reusedFromDecisionId: null, reusedVerdictOutdated: null });

    const desk = reportDocument((await getArticleReport(ws.id, a.articleId))!, "desk");
    expect(desk.claims[0]!.verdict?.reusedFrom).toMatchObject({ claimId: original.id, current: false, originalChange: { kind: "reopened", rating: null } });
    expect(renderMarkdown(desk)).toMatch(/The original was reopened since its verdict was reused here/);
  });

  it("correcting the original names the new verdict; reusing it on a reopened duplicate is a correction that makes it current again", async () => {
    const pageA = await watch(a.articleId);
    const corrected = (await publishDecision(editor(), { claimId: original.id, version: await versionOf(original.id), rating: "mostly-true", summary: "Revised: 3.1 percent." })).id;
    await until(() => pageA.changes.some((c) => c.kind === "claim.original_verdict_changed"), "the correction notice");
    expect(pageA.changes.find((c) => c.kind === "claim.original_verdict_changed")).toMatchObject({ claimId: a.id, after: { change: "corrected", decisionId: corrected, rating: "mostly-true" } });

    expect((await getDuplicateLinks(ws.id, a.id)).reusedFrom).toMatchObject({ current: false, reopened: false, latest: { id: corrected, rating: "mostly-true" } });
    const token = await tokenFor(ws.users.viewer);
    const decisions = await callApi("GET", `/claims/${a.id}/decisions`, { token });
    expect(decisions.body).toMatchObject({ items: [{ reusedFromDecisionId: firstDecision, reusedVerdictOutdated: true }] });
    expect((await callApi("GET", `/claims/${a.id}/similar`, { token })).body).toMatchObject({ reusedFrom: { current: false, latest: { id: corrected, rating: "mostly-true" } } });

    const desk = reportDocument((await getArticleReport(ws.id, a.articleId))!, "desk");
    expect(desk.claims[0]!.verdict?.reusedFrom).toMatchObject({ current: false, originalChange: { kind: "corrected", rating: "mostly-true", label: "Mostly true" } });
    expect(renderMarkdown(desk)).toMatch(/The original's verdict changed since it was reused here: Mostly true, \d{4}-\d\d-\d\d/);
    expect(renderCsv(desk)).toMatch(/verdict_reused_outdated/);
    // The reader's report carries none of it.
    expect(JSON.stringify(reportDocument((await getArticleReport(ws.id, a.articleId))!, "reader"))).not.toMatch(/reusedFrom|originalChange/);

    // Following it is a correction, through the same rules: the duplicate must be reopened first.
    await expect(reuseOriginalDecision(editor(), { claimId: a.id, version: await versionOf(a.id), decisionId: corrected, replace: true })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: a.id, status: "REOPENED", version: await versionOf(a.id), reason: "The original was corrected." });
    const originalPage = await watch(original.articleId);
    await reuseOriginalDecision(editor(), { claimId: a.id, version: await versionOf(a.id), decisionId: corrected, replace: true });
    await until(() => originalPage.changes.some((c) => c.kind === "claim.verdict_reused"), "the reuse notice");
    expect(await getDb().event.count({ where: { claimId: a.id, action: "decision.corrected" } })).toBe(1);
    expect((await getDuplicateLinks(ws.id, a.id)).reusedFrom).toMatchObject({ decisionId: corrected, current: true });
    expect((await getDuplicateLinks(ws.id, original.id)).duplicates.map((d) => [d.id, d.reusedVerdictOutdated])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);
    expect((await callApi("GET", `/claims/${a.id}`, { token })).body).toMatchObject({ decisions: [{ reusedFromDecisionId: corrected, reusedVerdictOutdated: false }, { reusedVerdictOutdated: true }] });
  });

  it("only claims whose newest decision copies the original hear of a change", async () => {
    // b publishes a verdict of its own after reopening: it no longer follows the original.
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: b.id, status: "REOPENED", version: await versionOf(b.id), reason: "Our own check." });
    await publishDecision(editor(), { claimId: b.id, version: await versionOf(b.id), rating: "false", summary: "Ours." });
    const before = await getDb().event.count({ where: { claimId: b.id } });
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: original.id, status: "REOPENED", version: await versionOf(original.id), reason: "Again." });
    expect(await getDb().event.count({ where: { claimId: b.id } })).toBe(before);
    expect(await getDb().event.count({ where: { claimId: a.id, action: "claim.original_verdict_changed", after: { path: ["change"], equals: "reopened" } } })).toBe(2);
  });
});
