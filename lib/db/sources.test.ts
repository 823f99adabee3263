import { beforeAll, describe, expect, it } from "vitest";
import { actingAs, createTestArticle, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { dismissal, mayAs } from "@/lib/testing/factories";
import { createSourceSchema, updateSourceSchema } from "@/lib/validation/source";
import { changeClaimStatus } from "./claims";
import { getDb } from "./client";
import { createSource, deleteSource, getSourceOwner, updateSource } from "./sources";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

const reviewer = () => actingAs(ws, "reviewer");

const sourceInput = (claimId: string, overrides: Record<string, string> = {}) =>
  createSourceSchema.parse({
    claimId,
    url: "https://www.bls.gov/cps/",
    title: "Current Population Survey",
    publisher: "Bureau of Labor Statistics",
    kind: "PRIMARY_DATA",
    stance: "SUPPORTS",
    quotation: "The unemployment rate was 3.9 percent.",
    publishedAt: "2024-01-05",
    accessedAt: "2024-02-01",
    ...overrides,
  });

/** A fresh detected claim in the workspace. */
async function newClaim(workspace: TestWorkspace) {
  const article = await createTestArticle(workspace.id, workspace.users.editor);
  const claim = await getDb().claim.findFirst({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { id: true, status: true, version: true } });
  if (!claim) throw new Error("expected a detected claim");
  return { ...claim, articleId: article.id };
}

async function snapshot(workspaceId: string) {
  const db = getDb();
  const [claims, sources, events] = await Promise.all([
    db.claim.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true, status: true, version: true } }),
    db.source.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true, title: true, url: true, stance: true, version: true } }),
    db.event.count({ where: { workspaceId } }),
  ]);
  return { claims, sources, events };
}

