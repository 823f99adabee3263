import { describe, expect, it } from "vitest";
import { describeRescore, rescoreClaims } from "./rescore";
import { scoreCheckWorthiness } from "./score";

describe("rescoreClaims", () => {
  const fixed: Record<string, number> = { up: 0.7, down: 0.3, same: 0.62, stays: 0.8, fresh: 0.55 };
  const score = (text: string) => fixed[text]!;

  it("keeps current scores, counts crossings of the threshold both ways, and scores claims that had none", () => {
    const tally = rescoreClaims(
      [
        { id: "a", quote: "up", score: 0.4 },
        { id: "b", quote: "down", score: 0.5 },
        { id: "c", quote: "same", score: 0.62 },
        { id: "d", quote: "stays", score: 0.6 },
        { id: "e", quote: "fresh", score: null },
      ],
      score,
    );
    expect(tally).toEqual({
      checked: 5,
      changed: [
        { id: "a", before: 0.4, after: 0.7 },
        { id: "b", before: 0.5, after: 0.3 },
        { id: "d", before: 0.6, after: 0.8 },
        { id: "e", before: null, after: 0.55 },
      ],
      crossedUp: 2,
      crossedDown: 1,
    });
  });

  it("scores the claim's words with the trained model by default", () => {
    const quote = "Unemployment fell to 3.9 percent in 2023, the lowest level in two decades.";
    expect(rescoreClaims([{ id: "x", quote, score: 0 }]).changed).toEqual([{ id: "x", before: 0, after: scoreCheckWorthiness(quote).score }]);
  });
});

describe("describeRescore", () => {
  const base = { checked: 40, rescored: 12, articles: 3, crossedUp: 2, crossedDown: 1, all: false, dryRun: false };
  it("says what changed, and what would in a dry run", () => {
    expect(describeRescore(base)).toBe("Re-scored 12 claims of 40 claims checked, in 3 articles: 2 rose to the detector's threshold (50%) or above, 1 fell below it. Statements, spans and statuses are unchanged.");
    expect(describeRescore({ ...base, dryRun: true })).toMatch(/^Would re-score 12 claims .* 2 would rise .* 1 would fall below it\. Statements, spans and statuses stay unchanged\.$/);
    expect(describeRescore({ ...base, rescored: 0 })).toBe("Checked 40 claims: every score is already the current detector's. Nothing changed.");
    expect(describeRescore({ ...base, checked: 0, rescored: 0 })).toBe("No untouched detected claims to re-score: nothing changed.");
  });
});
