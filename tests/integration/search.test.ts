import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { markDuplicate, findSimilarClaims, getDuplicateLinks } from "@/lib/db/similar-claims";
import { searchWorkspace } from "@/lib/db/search";
import { createComment } from "@/lib/db/comments";
import { createSource } from "@/lib/db/sources";
import { publishDecision } from "@/lib/db/reviews";
import { MARK_START, MARK_STOP } from "@/lib/domain/search";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";

// Search (articles, claims, sources, comments) and claim matching with duplicate marks, against
// the real database: ranking, snippets, filters, bad input, and that one workspace never sees
// another's rows.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { markDuplicateAction } = await import("@/app/w/[workspace]/articles/[articleId]/duplicate-actions");

const BODY_A = [
  "Governor Ana Ruiz said unemployment in Ohio fell to 3.9 percent in 2023, the lowest in two decades.",
  "The state budget office reported that Ohio spent 41 billion dollars on roads last year.",
].join("\n");
const BODY_B = [
  "Senator Paul Grant claimed that unemployment in Ohio dropped to 3.9 percent in 2023.",
  "Officials said the murder rate in Dayton doubled since 2019.",
].join("\n");

let ws: TestWorkspace;
let other: TestWorkspace;
let articleA: string;
let articleB: string;
let claimA: { id: string; statement: string };
let claimB: { id: string; statement: string };
let murder: { id: string };

const claimsOf = (articleId: string) => getDb().claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, statement: true, version: true } });

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  articleA = (await createTestArticle(ws.id, ws.users.editor, BODY_A)).id;
  articleB = (await createTestArticle(ws.id, ws.users.editor, BODY_B)).id;
  const a = await claimsOf(articleA);
  const b = await claimsOf(articleB);
  claimA = a[0]!;
  claimB = b[0]!;
  murder = b[1]!;
  await getDb().claim.update({ where: { id: claimA.id }, data: { claimant: "Ana Ruiz" } });
  await createSource(actingAs(ws, "reviewer"), { claimId: claimA.id, url: "https://bls.example.org/ohio", title: "Local area unemployment statistics", kind: "PRIMARY_DATA", stance: "SUPPORTS" });
  await createComment(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: murder.id, body: "Ask the Dayton police for the homicide tables." });
  const version = await reviewedByReviewer(ws, claimA.id, "true");
  await publishDecision(actingAs(ws, "editor"), { claimId: claimA.id, version, rating: "true", summary: "The state figures agree." });
  // The other workspace holds the same words: none of it may ever appear in ws's results.
  await createTestArticle(other.id, other.users.editor, BODY_A);
});
beforeEach(() => {
  session.userId = null;
});

