import { describe, expect, it } from "vitest";
import { decodeNotice, encodeNotice, projectChange } from "./change";

const review = {
  id: 42n,
  action: "review.submitted",
  entityType: "review",
  entityId: "r1",
  claimId: "c1",
  origin: "WEB" as const,
  before: null,
  after: { rating: "false", confidence: 3 },
  createdAt: new Date("2026-11-28T10:00:00Z"),
  actor: { id: "author", name: "Riley Reviewer" },
};

describe("projectChange", () => {
  it("leaves a review's rating out for a viewer the policy does not let see it", () => {
    const change = projectChange(review, "someone-else", false, null);
    expect(change).toMatchObject({ id: "42", kind: "review.submitted", before: null, after: null });
    expect(JSON.stringify(change)).not.toContain("false");
  });

  it("keeps it for those who may see it, and for the review's own author", () => {
    expect(projectChange(review, "editor", true, null).after).toEqual({ rating: "false", confidence: 3 });
    expect(projectChange(review, "author", false, null).after).toEqual({ rating: "false", confidence: 3 });
  });

  it("keeps other changes whole", () => {
    const source = { ...review, action: "source.added", entityType: "source", after: { title: "CPS" } };
    expect(projectChange(source, "someone-else", false, null).after).toEqual({ title: "CPS" });
  });
});

describe("notices", () => {
  it("round-trip, and anything malformed is ignored rather than trusted", () => {
    const notice = { workspaceId: "w1", articleId: "a1", eventId: 9007199254740993n };
    expect(decodeNotice(encodeNotice(notice))).toEqual(notice);
    for (const bad of [undefined, "", "{", '{"w":"w1","a":"a1","e":"12x"}', '{"w":"","a":null,"e":"1"}']) expect(decodeNotice(bad)).toBeNull();
  });
});
