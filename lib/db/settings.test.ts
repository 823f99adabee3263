import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/policy";
import { activeRatings, findActiveRating, ratingLabel, type Rating } from "@/lib/domain/rating-scale";
import { AppError } from "@/lib/errors";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";
import { publishDecisionSchema, saveReviewSchema } from "@/lib/validation/review";
import { createWorkspaceSchema } from "@/lib/validation/settings";
import { getDb } from "./client";
import { publishDecision, saveReview } from "./reviews";
import { addRating, createWorkspace, moveRating, ratingKeyFor, renameRating, renameWorkspace, setPublishingRules, setRatingRetired, setWorkspaceArchived } from "./settings";
import { getMembership, listWorkspacesForUser } from "./workspaces";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

const admin = () => actingAs(ws, "admin");
const ADMIN = mayAs("ADMIN");
const FORBIDDEN_ROLES: Array<[Lowercase<Role>, Role]> = [["editor", "EDITOR"], ["reviewer", "REVIEWER"], ["viewer", "VIEWER"]];

/** Everything these functions can change in a workspace, to prove a refusal changed nothing. */
async function snapshot(workspaceId: string) {
  const [workspace, events, memberships, workspaces] = await Promise.all([
    getDb().workspace.findFirstOrThrow({ where: { id: workspaceId } }),
    getDb().event.count({ where: { workspaceId } }),
    getDb().membership.count(),
    getDb().workspace.count(),
  ]);
  return { workspace, events, memberships, workspaces };
}

async function expectRefused(run: () => Promise<unknown>, code: string, workspaceId = ws.id) {
  const before = await snapshot(workspaceId);
  const error = await run().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect(await snapshot(workspaceId)).toEqual(before);
  return error as AppError;
}

const scaleOf = async (workspace: TestWorkspace): Promise<Rating[]> => (await getMembership(workspace.slug, workspace.users.admin))!.workspace.ratingScale;
const lastEvent = (workspaceId: string) => getDb().event.findFirstOrThrow({ where: { workspaceId }, orderBy: { id: "desc" } });

describe("renameWorkspace", () => {
  it("renames and records workspace.updated with the old and new name", async () => {
    const name = `Metro Desk ${randomBytes(2).toString("hex")}`;
    const old = (await snapshot(ws.id)).workspace.name;
    await renameWorkspace(admin(), ADMIN, name);
    expect((await snapshot(ws.id)).workspace.name).toBe(name);
    expect(await lastEvent(ws.id)).toMatchObject({ action: "workspace.updated", actorId: ws.users.admin, before: { name: old }, after: { name } });
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, changing nothing", async (who, role) => {
    await expectRefused(() => renameWorkspace(actingAs(ws, who), mayAs(role), "Taken over"), "FORBIDDEN");
  });
});

describe("setPublishingRules", () => {
  it("saves the rules and records their before and after", async () => {
    await setPublishingRules(admin(), ADMIN, { minSourcesToPublish: 2, minReviewsToPublish: 3, fourEyes: false });
    expect((await snapshot(ws.id)).workspace).toMatchObject({ minSourcesToPublish: 2, minReviewsToPublish: 3, fourEyes: false });
    expect(await lastEvent(ws.id)).toMatchObject({ action: "workspace.updated", after: { minSourcesToPublish: 2, minReviewsToPublish: 3, fourEyes: false } });
    await setPublishingRules(admin(), ADMIN, { minSourcesToPublish: 0, minReviewsToPublish: 1, fourEyes: true });
  });

  it.each([
    [{ minSourcesToPublish: 11, minReviewsToPublish: 1 }, "minSourcesToPublish"],
    [{ minSourcesToPublish: -1, minReviewsToPublish: 1 }, "minSourcesToPublish"],
    [{ minSourcesToPublish: 0, minReviewsToPublish: 6 }, "minReviewsToPublish"],
    [{ minSourcesToPublish: 0, minReviewsToPublish: 1.5 }, "minReviewsToPublish"],
  ])("refuses out-of-range rules %j at the field, changing nothing", async (rules, field) => {
    const error = await expectRefused(() => setPublishingRules(admin(), ADMIN, { ...rules, fourEyes: true }), "INVALID_INPUT");
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, changing nothing", async (who, role) => {
    await expectRefused(() => setPublishingRules(actingAs(ws, who), mayAs(role), { minSourcesToPublish: 5, minReviewsToPublish: 0, fourEyes: false }), "FORBIDDEN");
  });
});

