import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { actingAs, createTestArticle, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { saveReviewSchema } from "@/lib/validation/review";
import { getClaimDetail } from "./claim-detail";
import { getDb } from "./client";
import { upsertMember } from "./members";
import { saveReview } from "./reviews";

let ws: TestWorkspace;
let other: TestWorkspace;
let secondReviewer: string;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  ({ userId: secondReviewer } = await upsertMember({ workspaceId: ws.id, email: `second-${ws.slug}@factdesk.test`, name: "Second Reviewer", role: "REVIEWER", passwordHash: "x", actorId: null }));
});

async function reviewedClaim() {
  const article = await createTestArticle(ws.id, ws.users.editor);
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, select: { id: true } });
  await saveReview(actingAs(ws, "reviewer"), DEFAULT_RATING_SCALE, saveReviewSchema.parse({ claimId: claim.id, rating: "misleading", rationale: "The first reviewer's secret reasoning.", confidence: "3" }));
  return claim.id;
}

describe("getClaimDetail", () => {
  it("hides other reviewers' ratings, rationales and rating history from a reviewer who has not reviewed", async () => {
    const claimId = await reviewedClaim();
    const detail = await getClaimDetail(ws.id, claimId, { userId: secondReviewer, role: "REVIEWER" });
    expect(detail?.reviews).toEqual([expect.objectContaining({ reviewerId: ws.users.reviewer, rating: null, rationale: null, confidence: null, hidden: true })]);
    expect(detail?.events.find((e) => e.action === "review.submitted")).toMatchObject({ before: null, after: null });
    expect(JSON.stringify(detail)).not.toMatch(/misleading|secret reasoning/);
  });

  it("shows them once the reviewer's own review is in, and always to editors", async () => {
    const claimId = await reviewedClaim();
    await saveReview({ workspaceId: ws.id, userId: secondReviewer, origin: "WEB" }, DEFAULT_RATING_SCALE, saveReviewSchema.parse({ claimId, rating: "true", rationale: "Mine.", confidence: "2" }));
    for (const viewer of [{ userId: secondReviewer, role: "REVIEWER" as const }, { userId: ws.users.editor, role: "EDITOR" as const }]) {
      const detail = await getClaimDetail(ws.id, claimId, viewer);
      expect(detail?.reviews.find((r) => r.reviewerId === ws.users.reviewer)).toMatchObject({ rating: "misleading", rationale: "The first reviewer's secret reasoning.", hidden: false });
    }
  });

  it("shows a viewer their own review, and nothing at all of another workspace's claim", async () => {
    const claimId = await reviewedClaim();
    const own = await getClaimDetail(ws.id, claimId, { userId: ws.users.reviewer, role: "REVIEWER" });
    expect(own?.reviews[0]).toMatchObject({ rating: "misleading", hidden: false });
    expect(await getClaimDetail(other.id, claimId, { userId: other.users.editor, role: "EDITOR" })).toBeNull();
  });
});
