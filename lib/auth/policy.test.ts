import { describe, expect, it } from "vitest";
import { can, canSeeOthersRatings, mayAttempt, type Action, type Role } from "./policy";

const actor = (role: Role, userId = "u1") => ({ userId, role });

describe("can", () => {
  it("lets a viewer read and export but change nothing", () => {
    const viewer = actor("VIEWER");
    expect(can(viewer, "workspace:read")).toBe(true);
    expect(can(viewer, "report:export")).toBe(true);
    const writes: Action[] = ["claim:create", "source:create", "review:write", "decision:publish", "article:import", "comment:create"];
    for (const action of writes) expect(can(viewer, action), action).toBe(false);
  });

  it("lets a reviewer research but not triage, import or publish", () => {
    const reviewer = actor("REVIEWER");
    expect(can(reviewer, "claim:create")).toBe(true);
    expect(can(reviewer, "source:create")).toBe(true);
    expect(can(reviewer, "review:write")).toBe(true);
    expect(can(reviewer, "comment:create")).toBe(true);
    expect(can(reviewer, "claim:triage")).toBe(false);
    expect(can(reviewer, "claim:assign")).toBe(false);
    expect(can(reviewer, "article:import")).toBe(false);
    expect(can(reviewer, "decision:publish")).toBe(false);
    expect(can(reviewer, "member:manage")).toBe(false);
  });

  it("limits a reviewer to editing and removing the sources they added", () => {
    const reviewer = actor("REVIEWER", "me");
    expect(can(reviewer, "source:update", { ownerId: "me" })).toBe(true);
    expect(can(reviewer, "source:delete", { ownerId: "me" })).toBe(true);
    expect(can(reviewer, "source:update", { ownerId: "someone-else" })).toBe(false);
    expect(can(reviewer, "source:delete", { ownerId: null })).toBe(false);
    expect(can(reviewer, "source:update")).toBe(false);
  });

  it("lets an editor triage, publish and tidy anyone's sources, but not manage the desk", () => {
    const editor = actor("EDITOR");
    expect(can(editor, "claim:triage")).toBe(true);
    expect(can(editor, "decision:publish")).toBe(true);
    expect(can(editor, "article:import")).toBe(true);
    expect(can(editor, "source:delete", { ownerId: "someone-else" })).toBe(true);
    expect(can(editor, "member:manage")).toBe(false);
    expect(can(editor, "settings:manage")).toBe(false);
  });

  it("lets an admin do everything", () => {
    const admin = actor("ADMIN");
    expect(can(admin, "member:manage")).toBe(true);
    expect(can(admin, "settings:manage")).toBe(true);
    expect(can(admin, "decision:publish")).toBe(true);
  });

  it("lets a reviewer attempt a source edit, leaving ownership to the resource check", () => {
    expect(mayAttempt(actor("REVIEWER"), "source:update")).toBe(true);
    expect(mayAttempt(actor("VIEWER"), "source:update")).toBe(false);
    expect(mayAttempt(actor("REVIEWER"), "decision:publish")).toBe(false);
  });
});

describe("canSeeOthersRatings", () => {
  it("hides colleagues' ratings from a reviewer or viewer until their own review is in", () => {
    expect(canSeeOthersRatings(actor("REVIEWER"), { hasOwnReview: false })).toBe(false);
    expect(canSeeOthersRatings(actor("VIEWER"), { hasOwnReview: false })).toBe(false);
    expect(canSeeOthersRatings(actor("REVIEWER"), { hasOwnReview: true })).toBe(true);
  });

  it("shows them to the editors and admins who second-review and publish", () => {
    expect(canSeeOthersRatings(actor("EDITOR"), { hasOwnReview: false })).toBe(true);
    expect(canSeeOthersRatings(actor("ADMIN"), { hasOwnReview: false })).toBe(true);
  });
});
