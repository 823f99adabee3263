import { describe, expect, it } from "vitest";
import { segmentBody } from "./segments";

describe("segmentBody", () => {
  const body = "First sentence here. Second one.\n\nThird paragraph.";

  it("splits paragraphs at line breaks and skips blank lines", () => {
    const paragraphs = segmentBody(body, []);
    expect(paragraphs.map((p) => body.slice(p.start, p.end))).toEqual(["First sentence here. Second one.", "Third paragraph."]);
  });

  it("marks each claim's words as one run per paragraph", () => {
    const [first] = segmentBody(body, [{ id: "a", start: 21, end: 32 }]);
    expect(first?.runs.map((r) => [body.slice(r.start, r.end), r.claimId])).toEqual([
      ["First sentence here. ", null],
      ["Second one.", "a"],
    ]);
  });

  it("gives overlapping text to the narrower claim, or to the selected one", () => {
    const claims = [
      { id: "wide", start: 0, end: 32 },
      { id: "narrow", start: 6, end: 14 },
    ];
    const owners = (selected?: string) => segmentBody(body, claims, selected)[0]?.runs.map((r) => [body.slice(r.start, r.end), r.claimId]);
    expect(owners()).toEqual([
      ["First ", "wide"],
      ["sentence", "narrow"],
      [" here. Second one.", "wide"],
    ]);
    expect(owners("wide")).toEqual([
      ["First ", "wide"],
      ["sentence", "wide"],
      [" here. Second one.", "wide"],
    ]);
  });

  it("splits a claim that spans paragraphs and flags only its first run as the start", () => {
    const paragraphs = segmentBody(body, [{ id: "x", start: 21, end: 50 }]);
    const runs = paragraphs.flatMap((p) => p.runs).filter((r) => r.claimId === "x");
    expect(runs.map((r) => r.isClaimStart)).toEqual([true, false]);
  });
});
