import { describe, expect, it } from "vitest";
import { scoreText, splitLines } from "./batch";

const TRANSCRIPT = [
  "MODERATOR: Good evening and welcome.",
  "  Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years.  ",
  "",
  "I think we should all be proud of this country?",
].join("\r\n");

describe("splitLines", () => {
  it("gives one trimmed span per non-blank line with offsets into the text", () => {
    const spans = splitLines(TRANSCRIPT);
    expect(spans.map((s) => s.text)).toEqual([
      "MODERATOR: Good evening and welcome.",
      "Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years.",
      "I think we should all be proud of this country?",
    ]);
    for (const s of spans) expect(TRANSCRIPT.slice(s.start, s.end)).toBe(s.text);
    expect(splitLines("")).toEqual([]);
    expect(splitLines(" \n\t\r\n")).toEqual([]);
  });
});

describe("scoreText", () => {
  it("scores each line with the detector's model and threshold", () => {
    const units = scoreText(TRANSCRIPT, { lines: true });
    expect(units.map((u) => u.checkworthy)).toEqual([false, true, false]);
    for (const u of units) {
      expect(TRANSCRIPT.slice(u.start, u.end)).toBe(u.text);
      expect(u.checkworthy).toBe(u.score >= 0.5);
      expect(Object.keys(u)).toEqual(["text", "start", "end", "score", "checkworthy", "claimant", "reasons"]);
    }
    expect(units[1]?.reasons).toContain("cites a percentage");
  });

  it("splits into sentences without --lines, and attributes quoted speech", () => {
    const text = "“Border arrests rose 20 percent in 2022,” Sen. Jane Doe told reporters. Thank you.";
    const units = scoreText(text);
    expect(units.map((u) => u.text)).toEqual(["“Border arrests rose 20 percent in 2022,” Sen. Jane Doe told reporters.", "Thank you."]);
    expect(units[0]).toMatchObject({ start: 0, checkworthy: true, claimant: "Jane Doe" });
    expect(units[1]).toMatchObject({ checkworthy: false });
  });

  it("takes a custom threshold and handles empty input", () => {
    expect(scoreText("")).toEqual([]);
    expect(scoreText(TRANSCRIPT, { lines: true, threshold: 0 }).every((u) => u.checkworthy)).toBe(true);
    expect(scoreText(TRANSCRIPT, { lines: true, threshold: 1.01 }).some((u) => u.checkworthy)).toBe(false);
  });
});
