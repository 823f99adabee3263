import { beforeAll, describe, expect, it } from "vitest";
import { actingAs, createTestArticle, createWorkspacePair, dismissal, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { assignClaimSchema, bulkTriageSchema } from "@/lib/validation/claim";
import { createSourceSchema } from "@/lib/validation/source";
import { bulkTriage, changeClaimStatus, setClaimAssignee } from "./claims";
import { getDb } from "./client";
import { setHighlightThreshold } from "./settings";
import { createSource } from "./sources";

// The workflow through lib/db: who may take which step, reasons, bulk triage, assignment and the
// inbox lines they write. Every refusal leaves the workspace exactly as it was.

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

async function claimsOf(articleId: string) {
  return getDb().claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, status: true, version: true, statusReason: true } });
}

async function snapshot(workspaceId: string) {
  const db = getDb();
  const where = { workspaceId };
  const [claims, assignees, notifications, events] = await Promise.all([
    db.claim.findMany({ where, orderBy: { id: "asc" }, select: { id: true, status: true, version: true, statusReason: true } }),
    db.claimAssignee.findMany({ where: { claim: where }, orderBy: [{ claimId: "asc" }, { userId: "asc" }], select: { claimId: true, userId: true } }),
    db.notification.count({ where }),
    db.event.count({ where }),
  ]);
  return { claims, assignees, notifications, events };
}

async function freshClaim(workspace = ws) {
  const article = await createTestArticle(workspace.id, workspace.users.editor);
  const [claim] = await claimsOf(article.id);
  if (!claim) throw new Error("expected a detected claim");
  return { ...claim, articleId: article.id };
}

describe("workflow steps by role", () => {
  it("lets a reviewer start research and send to review, but not triage, dismiss or reopen", async () => {
    const claim = await freshClaim();
    const before = await snapshot(ws.id);
    await expect(changeClaimStatus(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: claim.id, status: "QUEUED", version: claim.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeClaimStatus(actingAs(ws, "reviewer"), mayAs("REVIEWER"), dismissal(claim))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(ws.id)).toEqual(before);

    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: claim.id, status: "QUEUED", version: claim.version });
    await changeClaimStatus(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: claim.id, status: "RESEARCHING", version: claim.version + 1 });
    expect((await claimsOf(claim.articleId))[0]?.status).toBe("RESEARCHING");
  });

  it("refuses to send a claim to review before it has a source, and says so", async () => {
    const claim = await freshClaim();
    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: claim.id, status: "QUEUED", version: claim.version });
    await changeClaimStatus(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: claim.id, status: "RESEARCHING", version: claim.version + 1 });
    const before = await snapshot(ws.id);
    await expect(changeClaimStatus(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: claim.id, status: "IN_REVIEW", version: claim.version + 2 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "Add at least one source before sending the claim to review.",
    });
    expect(await snapshot(ws.id)).toEqual(before);
    await createSource(actingAs(ws, "reviewer"), createSourceSchema.parse({ claimId: claim.id, url: "https://www.bls.gov/cps/", title: "CPS", kind: "PRIMARY_DATA", stance: "SUPPORTS" }));
    await changeClaimStatus(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: claim.id, status: "IN_REVIEW", version: claim.version + 2 });
    expect((await claimsOf(claim.articleId))[0]?.status).toBe("IN_REVIEW");
  });

  it("wants a reason to dismiss, keeps it on the claim, and lets an editor restore the claim", async () => {
    const claim = await freshClaim();
    const before = await snapshot(ws.id);
    await expect(changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: claim.id, status: "DISMISSED", version: claim.version })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reason: ["Say why the claim is dismissed."] },
    });
    expect(await snapshot(ws.id)).toEqual(before);

    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), dismissal(claim));
    expect((await claimsOf(claim.articleId))[0]).toMatchObject({ status: "DISMISSED", statusReason: "Opinion, not a checkable claim." });
    const event = await getDb().event.findFirstOrThrow({ where: { claimId: claim.id, action: "claim.status_changed" }, orderBy: { id: "desc" } });
    expect(event.after).toMatchObject({ status: "DISMISSED", statedReason: "Opinion, not a checkable claim." });

    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: claim.id, status: "QUEUED", version: claim.version + 1 });
    expect((await claimsOf(claim.articleId))[0]).toMatchObject({ status: "QUEUED", statusReason: null });
  });
});