describe("search", () => {
  it("finds claims, articles, sources and comments, best first, with highlighted snippets", async () => {
    const results = await searchWorkspace(ws.id, { q: "unemployment ohio" });
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(["claim", "article"]));
    const claim = results.find((r) => r.id === claimA.id)!;
    expect(claim).toMatchObject({ kind: "claim", articleId: articleA, claimId: claimA.id, publishedRating: "true", status: "PUBLISHED" });
    expect(claim.snippet).toContain(`${MARK_START}unemployment${MARK_STOP}`);
    expect(claim.snippet).toContain(`${MARK_START}Ohio${MARK_STOP}`);
    const ranks = results.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
    // A claim (weight A) outranks the article body (weight D) holding the same words.
    expect(results[0]!.kind).toBe("claim");

    const source = await searchWorkspace(ws.id, { q: "statistics" });
    expect(source.map((r) => [r.kind, r.claimId])).toContainEqual(["source", claimA.id]);
    const comment = await searchWorkspace(ws.id, { q: "homicide tables" });
    expect(comment.map((r) => [r.kind, r.claimId])).toEqual([["comment", murder.id]]);
  });

  it("matches the last word as a prefix, and stems the others", async () => {
    expect((await searchWorkspace(ws.id, { q: "unemploy" })).some((r) => r.id === claimA.id)).toBe(true);
    expect((await searchWorkspace(ws.id, { q: "murder doubl" })).map((r) => r.id)).toContain(murder.id);
    // Only the last word is a prefix.
    expect(await searchWorkspace(ws.id, { q: "murd doubled", type: "claim" })).toEqual([]);
  });

  it("filters by kind, status, rating, claimant, assignee and date", async () => {
    const only = (rows: Awaited<ReturnType<typeof searchWorkspace>>) => rows.map((r) => `${r.kind}:${r.id}`);
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", type: "article" })).every((k) => k.startsWith("article:"))).toBe(true);
    // Claim filters apply to sources and comments through their claim; articles drop out.
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", status: "PUBLISHED" })).sort()).toEqual([`claim:${claimA.id}`, `source:${(await getDb().source.findFirstOrThrow({ where: { claimId: claimA.id } })).id}`].sort());
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", status: "QUEUED" }))).toEqual([]);
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", type: "claim", rating: "true" }))).toEqual([`claim:${claimA.id}`]);
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", type: "claim", rating: "false" }))).toEqual([]);
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", type: "claim", claimant: "ruiz" }))).toEqual([`claim:${claimA.id}`]);
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", type: "claim", claimant: "%" }))).toEqual([]);
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", type: "claim", assignee: ws.users.reviewer }))).toEqual([]);
    await getDb().claimAssignee.create({ data: { claimId: claimB.id, userId: ws.users.reviewer } });
    expect(only(await searchWorkspace(ws.id, { q: "unemployment", type: "claim", assignee: ws.users.reviewer }))).toEqual([`claim:${claimB.id}`]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await searchWorkspace(ws.id, { q: "unemployment", from: tomorrow })).toEqual([]);
    expect((await searchWorkspace(ws.id, { q: "unemployment", to: new Date(new Date().toISOString().slice(0, 10)) })).length).toBeGreaterThan(0);
    // Filters alone list the claims that pass them.
    expect(only(await searchWorkspace(ws.id, { q: "", status: "PUBLISHED" }))).toEqual([`claim:${claimA.id}`]);
  });

  it("never shows another workspace's rows", async () => {
    for (const q of ["unemployment", "ohio roads", "governor", ""]) {
      const results = await searchWorkspace(other.id, { q, status: q ? undefined : "DETECTED" });
      const ids = new Set(results.flatMap((r) => [r.id, r.articleId, r.claimId]));
      for (const mine of [articleA, articleB, claimA.id, claimB.id, murder.id]) expect(ids.has(mine)).toBe(false);
    }
  });

  it("answers any text without erroring: empty, symbols, tsquery syntax, NUL, very long", async () => {
    const nasty = ["", "   ", "&", "|", "!", ":*", "()", "'", "\\", "a & | ! : * ( ) ' \\ b", "'); DROP TABLE \"Claim\"; --", "unemployment:* & !ohio", "the", "x".repeat(10_000), "ünemployment «ohio»", "🙂 ohio"];
    for (const q of nasty) await expect(searchWorkspace(ws.id, { q })).resolves.toBeInstanceOf(Array);
    expect((await searchWorkspace(ws.id, { q: "unemployment:* & !ohio" })).some((r) => r.id === claimA.id)).toBe(true);
  });
});

describe("search through the API", () => {
  it("answers members with results and paths at the claim; others and bad input as documented", async () => {
    const token = await tokenFor(ws.users.viewer, "READ");
    const ok = await callApi("GET", `/search?workspace=${ws.slug}&q=${encodeURIComponent("unemployment ohio")}&status=PUBLISHED`, { token });
    expect(ok.status).toBe(200);
    const items = (ok.body as { items: Array<{ id: string; path: string; highlights: Array<{ marked: boolean }> }> }).items;
    expect(items.map((i) => i.id)).toEqual([claimA.id]);
    expect(items[0]!.path).toBe(`/w/${ws.slug}/articles/${articleA}?claim=${claimA.id}#claim-panel`);
    expect(items[0]!.highlights.some((h) => h.marked)).toBe(true);

    for (const q of ["\u0000", "a & | ! : * ( ) ' \\", "x".repeat(5000), ""]) {
      const res = await callApi("GET", `/search?workspace=${ws.slug}&q=${encodeURIComponent(q)}`, { token });
      expect(res.status).toBe(200);
    }
    const outsider = await tokenFor(other.users.admin, "WRITE");
    expect((await callApi("GET", `/search?workspace=${ws.slug}&q=unemployment`, { token: outsider })).status).toBe(404);
    expect((await callApi("GET", `/search?workspace=${ws.slug}&q=unemployment`)).status).toBe(401);
    expect((await callApi("GET", `/search?workspace=${ws.slug}&q=unemployment&status=NOPE`, { token })).status).toBe(400);
  });
});

