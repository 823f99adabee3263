import { beforeAll, describe, expect, it } from "vitest";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { assignClaimSchema } from "@/lib/validation/claim";
import { changeClaimStatus, setClaimAssignee } from "./claims";
import { getDb } from "./client";
import { upsertMember } from "./members";
import { listMyQueue } from "./queue";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

async function claims(workspace: TestWorkspace) {
  const article = await createTestArticle(workspace.id, workspace.users.editor);
  return getDb().claim.findMany({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { id: true, version: true } });
}

const assign = (workspace: TestWorkspace, claimId: string, userId: string) =>
  setClaimAssignee(actingAs(workspace, "editor"), mayAs("EDITOR"), assignClaimSchema.parse({ claimId, userId, assign: "assign" }));

describe("listMyQueue", () => {
  it("lists my assignments across workspaces by status, oldest first, and nobody else's", async () => {
    // The same person reviews on both desks.
    const email = (await getDb().user.findFirstOrThrow({ where: { id: ws.users.reviewer } })).email;
    await upsertMember({ workspaceId: other.id, email, name: "Shared reviewer", role: "REVIEWER", actorId: null });
    const me = ws.users.reviewer;
    const [a, b] = await claims(ws);
    const [c] = await claims(other);
    if (!a || !b || !c) throw new Error("expected claims");
    await assign(ws, a.id, me);
    await assign(other, c.id, me);
    await assign(ws, b.id, me);
    await assign(ws, b.id, ws.users.admin);
    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: b.id, status: "QUEUED", version: b.version });

    const queue = await listMyQueue(me);
    expect(queue.map((q) => [q.claimId, q.status, q.workspace.slug])).toEqual([
      [a.id, "DETECTED", ws.slug],
      [c.id, "DETECTED", other.slug],
      [b.id, "QUEUED", ws.slug],
    ]);
    expect((await listMyQueue(ws.users.admin)).map((q) => q.claimId)).toEqual([b.id]);
  });

  it("drops the claims of a workspace where I was disabled or removed", async () => {
    const [a] = await claims(ws);
    if (!a) throw new Error("expected a claim");
    await assign(ws, a.id, ws.users.editor);
    expect((await listMyQueue(ws.users.editor)).some((q) => q.claimId === a.id)).toBe(true);
    await getDb().membership.updateMany({ where: { workspaceId: ws.id, userId: ws.users.editor }, data: { disabledAt: new Date() } });
    expect((await listMyQueue(ws.users.editor)).some((q) => q.claimId === a.id)).toBe(false);
    await getDb().membership.updateMany({ where: { workspaceId: ws.id, userId: ws.users.editor }, data: { disabledAt: null } });
  });
});