describe("bulkTriage", () => {
  it("queues the chosen claims of the article, leaves those past triage alone, and counts both", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const [a, b] = await claimsOf(article.id);
    if (!a || !b) throw new Error("expected two detected claims");
    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: b.id, status: "QUEUED", version: b.version });
    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: b.id, status: "RESEARCHING", version: b.version + 1 });
    const result = await bulkTriage(actingAs(ws, "editor"), mayAs("EDITOR"), bulkTriageSchema.parse({ articleId: article.id, status: "QUEUED", claimIds: `${a.id},${b.id}` }));
    expect(result).toEqual({ changed: 1, skipped: 1 });
    expect((await claimsOf(article.id)).map((c) => c.status)).toEqual(["QUEUED", "RESEARCHING"]);
  });

  it("dismisses many with one reason, refuses without a reason, and refuses reviewers, writing nothing", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const ids = (await claimsOf(article.id)).map((c) => c.id).join(",");
    const before = await snapshot(ws.id);
    await expect(bulkTriage(actingAs(ws, "editor"), mayAs("EDITOR"), bulkTriageSchema.parse({ articleId: article.id, status: "DISMISSED", claimIds: ids }))).rejects.toMatchObject({ fieldErrors: { reason: expect.any(Array) } });
    await expect(bulkTriage(actingAs(ws, "reviewer"), mayAs("REVIEWER"), bulkTriageSchema.parse({ articleId: article.id, status: "QUEUED", claimIds: ids }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(ws.id)).toEqual(before);
    const result = await bulkTriage(actingAs(ws, "editor"), mayAs("EDITOR"), bulkTriageSchema.parse({ articleId: article.id, status: "DISMISSED", claimIds: ids, reason: "Background, not claims." }));
    expect(result.changed).toBe(2);
    expect((await claimsOf(article.id)).every((c) => c.status === "DISMISSED" && c.statusReason === "Background, not claims.")).toBe(true);
  });

  it("treats another workspace's or another article's claim as not found, changing nothing anywhere", async () => {
    const mine = await freshClaim();
    const theirs = await freshClaim(other);
    const [a, b] = [await snapshot(ws.id), await snapshot(other.id)];
    await expect(bulkTriage(actingAs(ws, "editor"), mayAs("EDITOR"), bulkTriageSchema.parse({ articleId: mine.articleId, status: "QUEUED", claimIds: `${mine.id},${theirs.id}` }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect([await snapshot(ws.id), await snapshot(other.id)]).toEqual([a, b]);
  });
});

describe("setClaimAssignee", () => {
  it("assigns a reviewer, who finds it in their inbox, and hears of the claim's status changes", async () => {
    const claim = await freshClaim();
    await setClaimAssignee(actingAs(ws, "editor"), mayAs("EDITOR"), assignClaimSchema.parse({ claimId: claim.id, userId: ws.users.reviewer, assign: "assign" }));
    expect(await getDb().claimAssignee.findMany({ where: { claimId: claim.id }, select: { userId: true, assignedById: true } })).toEqual([{ userId: ws.users.reviewer, assignedById: ws.users.editor }]);
    expect(await getDb().notification.findMany({ where: { userId: ws.users.reviewer, claimId: claim.id }, select: { kind: true, actorId: true } })).toEqual([{ kind: "ASSIGNMENT", actorId: ws.users.editor }]);

    await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: claim.id, status: "QUEUED", version: claim.version });
    const status = await getDb().notification.findFirstOrThrow({ where: { userId: ws.users.reviewer, claimId: claim.id, kind: "STATUS" } });
    expect(status.detail).toEqual({ from: "DETECTED", to: "QUEUED" });
    // Nobody is told of their own doing.
    await changeClaimStatus(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: claim.id, status: "RESEARCHING", version: claim.version + 1 });
    expect(await getDb().notification.count({ where: { userId: ws.users.reviewer, claimId: claim.id, kind: "STATUS" } })).toBe(1);
  });

  it("assigns several people, ignores a repeat, and unassigns with an event", async () => {
    const claim = await freshClaim();
    const assign = (userId: string, assign: "assign" | "unassign" = "assign") => setClaimAssignee(actingAs(ws, "editor"), mayAs("EDITOR"), assignClaimSchema.parse({ claimId: claim.id, userId, assign }));
    await assign(ws.users.reviewer);
    await assign(ws.users.admin);
    expect(await assign(ws.users.reviewer)).toMatchObject({ changed: false });
    await assign(ws.users.admin, "unassign");
    expect((await getDb().claimAssignee.findMany({ where: { claimId: claim.id } })).map((a) => a.userId)).toEqual([ws.users.reviewer]);
    const actions = (await getDb().event.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith("claim.") && a.includes("assign"))).toEqual(["claim.assigned", "claim.assigned", "claim.unassigned"]);
  });

  it("refuses viewers, outsiders and disabled members as assignees, writing nothing", async () => {
    const claim = await freshClaim();
    await getDb().membership.updateMany({ where: { workspaceId: ws.id, userId: ws.users.admin }, data: { disabledAt: new Date() } });
    const before = await snapshot(ws.id);
    const attempt = (userId: string) => setClaimAssignee(actingAs(ws, "editor"), mayAs("EDITOR"), assignClaimSchema.parse({ claimId: claim.id, userId, assign: "assign" }));
    await expect(attempt(ws.users.viewer)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/Viewers cannot be assigned/) });
    await expect(attempt(other.users.reviewer)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/not an active member/) });
    await expect(attempt(ws.users.admin)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await snapshot(ws.id)).toEqual(before);
    await getDb().membership.updateMany({ where: { workspaceId: ws.id, userId: ws.users.admin }, data: { disabledAt: null } });
  });

  it("refuses reviewers and viewers, writing nothing", async () => {
    const claim = await freshClaim();
    const before = await snapshot(ws.id);
    for (const role of ["reviewer", "viewer"] as const) {
      const may = mayAs(role === "reviewer" ? "REVIEWER" : "VIEWER");
      await expect(setClaimAssignee(actingAs(ws, role), may, assignClaimSchema.parse({ claimId: claim.id, userId: ws.users.reviewer, assign: "assign" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it("treats another workspace's claim as not found", async () => {
    const theirs = await freshClaim(other);
    const before = await snapshot(other.id);
    await expect(setClaimAssignee(actingAs(ws, "editor"), mayAs("EDITOR"), assignClaimSchema.parse({ claimId: theirs.id, userId: ws.users.reviewer, assign: "assign" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(other.id)).toEqual(before);
  });
});

describe("setHighlightThreshold", () => {
  it("lets editors set it with an event, and refuses reviewers without a change", async () => {
    const read = async () => (await getDb().workspace.findFirstOrThrow({ where: { id: ws.id }, select: { highlightThreshold: true } })).highlightThreshold;
    const before = await snapshot(ws.id);
    await expect(setHighlightThreshold(actingAs(ws, "reviewer"), mayAs("REVIEWER"), 0.2)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(ws.id)).toEqual(before);
    expect(await read()).toBe(0.8);
    await setHighlightThreshold(actingAs(ws, "editor"), mayAs("EDITOR"), 0.85);
    expect(await read()).toBe(0.85);
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id, action: "workspace.updated" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ before: { highlightThreshold: 0.8 }, after: { highlightThreshold: 0.85 }, actorId: ws.users.editor });
  });
});