describe("setWorkspaceArchived", () => {
  it("archives: the workspace leaves its members' lists but stays readable; restoring brings it back", async () => {
    const [desk] = await createWorkspacePair();
    await setWorkspaceArchived(actingAs(desk, "admin"), ADMIN, true);
    expect((await listWorkspacesForUser(desk.users.editor)).map((w) => w.slug)).not.toContain(desk.slug);
    expect((await getMembership(desk.slug, desk.users.editor))?.workspace.archivedAt).toBeInstanceOf(Date);
    expect(await lastEvent(desk.id)).toMatchObject({ action: "workspace.archived", before: { archived: false }, after: { archived: true } });
    // Archiving twice records nothing more.
    const events = await getDb().event.count({ where: { workspaceId: desk.id } });
    await setWorkspaceArchived(actingAs(desk, "admin"), ADMIN, true);
    expect(await getDb().event.count({ where: { workspaceId: desk.id } })).toBe(events);

    await setWorkspaceArchived(actingAs(desk, "admin"), ADMIN, false);
    expect((await listWorkspacesForUser(desk.users.editor)).map((w) => w.slug)).toContain(desk.slug);
    expect(await lastEvent(desk.id)).toMatchObject({ action: "workspace.updated", after: { archived: false } });
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, changing nothing", async (who, role) => {
    await expectRefused(() => setWorkspaceArchived(actingAs(ws, who), mayAs(role), true), "FORBIDDEN");
  });
});

describe("the rating scale", () => {
  it("derives a unique key from a new label and adds it at the end", async () => {
    expect(ratingKeyFor("Lacks context!", [])).toBe("lacks-context");
    expect(ratingKeyFor("Lacks context", [{ key: "lacks-context", label: "x" }])).toBe("lacks-context-2");
    expect(ratingKeyFor("¿¡!?", [])).toBe("rating");
    expect(ratingKeyFor("Très faux", [])).toBe("tres-faux");

    await addRating(admin(), ADMIN, "Lacks context");
    const scale = await scaleOf(ws);
    expect(scale.at(-1)).toEqual({ key: "lacks-context", label: "Lacks context" });
    const event = await lastEvent(ws.id);
    expect(event).toMatchObject({ action: "workspace.updated" });
    expect((event.after as { ratingScale: Rating[] }).ratingScale).toEqual(scale);
    expect((event.before as { ratingScale: Rating[] }).ratingScale).toEqual(scale.slice(0, -1));
  });

  it("refuses a label the scale already has, whatever its case, at the field", async () => {
    const error = await expectRefused(() => addRating(admin(), ADMIN, "mostly TRUE"), "INVALID_INPUT");
    expect(error.fieldErrors.label).toEqual(["A rating with that label already exists."]);
    await expectRefused(() => renameRating(admin(), ADMIN, { key: "false", label: "True" }), "INVALID_INPUT");
  });

  it("renames and reorders, keeping every key", async () => {
    await renameRating(admin(), ADMIN, { key: "half-true", label: "Half right" });
    await moveRating(admin(), ADMIN, { key: "half-true", direction: "up" });
    const scale = await scaleOf(ws);
    expect(scale.slice(0, 3).map((r) => r.key)).toEqual(["true", "half-true", "mostly-true"]);
    expect(scale[1]?.label).toBe("Half right");
    // Moving the first rating up changes nothing and records nothing.
    const events = await getDb().event.count({ where: { workspaceId: ws.id } });
    await moveRating(admin(), ADMIN, { key: "true", direction: "up" });
    expect(await getDb().event.count({ where: { workspaceId: ws.id } })).toBe(events);
  });

  it("refuses an unknown rating key, changing nothing", async () => {
    await expectRefused(() => renameRating(admin(), ADMIN, { key: "no-such-rating", label: "Anything" }), "NOT_FOUND");
    await expectRefused(() => setRatingRetired(admin(), ADMIN, { key: "no-such-rating", retired: true }), "NOT_FOUND");
  });

  it("retires a rating a published verdict uses: the verdict keeps its label, new reviews cannot choose it", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const claim = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, orderBy: { start: "asc" } });
    const version = await reviewedByReviewer(ws, claim.id, "misleading");
    await publishDecision(actingAs(ws, "editor"), publishDecisionSchema.parse({ claimId: claim.id, version, rating: "misleading", summary: "Leaves out the context." }));

    await setRatingRetired(admin(), ADMIN, { key: "misleading", retired: true });

    const scale = await scaleOf(ws);
    expect(scale.find((r) => r.key === "misleading")).toEqual({ key: "misleading", label: "Misleading", retired: true });
    const decision = await getDb().decision.findFirstOrThrow({ where: { claimId: claim.id } });
    expect(ratingLabel(scale, decision.rating)).toBe("Misleading");
    expect(findActiveRating(scale, "misleading")).toBeUndefined();
    const other = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id, id: { not: claim.id } } });
    await expect(saveReview(actingAs(ws, "reviewer"), scale, saveReviewSchema.parse({ claimId: other.id, rating: "misleading", rationale: "x", confidence: "2", version: "" }))).rejects.toThrow();

    await setRatingRetired(admin(), ADMIN, { key: "misleading", retired: false });
    expect((await scaleOf(ws)).find((r) => r.key === "misleading")).toEqual({ key: "misleading", label: "Misleading" });
  });

  it("keeps at least one rating in use", async () => {
    const [desk] = await createWorkspacePair();
    const ctx = actingAs(desk, "admin");
    const keys = activeRatings(await scaleOf(desk)).map((r) => r.key);
    for (const key of keys.slice(1)) await setRatingRetired(ctx, ADMIN, { key, retired: true });
    const error = await expectRefused(() => setRatingRetired(ctx, ADMIN, { key: keys[0]!, retired: true }), "CONFLICT", desk.id);
    expect(error.message).toMatch(/At least one rating/);
  });

  it.each(FORBIDDEN_ROLES)("refuses every scale change from a %s, changing nothing", async (who, role) => {
    await expectRefused(() => addRating(actingAs(ws, who), mayAs(role), "Sneaky"), "FORBIDDEN");
    await expectRefused(() => renameRating(actingAs(ws, who), mayAs(role), { key: "true", label: "Sneaky" }), "FORBIDDEN");
    await expectRefused(() => moveRating(actingAs(ws, who), mayAs(role), { key: "false", direction: "up" }), "FORBIDDEN");
    await expectRefused(() => setRatingRetired(actingAs(ws, who), mayAs(role), { key: "true", retired: true }), "FORBIDDEN");
  });

  it("an admin of another workspace changes only their own scale", async () => {
    const before = await scaleOf(ws);
    await addRating(actingAs(other, "admin"), ADMIN, "Only over there");
    expect(await scaleOf(ws)).toEqual(before);
    expect((await scaleOf(other)).at(-1)?.label).toBe("Only over there");
  });
});

