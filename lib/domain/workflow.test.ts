import { describe, expect, it } from "vitest";
import { can, type Action, type Role } from "@/lib/auth/policy";
import { canTransition, statusAfter, transitionRefusal, transitionsFor, type ClaimFacts } from "./workflow";

const as = (role: Role) => (action: Action) => can({ userId: "u", role }, action);
const claim = (status: ClaimFacts["status"], sourceCount = 0, reviewCount = 0): ClaimFacts => ({ status, sourceCount, reviewCount });

describe("claim workflow", () => {
  it("follows detected -> queued -> researching -> in review, and never publishes by hand", () => {
    expect(canTransition("DETECTED", "QUEUED")).toBe(true);
    expect(canTransition("QUEUED", "RESEARCHING")).toBe(true);
    expect(canTransition("RESEARCHING", "IN_REVIEW")).toBe(true);
    expect(canTransition("DETECTED", "IN_REVIEW")).toBe(false);
    expect(canTransition("IN_REVIEW", "PUBLISHED")).toBe(false);
    expect(transitionRefusal(claim("IN_REVIEW", 2, 2), "PUBLISHED", as("ADMIN"), null)?.message).toMatch(/publishing its verdict/);
  });

  it("reopens only a published claim, as a correction, and restores a dismissed one to the queue", () => {
    expect(canTransition("PUBLISHED", "REOPENED")).toBe(true);
    expect(canTransition("PUBLISHED", "RESEARCHING")).toBe(false);
    expect(canTransition("DISMISSED", "QUEUED")).toBe(true);
    expect(canTransition("DISMISSED", "REOPENED")).toBe(false);
    expect(canTransition("PUBLISHED", "DISMISSED")).toBe(false);
  });

  it("lets reviewers research and send to review, and keeps triage, dismissal and reopening for editors", () => {
    const reviewer = transitionsFor(claim("RESEARCHING", 1), as("REVIEWER")).map((t) => t.to);
    expect(reviewer).toEqual(["IN_REVIEW"]);
    const editor = transitionsFor(claim("RESEARCHING", 1), as("EDITOR")).map((t) => t.to);
    expect(editor).toEqual(["QUEUED", "IN_REVIEW", "DISMISSED"]);
    expect(transitionsFor(claim("DETECTED"), as("REVIEWER"))).toEqual([]);
    expect(transitionsFor(claim("PUBLISHED"), as("VIEWER"))).toEqual([]);
    expect(transitionRefusal(claim("PUBLISHED"), "REOPENED", as("REVIEWER"), "typo")).toMatchObject({ forbidden: true });
    expect(transitionRefusal(claim("DISMISSED"), "QUEUED", as("REVIEWER"), null)).toMatchObject({ forbidden: true });
  });

  it("says why a step is not possible yet instead of hiding it", () => {
    const [send] = transitionsFor(claim("RESEARCHING", 0), as("REVIEWER"));
    expect(send).toMatchObject({ to: "IN_REVIEW", blocker: expect.stringMatching(/at least one source/) });
    expect(transitionRefusal(claim("RESEARCHING", 0), "IN_REVIEW", as("REVIEWER"), null)?.message).toMatch(/at least one source/);
    expect(transitionRefusal(claim("RESEARCHING", 1), "IN_REVIEW", as("REVIEWER"), null)).toBeNull();
  });

  it("wants a reason for a dismissal and for a reopening, at the reason field", () => {
    expect(transitionRefusal(claim("QUEUED"), "DISMISSED", as("EDITOR"), "  ")).toEqual({ field: "reason", message: "Say why the claim is dismissed." });
    expect(transitionRefusal(claim("PUBLISHED"), "REOPENED", as("EDITOR"), undefined)).toMatchObject({ field: "reason" });
    expect(transitionRefusal(claim("QUEUED"), "DISMISSED", as("EDITOR"), "Opinion, not a claim of fact.")).toBeNull();
    expect(transitionsFor(claim("QUEUED"), as("EDITOR")).find((t) => t.to === "DISMISSED")?.needsReason).toBe(true);
  });

  it("refuses a step that does not exist from the current status, by name", () => {
    expect(transitionRefusal(claim("DETECTED"), "IN_REVIEW", as("ADMIN"), null)?.message).toBe("A claim that is detected cannot move to in review.");
  });

  it("moves a claim into research when its first source arrives", () => {
    expect(statusAfter("source-added", "DETECTED")).toBe("RESEARCHING");
    expect(statusAfter("source-added", "QUEUED")).toBe("RESEARCHING");
    expect(statusAfter("source-added", "REOPENED")).toBe("RESEARCHING");
    expect(statusAfter("source-added", "IN_REVIEW")).toBe("IN_REVIEW");
  });

  it("moves a claim into review when a verdict is proposed, and never revives a dismissed one", () => {
    expect(statusAfter("review-submitted", "RESEARCHING")).toBe("IN_REVIEW");
    expect(statusAfter("review-submitted", "DETECTED")).toBe("IN_REVIEW");
    expect(statusAfter("review-submitted", "DISMISSED")).toBe("DISMISSED");
    expect(statusAfter("source-added", "PUBLISHED")).toBe("PUBLISHED");
    expect(statusAfter("decision-published", "REOPENED")).toBe("PUBLISHED");
  });
});