describe("claim matching and duplicates", () => {
  it("finds the same claim made in another article, with its published rating", async () => {
    const similar = await findSimilarClaims(ws.id, claimB.statement, { excludeId: claimB.id });
    expect(similar[0]).toMatchObject({ id: claimA.id, publishedRating: "true" });
    expect(similar.map((s) => s.id)).not.toContain(claimB.id);
    expect(similar.map((s) => s.id)).not.toContain(murder.id);
    const elsewhere = await findSimilarClaims(other.id, claimB.statement);
    expect(elsewhere.map((s) => s.id)).not.toContain(claimA.id);
    for (const text of ["", "&", "\u0000\u0000", "'", "the of and"]) await expect(findSimilarClaims(ws.id, text)).resolves.toBeInstanceOf(Array);
  });

  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    return data;
  };
  const act = async (userId: string | null, values: Record<string, string>, slug = ws.slug): Promise<ActionResult> => {
    session.userId = userId;
    return markDuplicateAction(slug, null, form(values));
  };
  const versionOf = async (id: string) => String((await getDb().claim.findUniqueOrThrow({ where: { id } })).version);

  it("refuses the signed out, viewers, reviewers and other workspaces, changing nothing", async () => {
    const input = { claimId: claimB.id, duplicateOfId: claimA.id, version: await versionOf(claimB.id) };
    const before = [await workspaceFingerprint(ws.id), await workspaceFingerprint(other.id)];
    expect(await act(null, input)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await act(ws.users.viewer, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await act(ws.users.reviewer, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await act(other.users.admin, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await act(other.users.admin, input, other.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect([await workspaceFingerprint(ws.id), await workspaceFingerprint(other.id)]).toEqual(before);
  });

  it("marks, links both ways with an audit event, refuses chains, cycles and itself, and clears", async () => {
    const marked = await act(ws.users.editor, { claimId: claimB.id, duplicateOfId: claimA.id, version: await versionOf(claimB.id) });
    expect(marked).toMatchObject({ ok: true });
    const links = await getDuplicateLinks(ws.id, claimB.id);
    expect(links.original).toMatchObject({ id: claimA.id, publishedRating: "true" });
    expect((await getDuplicateLinks(ws.id, claimA.id)).duplicates.map((d) => d.id)).toEqual([claimB.id]);
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id, claimId: claimB.id, action: "claim.duplicate_marked" } });
    expect(event).toMatchObject({ actorId: ws.users.editor, after: { duplicateOfId: claimA.id } });

    const before = await workspaceFingerprint(ws.id);
    // A -> B would close a cycle: A is an original (B repeats it).
    expect(await act(ws.users.editor, { claimId: claimA.id, duplicateOfId: claimB.id, version: await versionOf(claimA.id) })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    // murder -> B: B is itself a duplicate; point at the original instead.
    expect(await act(ws.users.editor, { claimId: murder.id, duplicateOfId: claimB.id, version: await versionOf(murder.id) })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await act(ws.users.editor, { claimId: murder.id, duplicateOfId: murder.id, version: await versionOf(murder.id) })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await act(ws.users.editor, { claimId: murder.id, duplicateOfId: claimA.id, version: "999" })).toMatchObject({ ok: false, code: "CONFLICT" });
    // An original in another workspace is not found, and the database would refuse it anyway.
    const foreign = (await getDb().claim.findFirstOrThrow({ where: { workspaceId: other.id }, select: { id: true } })).id;
    expect(await act(ws.users.editor, { claimId: murder.id, duplicateOfId: foreign, version: await versionOf(murder.id) })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
    await expect(getDb().$executeRaw`UPDATE "Claim" SET "duplicateOfId" = ${foreign} WHERE "id" = ${murder.id}`).rejects.toThrow();
    await expect(getDb().$executeRaw`UPDATE "Claim" SET "duplicateOfId" = "id" WHERE "id" = ${murder.id}`).rejects.toThrow();

    expect(await act(ws.users.admin, { claimId: claimB.id, duplicateOfId: "", version: await versionOf(claimB.id) })).toMatchObject({ ok: true });
    expect((await getDuplicateLinks(ws.id, claimB.id)).original).toBeNull();
    expect(await getDb().event.count({ where: { claimId: claimB.id, action: "claim.duplicate_cleared" } })).toBe(1);
  });

  it("opposite marks made at once: one wins, never a cycle", async () => {
    const [x, y] = [await versionOf(claimB.id), await versionOf(murder.id)];
    const results = await Promise.allSettled([
      markDuplicate(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: claimB.id, duplicateOfId: murder.id, version: Number(x) }),
      markDuplicate(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: murder.id, duplicateOfId: claimB.id, version: Number(y) }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await getDb().claim.findMany({ where: { id: { in: [claimB.id, murder.id] } }, select: { duplicateOfId: true } });
    expect(rows.filter((r) => r.duplicateOfId !== null)).toHaveLength(1);
  });

  it("deleting the original clears the mark, never the duplicate", async () => {
    const dup = (await getDb().claim.findFirstOrThrow({ where: { id: { in: [claimB.id, murder.id] }, duplicateOfId: { not: null } } }));
    await getDb().claim.delete({ where: { id: dup.duplicateOfId! } });
    expect(await getDb().claim.findUniqueOrThrow({ where: { id: dup.id } })).toMatchObject({ duplicateOfId: null, workspaceId: ws.id });
  });
});
