import { describe, expect, it } from "vitest";
import { canTransition, publishBlocker, statusAfter } from "./workflow";

describe("claim workflow", () => {
  it("lets editors triage a detected claim into the queue or dismiss it, not publish it by hand", () => {
    expect(canTransition("DETECTED", "QUEUED")).toBe(true);
    expect(canTransition("DETECTED", "DISMISSED")).toBe(true);
    expect(canTransition("DETECTED", "PUBLISHED")).toBe(false);
    expect(canTransition("IN_REVIEW", "PUBLISHED")).toBe(false);
  });

  it("reopens published and dismissed claims only through REOPENED", () => {
    expect(canTransition("PUBLISHED", "REOPENED")).toBe(true);
    expect(canTransition("PUBLISHED", "RESEARCHING")).toBe(false);
    expect(canTransition("DISMISSED", "REOPENED")).toBe(true);
    expect(canTransition("DISMISSED", "QUEUED")).toBe(false);
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
  });

  it("publishes from any state", () => {
    expect(statusAfter("decision-published", "IN_REVIEW")).toBe("PUBLISHED");
    expect(statusAfter("decision-published", "PUBLISHED")).toBe("PUBLISHED");
  });

  it("explains why publishing is blocked", () => {
    expect(publishBlocker({ status: "IN_REVIEW", sourceCount: 1, minSources: 2 })).toMatch(/at least 2 sources; this claim has 1/);
    expect(publishBlocker({ status: "DISMISSED", sourceCount: 3, minSources: 0 })).toMatch(/Reopen it first/);
    expect(publishBlocker({ status: "IN_REVIEW", sourceCount: 2, minSources: 2 })).toBeNull();
  });
});