describe("createSource", () => {
  it("stores the source on the claim and records source.added", async () => {
    const claim = await newClaim(ws);
    const result = await createSource(reviewer(), sourceInput(claim.id));

    expect(result.articleId).toBe(claim.articleId);
    const stored = await getDb().source.findFirstOrThrow({ where: { id: result.id } });
    expect(stored).toMatchObject({
      workspaceId: ws.id,
      claimId: claim.id,
      url: "https://www.bls.gov/cps/",
      title: "Current Population Survey",
      publisher: "Bureau of Labor Statistics",
      kind: "PRIMARY_DATA",
      stance: "SUPPORTS",
      quotation: "The unemployment rate was 3.9 percent.",
      addedById: ws.users.reviewer,
      version: 1,
    });
    expect(stored.publishedAt?.toISOString()).toBe("2024-01-05T00:00:00.000Z");
    expect(stored.accessedAt?.toISOString()).toBe("2024-02-01T00:00:00.000Z");

    const events = await getDb().event.findMany({ where: { entityId: result.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ workspaceId: ws.id, actorId: ws.users.reviewer, action: "source.added", claimId: claim.id, after: { url: stored.url, title: stored.title, kind: "PRIMARY_DATA", stance: "SUPPORTS" } });
  });

  it("moves a detected claim into research on its first source only", async () => {
    const claim = await newClaim(ws);
    await createSource(reviewer(), sourceInput(claim.id));
    expect(await getDb().claim.findFirstOrThrow({ where: { id: claim.id }, select: { status: true, version: true } })).toEqual({ status: "RESEARCHING", version: claim.version + 1 });
    const statusEvents = () => getDb().event.findMany({ where: { claimId: claim.id, action: "claim.status_changed" } });
    expect(await statusEvents()).toMatchObject([{ workspaceId: ws.id, before: { status: "DETECTED" }, after: { status: "RESEARCHING", reason: "source added" } }]);

    await createSource(reviewer(), sourceInput(claim.id, { title: "Second source" }));
    expect(await getDb().claim.findFirstOrThrow({ where: { id: claim.id }, select: { status: true, version: true } })).toEqual({ status: "RESEARCHING", version: claim.version + 1 });
    expect(await statusEvents()).toHaveLength(1);
  });

  it("does not revive a dismissed claim", async () => {
    const claim = await newClaim(ws);
    await changeClaimStatus({ workspaceId: ws.id, userId: ws.users.editor, origin: "WEB" as const }, mayAs("EDITOR"), dismissal(claim));
    await createSource(reviewer(), sourceInput(claim.id));
    expect((await getDb().claim.findFirstOrThrow({ where: { id: claim.id } })).status).toBe("DISMISSED");
  });

  it("treats another workspace's claim, or an unknown one, as not found", async () => {
    const theirs = await newClaim(other);
    const [mineBefore, theirsBefore] = await Promise.all([snapshot(ws.id), snapshot(other.id)]);
    await expect(createSource(reviewer(), sourceInput(theirs.id))).rejects.toMatchObject({ name: "AppError", code: "NOT_FOUND" });
    await expect(createSource(reviewer(), sourceInput("no-such-claim"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(ws.id)).toEqual(mineBefore);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});

describe("updateSource", () => {
  it("replaces the fields, bumps the version and records before and after", async () => {
    const claim = await newClaim(ws);
    const { id } = await createSource(reviewer(), sourceInput(claim.id));
    const input = updateSourceSchema.parse({ sourceId: id, version: 1, url: "https://www.census.gov/poverty", title: "Poverty report", kind: "OFFICIAL_RECORD", stance: "REFUTES", publisher: "", quotation: "" });
    const result = await updateSource(reviewer(), input);

    expect(result).toEqual({ id, articleId: claim.articleId, version: 2 });
    const stored = await getDb().source.findFirstOrThrow({ where: { id } });
    expect(stored).toMatchObject({ url: "https://www.census.gov/poverty", title: "Poverty report", kind: "OFFICIAL_RECORD", stance: "REFUTES", publisher: null, quotation: null, publishedAt: null, version: 2 });
    const event = await getDb().event.findFirstOrThrow({ where: { entityId: id, action: "source.updated" } });
    expect(event).toMatchObject({
      workspaceId: ws.id,
      claimId: claim.id,
      before: { url: "https://www.bls.gov/cps/", title: "Current Population Survey", kind: "PRIMARY_DATA", stance: "SUPPORTS" },
      after: { url: "https://www.census.gov/poverty", title: "Poverty report", kind: "OFFICIAL_RECORD", stance: "REFUTES" },
    });
  });

  it("refuses a stale version with CONFLICT and keeps the newer edit", async () => {
    const claim = await newClaim(ws);
    const { id } = await createSource(reviewer(), sourceInput(claim.id));
    const base = { sourceId: id, url: "https://example.org/a", kind: "OTHER", stance: "CONTEXT" };
    await updateSource(reviewer(), updateSourceSchema.parse({ ...base, version: 1, title: "First edit" }));
    const before = await snapshot(ws.id);
    await expect(updateSource(reviewer(), updateSourceSchema.parse({ ...base, version: 1, title: "Second edit" }))).rejects.toMatchObject({
      code: "CONFLICT",
      current: { version: 2, fields: { url: "https://example.org/a", title: "First edit", kind: "OTHER", stance: "CONTEXT", publisher: "", quotation: "", publishedAt: "", accessedAt: "" } },
    });
    expect(await snapshot(ws.id)).toEqual(before);
    expect((await getDb().source.findFirstOrThrow({ where: { id } })).title).toBe("First edit");
  });

  it("treats another workspace's source, or an unknown one, as not found", async () => {
    const theirClaim = await newClaim(other);
    const theirs = await createSource({ workspaceId: other.id, userId: other.users.reviewer, origin: "WEB" as const }, sourceInput(theirClaim.id));
    const [mineBefore, theirsBefore] = await Promise.all([snapshot(ws.id), snapshot(other.id)]);
    const edit = { version: 1, url: "https://evil.example", title: "Hijacked", kind: "OTHER", stance: "CONTEXT" };
    await expect(updateSource(reviewer(), updateSourceSchema.parse({ ...edit, sourceId: theirs.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateSource(reviewer(), updateSourceSchema.parse({ ...edit, sourceId: "no-such-source" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(ws.id)).toEqual(mineBefore);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});

describe("deleteSource", () => {
  it("removes the source and records source.removed", async () => {
    const claim = await newClaim(ws);
    const { id } = await createSource(reviewer(), sourceInput(claim.id));
    expect(await deleteSource(reviewer(), id)).toEqual({ articleId: claim.articleId });
    expect(await getDb().source.count({ where: { id } })).toBe(0);
    const event = await getDb().event.findFirstOrThrow({ where: { entityId: id, action: "source.removed" } });
    expect(event).toMatchObject({ workspaceId: ws.id, actorId: ws.users.reviewer, claimId: claim.id, before: { title: "Current Population Survey" } });
  });

  it("treats another workspace's source, or an unknown one, as not found", async () => {
    const theirClaim = await newClaim(other);
    const theirs = await createSource({ workspaceId: other.id, userId: other.users.reviewer, origin: "WEB" as const }, sourceInput(theirClaim.id));
    const [mineBefore, theirsBefore] = await Promise.all([snapshot(ws.id), snapshot(other.id)]);
    await expect(deleteSource(reviewer(), theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteSource(reviewer(), "no-such-source")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(ws.id)).toEqual(mineBefore);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});

describe("getSourceOwner", () => {
  it("names who added the source, and returns null outside its workspace", async () => {
    const claim = await newClaim(ws);
    const { id } = await createSource(reviewer(), sourceInput(claim.id));
    expect(await getSourceOwner(ws.id, id)).toEqual({ id, addedById: ws.users.reviewer, claimId: claim.id });
    expect(await getSourceOwner(other.id, id)).toBeNull();
    expect(await getSourceOwner(ws.id, "no-such-source")).toBeNull();
  });
});

describe("database guarantees", () => {
  it("refuses, at the database itself, a source whose claim is in another workspace", async () => {
    const article = await createTestArticle(other.id, other.users.editor);
    const foreignClaim = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, select: { id: true } });
    await expect(
      getDb().source.create({ data: { workspaceId: ws.id, claimId: foreignClaim.id, url: "https://example.org/", title: "Cross-desk" } }),
    ).rejects.toThrow(/Source_claimId_workspaceId_fkey/);
    expect(await getDb().source.count({ where: { claimId: foreignClaim.id } })).toBe(0);
  });
});
