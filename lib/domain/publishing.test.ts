import { describe, expect, it } from "vitest";
import { independentSourceCount, publishBlockers, sourceSite, type GateInput } from "./publishing";

const gate = (over: Partial<GateInput> = {}): GateInput => ({
  status: "IN_REVIEW",
  sourceUrls: ["https://bls.gov/a", "https://census.gov/b"],
  reviewerIds: ["riley", "robin"],
  publisherId: "erin",
  rules: { minSourcesToPublish: 2, minReviewsToPublish: 2, fourEyes: true },
  ...over,
});

describe("publishing gate", () => {
  it("lets an editor who did not review publish when the rules are met", () => {
    expect(publishBlockers(gate())).toEqual([]);
  });

  it("refuses the editor who is the claim's only reviewer, and says how to get past it", () => {
    const blockers = publishBlockers(gate({ reviewerIds: ["erin"], rules: { minSourcesToPublish: 0, minReviewsToPublish: 1, fourEyes: true } }));
    expect(blockers).toEqual(["Four eyes: you are this claim's only reviewer. Another reviewer must review it, or another editor publish it."]);
  });

  it("with four eyes, someone other than the publisher must have reviewed, even when no review is required", () => {
    const rules = { minSourcesToPublish: 0, minReviewsToPublish: 0, fourEyes: true };
    expect(publishBlockers(gate({ reviewerIds: [], rules }))).toEqual(["Four eyes: someone other than you must review this claim before you publish its verdict."]);
    expect(publishBlockers(gate({ reviewerIds: ["erin", "riley"], rules }))).toEqual([]);
    expect(publishBlockers(gate({ reviewerIds: ["erin"], rules: { ...rules, fourEyes: false } }))).toEqual([]);
  });

  it("counts sources from one site once, and says exactly how many are missing", () => {
    expect(sourceSite("https://www.BLS.gov/news")).toBe("bls.gov");
    expect(independentSourceCount(["https://bls.gov/a", "https://www.bls.gov/b", "https://census.gov"])).toBe(2);
    const blockers = publishBlockers(gate({ sourceUrls: ["https://bls.gov/a", "https://www.bls.gov/b"] }));
    expect(blockers).toEqual(["This desk publishes with at least 2 independent sources (from different sites); this claim has 1."]);
  });

  it("counts independent reviews by person", () => {
    expect(publishBlockers(gate({ reviewerIds: ["riley"] }))).toEqual(["This desk publishes after at least 2 independent reviews; this claim has 1."]);
    expect(publishBlockers(gate({ reviewerIds: ["riley"], rules: { minSourcesToPublish: 2, minReviewsToPublish: 1, fourEyes: true } }))).toEqual([]);
  });

  it("publishes only from in review or reopened, and names every missing piece at once", () => {
    expect(publishBlockers(gate({ status: "RESEARCHING" }))).toEqual(["Only a claim in review can be published; this one is researching."]);
    expect(publishBlockers(gate({ status: "REOPENED" }))).toEqual([]);
    expect(publishBlockers(gate({ status: "PUBLISHED" }))[0]).toMatch(/Reopen the claim/);
    expect(publishBlockers(gate({ status: "DISMISSED" }))[0]).toMatch(/Restore it to the queue/);
    expect(publishBlockers(gate({ status: "QUEUED", sourceUrls: [], reviewerIds: [] }))).toHaveLength(4);
  });
});

describe("reviewAgreement", () => {
  it("needs two reviews, and tells agreement from a split with the tally", async () => {
    const { reviewAgreement } = await import("./publishing");
    expect(reviewAgreement(["false"])).toBeNull();
    expect(reviewAgreement(["false", "false", "false"])).toEqual({ kind: "agree", rating: "false", count: 3 });
    expect(reviewAgreement(["false", "misleading", "false"])).toEqual({ kind: "split", counts: [{ rating: "false", count: 2 }, { rating: "misleading", count: 1 }] });
  });
});
