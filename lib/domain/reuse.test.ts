import { describe, expect, it } from "vitest";
import { reusedVerdictState } from "./reuse";

const at = new Date("2026-11-29T10:00:00Z");

describe("reusedVerdictState", () => {
  it("is current while the copied decision is the published original's newest", () => {
    expect(reusedVerdictState({ id: "d1", claim: { status: "PUBLISHED", decisions: [{ id: "d1", rating: "true", createdAt: at }] } })).toEqual({ current: true });
  });
  it("is out of date when the original was reopened", () => {
    expect(reusedVerdictState({ id: "d1", claim: { status: "REOPENED", decisions: [{ id: "d1", rating: "true", createdAt: at }] } })).toEqual({ current: false, reopened: true, latest: null });
  });
  it("is out of date, naming the new verdict, when the original was corrected", () => {
    expect(reusedVerdictState({ id: "d1", claim: { status: "PUBLISHED", decisions: [{ id: "d2", rating: "false", createdAt: at }] } })).toEqual({
      current: false,
      reopened: false,
      latest: { id: "d2", rating: "false", createdAt: at },
    });
  });
});
