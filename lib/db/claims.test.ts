import { beforeAll, describe, expect, it } from "vitest";
import { actingAs, createTestArticle, createWorkspacePair, SAMPLE_BODY, type TestWorkspace } from "@/lib/testing/factories";
import { mayAs } from "@/lib/testing/factories";
import { changeClaimStatusSchema, createClaimSchema } from "@/lib/validation/claim";
import { createSourceSchema } from "@/lib/validation/source";
import { changeClaimStatus, createManualClaim, listClaimsForArticle, lockClaim, setClaimStatus } from "./claims";
import { getDb } from "./client";
import { createSource } from "./sources";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

const editor = () => actingAs(ws, "editor");

/** Everything a claim write could touch in a workspace, to prove a refused write changed nothing. */
async function snapshot(workspaceId: string) {
  const db = getDb();
  const [claims, events] = await Promise.all([
    db.claim.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true, status: true, version: true, start: true, end: true } }),
    db.event.count({ where: { workspaceId } }),
  ]);
  return { claims, events };
}

async function firstClaim(articleId: string) {
  const claim = await getDb().claim.findFirst({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, articleId: true, status: true, version: true } });
  if (!claim) throw new Error("expected a detected claim");
  return claim;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

describe("createManualClaim", () => {
  it("snaps a mid-word selection out to whole words and queues the claim", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const start = SAMPLE_BODY.indexOf("unemployment") + 3; // "mployment…"
    const end = SAMPLE_BODY.indexOf("percent") + 3; // "…per"
    const claim = await createManualClaim({ workspaceId: ws.id, userId: ws.users.reviewer, origin: "WEB" as const }, createClaimSchema.parse({ articleId: article.id, start, end }));

    expect(claim.quote).toBe("unemployment fell to 3.9 percent");
    const stored = await getDb().claim.findFirstOrThrow({ where: { id: claim.id } });
    expect(SAMPLE_BODY.slice(stored.start, stored.end)).toBe(stored.quote);
    expect(stored.quote).toBe(claim.quote);
    expect(isWordChar(SAMPLE_BODY[stored.start - 1])).toBe(false);
    expect(isWordChar(SAMPLE_BODY[stored.end])).toBe(false);
    expect(stored).toMatchObject({ workspaceId: ws.id, articleId: article.id, status: "QUEUED", origin: "MANUAL", createdById: ws.users.reviewer, statement: claim.quote, version: 1 });
    expect(stored.prefix).toBe(SAMPLE_BODY.slice(stored.start - stored.prefix.length, stored.start));

    const events = await getDb().event.findMany({ where: { entityId: claim.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ workspaceId: ws.id, actorId: ws.users.reviewer, action: "claim.created", claimId: claim.id, after: { quote: claim.quote, start: stored.start, end: stored.end } });
  });

  it("rejects a selection past the end of the body, writing nothing", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const before = await snapshot(ws.id);
    const input = createClaimSchema.parse({ articleId: article.id, start: 10, end: SAMPLE_BODY.length + 1 });
    await expect(createManualClaim(editor(), input)).rejects.toMatchObject({ name: "AppError", code: "INVALID_INPUT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("rejects a selection of only whitespace", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const newline = SAMPLE_BODY.indexOf("\n");
    const before = await snapshot(ws.id);
    const input = createClaimSchema.parse({ articleId: article.id, start: newline, end: newline + 1 });
    await expect(createManualClaim(editor(), input)).rejects.toMatchObject({ code: "INVALID_INPUT", message: "Select some words in the article first." });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("refuses the exact span of an existing manual claim, even when selected slightly differently", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const start = SAMPLE_BODY.indexOf("41 million");
    const end = start + "41 million people".length;
    await createManualClaim(editor(), createClaimSchema.parse({ articleId: article.id, start, end }));
    const before = await snapshot(ws.id);

    await expect(createManualClaim(editor(), createClaimSchema.parse({ articleId: article.id, start, end }))).rejects.toMatchObject({ code: "CONFLICT" });
    // One character in on each side snaps back to the same words.
    await expect(createManualClaim(editor(), createClaimSchema.parse({ articleId: article.id, start: start + 1, end: end - 1 }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("refuses re-selecting a detected sentence without its closing period", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const detected = await getDb().claim.findFirst({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { start: true, end: true, quote: true } });
    expect(detected?.quote.endsWith(".")).toBe(true);
    const before = await snapshot(ws.id);
    const input = createClaimSchema.parse({ articleId: article.id, start: detected?.start, end: detected?.end });
    await expect(createManualClaim(editor(), input)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("treats another workspace's article, or an unknown one, as not found", async () => {
    const theirs = await createTestArticle(other.id, other.users.editor);
    const [mineBefore, theirsBefore] = await Promise.all([snapshot(ws.id), snapshot(other.id)]);
    await expect(createManualClaim(editor(), createClaimSchema.parse({ articleId: theirs.id, start: 0, end: 10 }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createManualClaim(editor(), createClaimSchema.parse({ articleId: "no-such-article", start: 0, end: 10 }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(ws.id)).toEqual(mineBefore);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});

describe("changeClaimStatus", () => {
  it("moves a claim along the workflow, bumping its version and recording the change", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const claim = await firstClaim(article.id);
    const result = await changeClaimStatus(editor(), mayAs("EDITOR"), changeClaimStatusSchema.parse({ claimId: claim.id, status: "QUEUED", version: claim.version }));

    expect(result).toEqual({ articleId: article.id });
    expect(await getDb().claim.findFirstOrThrow({ where: { id: claim.id }, select: { status: true, version: true } })).toEqual({ status: "QUEUED", version: claim.version + 1 });
    const events = await getDb().event.findMany({ where: { claimId: claim.id, action: "claim.status_changed" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ workspaceId: ws.id, actorId: ws.users.editor, entityType: "claim", before: { status: "DETECTED" }, after: { status: "QUEUED", reason: "workflow" } });
  });

  it("refuses a move the workflow does not allow", async () => {
    const claim = await firstClaim((await createTestArticle(ws.id, ws.users.editor)).id);
    const before = await snapshot(ws.id);
    await expect(changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: claim.id, status: "PUBLISHED", version: claim.version })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "A claim is published by publishing its verdict.",
    });
    await expect(changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: claim.id, status: "IN_REVIEW", version: claim.version })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("refuses a stale version with CONFLICT", async () => {
    const claim = await firstClaim((await createTestArticle(ws.id, ws.users.editor)).id);
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: claim.id, status: "QUEUED", version: claim.version });
    const before = await snapshot(ws.id);
    await expect(changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: claim.id, status: "DISMISSED", version: claim.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("treats another workspace's claim, or an unknown one, as not found", async () => {
    const theirs = await firstClaim((await createTestArticle(other.id, other.users.editor)).id);
    const [mineBefore, theirsBefore] = await Promise.all([snapshot(ws.id), snapshot(other.id)]);
    await expect(changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: theirs.id, status: "QUEUED", version: theirs.version })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: "no-such-claim", status: "QUEUED", version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(ws.id)).toEqual(mineBefore);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});

describe("setClaimStatus and lockClaim", () => {
  it("rolls back the whole transaction when the expected version is stale", async () => {
    const claim = await firstClaim((await createTestArticle(ws.id, ws.users.editor)).id);
    const before = await snapshot(ws.id);
    await expect(
      getDb().$transaction(async (tx) => {
        const locked = await lockClaim(tx, ws.id, claim.id);
        await setClaimStatus(tx, editor(), locked, "QUEUED", "test", locked.version + 5);
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("bumps the version without an event when the status does not change", async () => {
    const claim = await firstClaim((await createTestArticle(ws.id, ws.users.editor)).id);
    const eventsBefore = await getDb().event.count({ where: { claimId: claim.id } });
    const next = await getDb().$transaction((tx) => setClaimStatus(tx, editor(), claim, claim.status, "no-op"));
    expect(next).toBe(claim.version + 1);
    expect((await getDb().claim.findFirstOrThrow({ where: { id: claim.id } })).version).toBe(claim.version + 1);
    expect(await getDb().event.count({ where: { claimId: claim.id } })).toBe(eventsBefore);
  });

  it("will not lock another workspace's claim", async () => {
    const theirs = await firstClaim((await createTestArticle(other.id, other.users.editor)).id);
    await expect(getDb().$transaction((tx) => lockClaim(tx, ws.id, theirs.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("listClaimsForArticle", () => {
  it("lists claims in reading order with source counts, and nothing for another workspace", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const claim = await firstClaim(article.id);
    await createSource(editor(), createSourceSchema.parse({ claimId: claim.id, url: "https://bls.gov/cps", title: "CPS", kind: "PRIMARY_DATA", stance: "SUPPORTS" }));

    const claims = await listClaimsForArticle(ws.id, article.id);
    expect(claims).toHaveLength(2);
    expect(claims.map((c) => c.start)).toEqual([...claims.map((c) => c.start)].sort((a, b) => a - b));
    expect(claims[0]).toMatchObject({ id: claim.id, sourceCount: 1, status: "RESEARCHING", publishedRating: null });
    expect(claims[1]).toMatchObject({ sourceCount: 0, status: "DETECTED" });
    for (const c of claims) expect(SAMPLE_BODY.slice(c.start, c.end)).toBe(c.quote);
    expect(await listClaimsForArticle(other.id, article.id)).toEqual([]);
    // The live stream's delta: only the claims asked for, in the same shape.
    expect(await listClaimsForArticle(ws.id, article.id, [claim.id])).toEqual([claims[0]]);
    expect(await listClaimsForArticle(ws.id, article.id, [])).toEqual([]);
    expect(claims[0]).toMatchObject({ rev: expect.any(Number), version: expect.any(Number), origin: "DETECTED" });
  });
});
