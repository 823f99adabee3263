import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./fields";
import { publishDecisionSchema, saveReviewSchema } from "./review";

const review = { claimId: "claim-1", rating: "mostly-true", rationale: "BLS shows 3.7 percent.", confidence: "2" };
const decision = { claimId: "claim-1", version: "4", rating: "false", summary: "The figure was misquoted." };

const errors = (result: ReturnType<typeof saveReviewSchema.safeParse> | ReturnType<typeof publishDecisionSchema.safeParse>) =>
  result.success ? null : fieldErrorsOf(result.error);

describe("saveReviewSchema", () => {
  it("accepts a review, reading the confidence a form posts as a number", () => {
    expect(saveReviewSchema.parse({ ...review, rating: " mostly-true " })).toEqual({ claimId: "claim-1", rating: "mostly-true", rationale: "BLS shows 3.7 percent.", confidence: 2 });
  });

  it("requires a rating and a rationale", () => {
    expect(errors(saveReviewSchema.safeParse({ ...review, rating: " ", rationale: "  " }))).toEqual({
      rating: ["Choose a rating."],
      rationale: ["Rationale is required."],
    });
  });

  it("accepts confidence 1 to 3 only", () => {
    expect(saveReviewSchema.parse({ ...review, confidence: 1 }).confidence).toBe(1);
    expect(saveReviewSchema.parse({ ...review, confidence: 3 }).confidence).toBe(3);
    expect(errors(saveReviewSchema.safeParse({ ...review, confidence: "0" }))).toEqual({ confidence: ["Choose your confidence."] });
    expect(saveReviewSchema.safeParse({ ...review, confidence: "4" }).success).toBe(false);
    expect(saveReviewSchema.safeParse({ ...review, confidence: "1.5" }).success).toBe(false);
  });

  it("caps the rationale at 10,000 characters", () => {
    expect(errors(saveReviewSchema.safeParse({ ...review, rationale: "r".repeat(10_001) }))).toEqual({ rationale: ["Rationale must be at most 10,000 characters."] });
  });
});

describe("publishDecisionSchema", () => {
  it("accepts a decision, reading the version as a number", () => {
    expect(publishDecisionSchema.parse(decision)).toEqual({ claimId: "claim-1", version: 4, rating: "false", summary: "The figure was misquoted." });
  });

  it("requires the version the editor saw, so a stale page cannot publish blindly", () => {
    expect(errors(publishDecisionSchema.safeParse({ ...decision, version: undefined }))).toEqual({ version: ["Missing version."] });
    expect(publishDecisionSchema.safeParse({ ...decision, version: "0" }).success).toBe(false);
  });

  it("requires a summary of at most 5,000 characters", () => {
    expect(errors(publishDecisionSchema.safeParse({ ...decision, summary: "" }))).toEqual({ summary: ["Summary is required."] });
    expect(errors(publishDecisionSchema.safeParse({ ...decision, summary: "s".repeat(5001) }))).toEqual({ summary: ["Summary must be at most 5,000 characters."] });
  });

  it("requires a rating", () => {
    expect(errors(publishDecisionSchema.safeParse({ ...decision, rating: "" }))).toEqual({ rating: ["Choose a rating."] });
  });
});
