import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { actingAs, createTestArticle, createTestWorkspace, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { dismissal, mayAs, reviewedByReviewer } from "@/lib/testing/factories";
import { publishDecisionSchema, saveReviewSchema } from "@/lib/validation/review";
import { createSourceSchema } from "@/lib/validation/source";
import { changeClaimStatus } from "./claims";
import { getDb } from "./client";
import { publishDecision, saveReview } from "./reviews";
import { createSource } from "./sources";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

const reviewer = () => actingAs(ws, "reviewer");
const editor = () => actingAs(ws, "editor");
const scale = DEFAULT_RATING_SCALE;

async function newClaim(workspace: TestWorkspace) {
  const article = await createTestArticle(workspace.id, workspace.users.editor);
  const claim = await getDb().claim.findFirst({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { id: true, version: true } });
  if (!claim) throw new Error("expected a detected claim");
  return claim;
}

const claimState = (id: string) => getDb().claim.findFirstOrThrow({ where: { id }, select: { status: true, version: true } });
const review = (claimId: string, rating = "mostly-true", confidence = "2", version?: number) =>
  saveReviewSchema.parse({ claimId, rating, rationale: "BLS data shows 3.7 to 3.9 percent.", confidence, version: version === undefined ? "" : String(version) });
const decision = (claimId: string, version: number, rating = "mostly-true", summary = "Close to the official figure.") =>
  publishDecisionSchema.parse({ claimId, version, rating, summary });

async function snapshot(workspaceId: string) {
  const db = getDb();
  const where = { workspaceId };
  const [claims, reviews, decisions, events] = await Promise.all([
    db.claim.findMany({ where, orderBy: { id: "asc" }, select: { id: true, status: true, version: true } }),
    db.review.findMany({ where, orderBy: { id: "asc" }, select: { id: true, rating: true, version: true } }),
    db.decision.count({ where }),
    db.event.count({ where }),
  ]);
  return { claims, reviews, decisions, events };
}

describe("saveReview", () => {
  it("stores the reviewer's verdict, records review.submitted and moves the claim into review", async () => {
    const claim = await newClaim(ws);
    const { id } = await saveReview(reviewer(), scale, review(claim.id));

    expect(await getDb().review.findFirstOrThrow({ where: { id } })).toMatchObject({ workspaceId: ws.id, claimId: claim.id, reviewerId: ws.users.reviewer, rating: "mostly-true", confidence: 2, version: 1 });
    expect(await getDb().event.findFirstOrThrow({ where: { entityId: id } })).toMatchObject({ workspaceId: ws.id, action: "review.submitted", claimId: claim.id, before: null, after: { rating: "mostly-true", confidence: 2 } });
    expect(await claimState(claim.id)).toEqual({ status: "IN_REVIEW", version: claim.version + 1 });
  });

  it("replaces the same reviewer's review instead of adding a second one", async () => {
    const claim = await newClaim(ws);
    const first = await saveReview(reviewer(), scale, review(claim.id));
    const second = await saveReview(reviewer(), scale, review(claim.id, "false", "3", first.version));

    expect(second.id).toBe(first.id);
    const rows = await getDb().review.findMany({ where: { claimId: claim.id } });
    expect(rows).toMatchObject([{ rating: "false", confidence: 3, version: 2 }]);
    const updated = await getDb().event.findFirstOrThrow({ where: { entityId: first.id, action: "review.updated" } });
    expect(updated).toMatchObject({ before: { rating: "mostly-true", confidence: 2 }, after: { rating: "false", confidence: 3 } });
    // Already in review: the second save changes no status.
    expect(await getDb().event.count({ where: { claimId: claim.id, action: "claim.status_changed" } })).toBe(1);
  });

  it("refuses a save made from a stale copy of one's own review, with the current one to compare", async () => {
    const claim = await newClaim(ws);
    const first = await saveReview(reviewer(), scale, review(claim.id));
    await saveReview(reviewer(), scale, review(claim.id, "false", "3", first.version)); // another tab
    const before = await getDb().review.findMany({ where: { claimId: claim.id } });
    const events = await getDb().event.count({ where: { claimId: claim.id } });

    for (const stale of [review(claim.id, "true", "1", first.version), review(claim.id, "true", "1")]) {
      await expect(saveReview(reviewer(), scale, stale)).rejects.toMatchObject({
        code: "CONFLICT",
        current: { version: 2, fields: { rating: "false", confidence: "3", rationale: "BLS data shows 3.7 to 3.9 percent." } },
      });
    }
    expect(await getDb().review.findMany({ where: { claimId: claim.id } })).toEqual(before);
    expect(await getDb().event.count({ where: { claimId: claim.id } })).toBe(events);
  });

  it("keeps separate reviews for separate reviewers", async () => {
    const claim = await newClaim(ws);
    await saveReview(reviewer(), scale, review(claim.id));
    await saveReview(editor(), scale, review(claim.id, "true"));
    const rows = await getDb().review.findMany({ where: { claimId: claim.id }, orderBy: { rating: "asc" }, select: { reviewerId: true, rating: true } });
    expect(rows).toEqual([
      { reviewerId: ws.users.reviewer, rating: "mostly-true" },
      { reviewerId: ws.users.editor, rating: "true" },
    ]);
  });

  it("saves every review when several people submit on the same claim at the same moment", async () => {
    const admin = () => actingAs(ws, "admin");
    const article = await createTestArticle(ws.id, ws.users.editor);
    const claims = await getDb().claim.findMany({ where: { articleId: article.id }, select: { id: true, version: true } });
    const results = await Promise.allSettled(
      claims.flatMap((claim) => [reviewer(), editor(), admin()].map((who) => saveReview(who, scale, review(claim.id)))),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    for (const claim of claims) {
      expect(await getDb().review.count({ where: { claimId: claim.id } })).toBe(3);
      expect(await claimState(claim.id)).toEqual({ status: "IN_REVIEW", version: claim.version + 1 });
    }
  });

  it("keeps a reviewer's own rating after it is retired, but offers it to nobody new", async () => {
    const claim = await newClaim(ws);
    const retired = scale.map((r) => (r.key === "misleading" ? { ...r, retired: true } : r));
    const first = await saveReview(reviewer(), scale, review(claim.id, "misleading"));
    await saveReview(reviewer(), retired, review(claim.id, "misleading", "3", first.version));
    const before = await snapshot(ws.id);
    await expect(saveReview(actingAs(ws, "admin"), retired, review(claim.id, "misleading"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("rejects a rating that is not on the desk's scale", async () => {
    const claim = await newClaim(ws);
    const before = await snapshot(ws.id);
    await expect(saveReview(reviewer(), scale, review(claim.id, "pants-on-fire"))).rejects.toMatchObject({ name: "AppError", code: "INVALID_INPUT", fieldErrors: { rating: ["Choose a rating from the desk's scale."] } });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("does not revive a dismissed claim", async () => {
    const claim = await newClaim(ws);
    await changeClaimStatus(editor(), mayAs("EDITOR"), dismissal(claim));
    await saveReview(reviewer(), scale, review(claim.id));
    expect((await claimState(claim.id)).status).toBe("DISMISSED");
  });

  it("treats another workspace's claim, or an unknown one, as not found", async () => {
    const theirs = await newClaim(other);
    const [mineBefore, theirsBefore] = await Promise.all([snapshot(ws.id), snapshot(other.id)]);
    await expect(saveReview(reviewer(), scale, review(theirs.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveReview(reviewer(), scale, review("no-such-claim"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(ws.id)).toEqual(mineBefore);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});

describe("publishDecision", () => {
  it("publishes the verdict of an editor who did not review, records decision.published and marks the claim published", async () => {
    const claim = await newClaim(ws);
    const version = await reviewedByReviewer(ws, claim.id);
    const { id } = await publishDecision(editor(), decision(claim.id, version));

    expect(await getDb().decision.findFirstOrThrow({ where: { id } })).toMatchObject({ workspaceId: ws.id, claimId: claim.id, rating: "mostly-true", summary: "Close to the official figure.", approvedById: ws.users.editor });
    expect(await getDb().event.findFirstOrThrow({ where: { entityId: id } })).toMatchObject({ workspaceId: ws.id, actorId: ws.users.editor, action: "decision.published", claimId: claim.id, before: null });
    expect(await claimState(claim.id)).toEqual({ status: "PUBLISHED", version: version + 1 });
  });

  it("refuses the editor who is the claim's only reviewer (four eyes), and writes nothing", async () => {
    const claim = await newClaim(ws);
    await saveReview(editor(), scale, review(claim.id));
    const { version } = await claimState(claim.id);
    const before = await snapshot(ws.id);
    await expect(publishDecision(editor(), decision(claim.id, version))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "Four eyes: you are this claim's only reviewer. Another reviewer must review it, or another editor publish it.",
    });
    expect(await snapshot(ws.id)).toEqual(before);
    // Once someone else has reviewed, the same editor may publish.
    await saveReview(reviewer(), scale, review(claim.id, "false"));
    await publishDecision(editor(), decision(claim.id, version));
    expect((await claimState(claim.id)).status).toBe("PUBLISHED");
  });

  it("publishes a correction only after the claim is reopened, keeping both verdicts on record", async () => {
    const claim = await newClaim(ws);
    const version = await reviewedByReviewer(ws, claim.id);
    await publishDecision(editor(), decision(claim.id, version));
    const before = await snapshot(ws.id);
    await expect(publishDecision(editor(), decision(claim.id, version + 1, "false"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/Reopen the claim to publish a correction/) });
    expect(await snapshot(ws.id)).toEqual(before);

    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: claim.id, status: "REOPENED", version: version + 1, reason: "The figure was misquoted." });
    const correction = await publishDecision(editor(), decision(claim.id, version + 2, "false", "The figure was misquoted."));

    const decisions = await getDb().decision.findMany({ where: { claimId: claim.id }, orderBy: { createdAt: "asc" }, select: { rating: true } });
    expect(decisions).toEqual([{ rating: "mostly-true" }, { rating: "false" }]);
    expect(await getDb().event.findFirstOrThrow({ where: { entityId: correction.id } })).toMatchObject({
      action: "decision.corrected",
      before: { rating: "mostly-true", summary: "Close to the official figure." },
      after: { rating: "false", summary: "The figure was misquoted." },
    });
    expect(await claimState(claim.id)).toEqual({ status: "PUBLISHED", version: version + 3 });
  });

  it("refuses a stale version with CONFLICT and keeps no decision", async () => {
    const claim = await newClaim(ws);
    const version = await reviewedByReviewer(ws, claim.id);
    const before = await snapshot(ws.id);
    await expect(publishDecision(editor(), decision(claim.id, version - 1))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("enforces the desk's minimum of independent sources and reviews, naming what is missing", async () => {
    const desk = await createTestWorkspace();
    await getDb().workspace.update({ where: { id: desk.id }, data: { minSourcesToPublish: 2, minReviewsToPublish: 2 } });
    const ctx = { workspaceId: desk.id, userId: desk.users.editor, origin: "WEB" as const };
    const claim = await newClaim(desk);
    const source = (title: string, url: string) => createSourceSchema.parse({ claimId: claim.id, url, title, kind: "PRIMARY_DATA", stance: "SUPPORTS" });
    await createSource(ctx, source("One", "https://www.bls.gov/a"));
    await createSource(ctx, source("Same site", "https://bls.gov/b"));
    const version = await reviewedByReviewer(desk, claim.id);

    const before = await snapshot(desk.id);
    await expect(publishDecision(ctx, decision(claim.id, version))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "This desk publishes with at least 2 independent sources (from different sites); this claim has 1. This desk publishes after at least 2 independent reviews; this claim has 1.",
    });
    expect(await snapshot(desk.id)).toEqual(before);

    await createSource(ctx, source("Two", "https://census.gov/c"));
    await saveReview({ workspaceId: desk.id, userId: desk.users.admin, origin: "WEB" }, scale, review(claim.id));
    await publishDecision(ctx, decision(claim.id, (await claimState(claim.id)).version));
    expect((await claimState(claim.id)).status).toBe("PUBLISHED");
  });

  it("lets a desk that turned four eyes off publish its only reviewer's verdict", async () => {
    const desk = await createTestWorkspace();
    await getDb().workspace.update({ where: { id: desk.id }, data: { fourEyes: false } });
    const ctx = { workspaceId: desk.id, userId: desk.users.editor, origin: "WEB" as const };
    const claim = await newClaim(desk);
    await saveReview(ctx, scale, review(claim.id));
    await publishDecision(ctx, decision(claim.id, (await claimState(claim.id)).version));
    expect((await claimState(claim.id)).status).toBe("PUBLISHED");
  });

  it("of two editors publishing at once, exactly one verdict lands", async () => {
    const claim = await newClaim(ws);
    const version = await reviewedByReviewer(ws, claim.id);
    const results = await Promise.allSettled([
      publishDecision(editor(), decision(claim.id, version, "true")),
      publishDecision(actingAs(ws, "admin"), decision(claim.id, version, "false")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().decision.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it("refuses to publish a dismissed claim", async () => {
    const claim = await newClaim(ws);
    await saveReview(reviewer(), scale, review(claim.id));
    await changeClaimStatus(editor(), mayAs("EDITOR"), dismissal(await claimState(claim.id).then((c) => ({ id: claim.id, version: c.version }))));
    const before = await snapshot(ws.id);
    await expect(publishDecision(editor(), decision(claim.id, (await claimState(claim.id)).version))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/Restore it to the queue first/) });
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("rejects a rating that is not on the desk's scale, as the scale stands when it publishes", async () => {
    const desk = await createTestWorkspace();
    const claim = await newClaim(desk);
    const version = await reviewedByReviewer(desk, claim.id);
    await getDb().workspace.update({ where: { id: desk.id }, data: { ratingScale: [{ key: "accurate", label: "Accurate" }, { key: "mostly-true", label: "Mostly true", retired: true }] } });
    const before = await snapshot(desk.id);
    const ctx = actingAs(desk, "editor");
    await expect(publishDecision(ctx, decision(claim.id, version, "pants-on-fire"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(publishDecision(ctx, decision(claim.id, version, "mostly-true"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await snapshot(desk.id)).toEqual(before);
    await publishDecision(ctx, decision(claim.id, version, "accurate"));
    expect((await claimState(claim.id)).status).toBe("PUBLISHED");
  });

  it("applies the desk's rules as they stand when it publishes, not as the request first read them", async () => {
    const desk = await createTestWorkspace();
    const claim = await newClaim(desk);
    const version = await reviewedByReviewer(desk, claim.id);
    // The admin raises the bar after the editor's page was rendered, before they press Publish.
    await getDb().workspace.update({ where: { id: desk.id }, data: { minReviewsToPublish: 2 } });
    const before = await snapshot(desk.id);
    await expect(publishDecision(actingAs(desk, "editor"), decision(claim.id, version))).rejects.toMatchObject({ message: expect.stringMatching(/at least 2 independent reviews/) });
    expect(await snapshot(desk.id)).toEqual(before);
  });

  it("treats another workspace's claim, or an unknown one, as not found", async () => {
    const theirs = await newClaim(other);
    const [mineBefore, theirsBefore] = await Promise.all([snapshot(ws.id), snapshot(other.id)]);
    await expect(publishDecision(editor(), decision(theirs.id, theirs.version))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(publishDecision(editor(), decision("no-such-claim", 1))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(ws.id)).toEqual(mineBefore);
    expect(await snapshot(other.id)).toEqual(theirsBefore);
  });
});