describe("createWorkspace", () => {
  it("creates it with the default scale and rules, its creator as admin, and records workspace.created", async () => {
    const slug = `desk-${randomBytes(3).toString("hex")}`;
    const input = createWorkspaceSchema.parse({ name: "Politics Desk", slug: ` ${slug.toUpperCase()} ` });
    const created = await createWorkspace(ws.users.admin, ADMIN, input);
    expect(created.slug).toBe(slug);
    const membership = await getMembership(slug, ws.users.admin);
    expect(membership).toMatchObject({ role: "ADMIN", workspace: { name: "Politics Desk", minSourcesToPublish: 0, minReviewsToPublish: 1, fourEyes: true } });
    expect(await getDb().event.findMany({ where: { workspaceId: created.id }, orderBy: { id: "asc" }, select: { action: true, actorId: true } })).toEqual([
      { action: "workspace.created", actorId: ws.users.admin },
      { action: "member.added", actorId: ws.users.admin },
    ]);
    // Nobody else is in it.
    expect(await getMembership(slug, ws.users.editor)).toBeNull();
  });

  it("refuses a taken address at the field, creating nothing", async () => {
    const error = await expectRefused(() => createWorkspace(ws.users.admin, ADMIN, { name: "Copy", slug: other.slug }), "INVALID_INPUT");
    expect(error.fieldErrors.slug).toEqual(["That address is already taken; choose another."]);
  });

  it("two simultaneous creations of one address make one workspace", async () => {
    const slug = `race-${randomBytes(3).toString("hex")}`;
    const results = await Promise.allSettled([createWorkspace(ws.users.admin, ADMIN, { name: "A", slug }), createWorkspace(other.users.admin, ADMIN, { name: "B", slug })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "INVALID_INPUT" });
    expect(await getDb().workspace.count({ where: { slug } })).toBe(1);
  });

  it.each(FORBIDDEN_ROLES)("refuses a %s, creating nothing", async (who, role) => {
    await expectRefused(() => createWorkspace(ws.users[who], mayAs(role), { name: "Mine", slug: `mine-${who}-${randomBytes(2).toString("hex")}` }), "FORBIDDEN");
  });
});
