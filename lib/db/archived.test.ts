import { describe, expect, it } from "vitest";
import { actingAs, createTestArticle, createTestWorkspace, mayAs } from "@/lib/testing/factories";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { saveReviewSchema } from "@/lib/validation/review";
import { changeClaimStatus } from "./claims";
import { getDb } from "./client";
import { upsertMember } from "./members";
import { saveReview } from "./reviews";
import { setWorkspaceArchived } from "./settings";
import { listArchivedWorkspacesAdministeredBy, listWorkspacesForUser } from "./workspaces";

// An archived workspace refuses every change in the database layer itself, whatever route the
// write came by; and the last admin stays an admin whichever tool asks.

const counts = async (workspaceId: string) => {
  const db = getDb();
  const [events, reviews, claims] = await Promise.all([
    db.event.count({ where: { workspaceId } }),
    db.review.count({ where: { workspaceId } }),
    db.claim.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { status: true, version: true } }),
  ]);
  return { events, reviews, claims };
};

describe("an archived workspace", () => {
  it("refuses writes that reach lib/db directly, changing nothing, until an admin restores it", async () => {
    const ws = await createTestWorkspace();
    const article = await createTestArticle(ws.id, ws.users.editor);
    const claim = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, select: { id: true, version: true } });
    await setWorkspaceArchived(actingAs(ws, "admin"), mayAs("ADMIN"), true);
    const before = await counts(ws.id);
    const review = saveReviewSchema.parse({ claimId: claim.id, rating: "true", rationale: "Checked.", confidence: "2", version: "" });
    await expect(saveReview(actingAs(ws, "reviewer"), DEFAULT_RATING_SCALE, review)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/archived/) });
    await expect(changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: claim.id, status: "QUEUED", version: claim.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(ws.id)).toEqual(before);

    expect((await listWorkspacesForUser(ws.users.admin)).map((w) => w.slug)).not.toContain(ws.slug);
    expect((await listArchivedWorkspacesAdministeredBy(ws.users.admin)).map((w) => w.slug)).toEqual([ws.slug]);
    expect(await listArchivedWorkspacesAdministeredBy(ws.users.editor)).toEqual([]);

    await setWorkspaceArchived(actingAs(ws, "admin"), mayAs("ADMIN"), false);
    await saveReview(actingAs(ws, "reviewer"), DEFAULT_RATING_SCALE, review);
    expect((await counts(ws.id)).reviews).toBe(1);
  });
});

describe("upsertMember (npm run user:add)", () => {
  it("will not demote the workspace's last admin", async () => {
    const ws = await createTestWorkspace();
    const admin = await getDb().user.findFirstOrThrow({ where: { id: ws.users.admin }, select: { email: true, name: true } });
    await expect(upsertMember({ workspaceId: ws.id, email: admin.email, name: admin.name, role: "VIEWER", actorId: null })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getDb().membership.findFirstOrThrow({ where: { workspaceId: ws.id, userId: ws.users.admin }, select: { role: true } })).toEqual({ role: "ADMIN" });
    // With a second admin, the first may step down.
    const editor = await getDb().user.findFirstOrThrow({ where: { id: ws.users.editor }, select: { email: true, name: true } });
    await upsertMember({ workspaceId: ws.id, email: editor.email, name: editor.name, role: "ADMIN", actorId: null });
    await upsertMember({ workspaceId: ws.id, email: admin.email, name: admin.name, role: "EDITOR", actorId: null });
    expect(await getDb().membership.findFirstOrThrow({ where: { workspaceId: ws.id, userId: ws.users.admin }, select: { role: true } })).toEqual({ role: "EDITOR" });
  });
});
