import { describe, expect, it } from "vitest";
import { segmentBody, type Paragraph, type SpanLike } from "./segments";

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
    // Opened, the wide claim is drawn whole: one run, no seams where the narrow one sits.
    expect(owners("wide")).toEqual([["First sentence here. Second one.", "wide"]]);
  });

  it("gives a dismissed claim's words to a live claim covering them (a merge leaves one under the other)", () => {
    // "First sentence here. Second one." merged from two claims: the second part stays, dismissed.
    const claims = [
      { id: "merged", start: 0, end: 32 },
      { id: "part", start: 21, end: 32, dismissed: true },
    ];
    const owners = (selected?: string) => segmentBody(body, claims, selected)[0]?.runs.map((r) => [body.slice(r.start, r.end), r.claimId]);
    expect(owners()).toEqual([["First sentence here. Second one.", "merged"]]);
    // Opened from its own link, the dismissed claim still shows its words.
    expect(owners("part")).toEqual([
      ["First sentence here. ", "merged"],
      ["Second one.", "part"],
    ]);
    // With nothing else covering them, a dismissed claim keeps its words.
    expect(segmentBody(body, [{ id: "gone", start: 21, end: 32, dismissed: true }])[0]?.runs.map((r) => r.claimId)).toEqual([null, "gone"]);
  });

  it("draws a merged claim exactly as if it had been detected whole: one run, no seam where it was split", () => {
    // Split after "here." and merged back: the second part stays, dismissed, under the merged claim.
    const whole = segmentBody(body, [{ id: "merged", start: 0, end: 32 }]);
    for (const selected of [undefined, "merged"]) {
      expect(segmentBody(body, [{ id: "merged", start: 0, end: 32 }, { id: "part", start: 21, end: 32, dismissed: true }], selected)).toEqual(segmentBody(body, [{ id: "merged", start: 0, end: 32 }], selected));
    }
    expect(whole[0]?.runs).toEqual([{ start: 0, end: 32, claimId: "merged", isClaimStart: true }]);
    // The same with the dismissed part listed first, and with a claim inside the merged one.
    const inner = segmentBody(body, [{ id: "part", start: 0, end: 20, dismissed: true }, { id: "merged", start: 0, end: 32 }, { id: "word", start: 6, end: 14 }]);
    expect(inner[0]?.runs.map((r) => [body.slice(r.start, r.end), r.claimId, r.isClaimStart])).toEqual([
      ["First ", "merged", true],
      ["sentence", "word", true],
      [" here. Second one.", "merged", false],
    ]);
  });

  it("keeps two adjacent live claims apart", () => {
    const runs = segmentBody(body, [{ id: "a", start: 0, end: 20 }, { id: "b", start: 21, end: 32 }])[0]?.runs;
    expect(runs?.map((r) => r.claimId)).toEqual(["a", null, "b"]);
  });

  it("splits a claim that spans paragraphs and flags only its first run as the start", () => {
    const paragraphs = segmentBody(body, [{ id: "x", start: 21, end: 50 }]);
    const runs = paragraphs.flatMap((p) => p.runs).filter((r) => r.claimId === "x");
    expect(runs.map((r) => r.isClaimStart)).toEqual([true, false]);
  });
});

// The straightforward version segmentBody replaced: every claim tested against every paragraph.
function naiveSegments(body: string, claims: readonly SpanLike[], selectedId: string | null): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const started = new Set<string>();
  let cursor = 0;
  for (const line of body.split("\n")) {
    const from = cursor;
    const to = from + line.length;
    cursor = to + 1;
    if (line.trim() === "") continue;
    const inside = claims.filter((c) => c.start < to && c.end > from);
    const points = [...new Set([from, to, ...inside.flatMap((c) => [c.start, c.end]).filter((p) => p > from && p < to)])].sort((a, b) => a - b);
    const runs = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i]!;
      const end = points[i + 1]!;
      const covering = inside.filter((c) => c.start <= start && c.end >= end);
      const owner = covering.find((c) => c.id === selectedId) ?? [...covering].sort((a, b) => a.end - a.start - (b.end - b.start))[0];
      const claimId = owner?.id ?? null;
      const isClaimStart = claimId !== null && !started.has(claimId);
      if (claimId) started.add(claimId);
      runs.push({ start, end, claimId, isClaimStart });
    }
    // Neighbouring runs of the same claim are one run.
    for (let i = runs.length - 1; i > 0; i--) {
      if (runs[i]!.claimId === runs[i - 1]!.claimId) runs[i - 1]!.end = runs.splice(i, 1)[0]!.end;
    }
    paragraphs.push({ start: from, end: to, runs });
  }
  return paragraphs;
}

describe("segmentBody on many claims", () => {
  it("cuts the same runs as testing every claim against every paragraph, in any order of claims", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 30; round++) {
      const body = Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? "" : "word ".repeat(5 + random(20)))).join("\n");
      const claims = Array.from({ length: 25 }, (_, i) => {
        const start = random(body.length - 1);
        return { id: `c${i}`, start, end: Math.min(body.length, start + 1 + random(round % 2 ? 200 : 30)) };
      });
      const selected = round % 3 === 0 ? "c3" : null;
      expect(segmentBody(body, claims, selected)).toEqual(naiveSegments(body, claims, selected));
    }
  });
});
