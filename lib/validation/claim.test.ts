import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./fields";
import { assignClaimSchema, bulkTriageSchema, changeClaimStatusSchema, highlightThresholdSchema } from "./claim";

const errors = (result: { success: boolean; error?: unknown }) => (result.success ? {} : fieldErrorsOf(result.error as Parameters<typeof fieldErrorsOf>[0]));

describe("claim workflow inputs", () => {
  it("takes the threshold as a whole percentage from 0 to 100", () => {
    expect(highlightThresholdSchema.parse({ threshold: "65" })).toEqual({ threshold: 65 });
    for (const bad of ["-1", "101", "50.5", "abc", ""]) {
      expect(errors(highlightThresholdSchema.safeParse({ threshold: bad })).threshold?.[0]).toMatch(/percentage/);
    }
  });

  it("reads bulk selections as a comma list, and refuses an empty or oversized one", () => {
    expect(bulkTriageSchema.parse({ articleId: "a1", status: "QUEUED", claimIds: "c1,c2,,c3" }).claimIds).toEqual(["c1", "c2", "c3"]);
    expect(errors(bulkTriageSchema.safeParse({ articleId: "a1", status: "QUEUED", claimIds: "" })).claimIds).toEqual(["Select at least one claim."]);
    const many = Array.from({ length: 1001 }, (_, i) => `c${i}`).join(",");
    expect(errors(bulkTriageSchema.safeParse({ articleId: "a1", status: "QUEUED", claimIds: many })).claimIds).toEqual(["Select at most 1,000 claims at a time."]);
    expect(bulkTriageSchema.safeParse({ articleId: "a1", status: "PUBLISHED", claimIds: "c1" }).success).toBe(false);
  });

  it("keeps a reason short, and treats a blank one as none", () => {
    expect(changeClaimStatusSchema.parse({ claimId: "c", status: "DISMISSED", version: "3", reason: "  " }).reason).toBeUndefined();
    expect(errors(changeClaimStatusSchema.safeParse({ claimId: "c", status: "DISMISSED", version: "3", reason: "x".repeat(501) })).reason?.[0]).toMatch(/at most 500/);
  });

  it("assigns or unassigns, nothing else", () => {
    expect(assignClaimSchema.safeParse({ claimId: "c", userId: "u", assign: "promote" }).success).toBe(false);
    expect(errors(assignClaimSchema.safeParse({ claimId: "c", userId: "", assign: "assign" })).userId).toEqual(["Missing member."]);
  });
});
