import { describe, expect, it } from "vitest";
import { hashString } from "./features";
import { type DetectorModel, encodeWeights } from "./model";
import { MODEL, scoreCheckWorthiness } from "./score";

/** A tiny hand-made model: 16 hashed buckets, one signal weight. */
function fixtureModel(hashedWeights: Record<number, number> = {}): DetectorModel {
  const features = { bits: 4, charGrams: [], wordBigrams: false };
  const weights = Array.from({ length: 16 }, (_, i) => hashedWeights[i] ?? 0);
  const { data, scale } = encodeWeights(weights);
  return {
    format: 1,
    kind: "fixture",
    trainedOn: "nothing",
    features,
    bias: -1,
    dense: { "contains a number": 3 },
    hashed: data,
    hashedScale: scale,
    threshold: 0.5,
  };
}

describe("scoreCheckWorthiness", () => {
  it("gives empty or wordless input a zero score", () => {
    expect(scoreCheckWorthiness("")).toEqual({ score: 0, reasons: ["has no words"] });
    expect(scoreCheckWorthiness("  … — !! ")).toEqual({ score: 0, reasons: ["has no words"] });
  });

  it("scores in [0, 1] rounded to two decimals", () => {
    const samples = [
      "Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years, according to federal data.",
      "Thank you.",
      "I think we should hope for the best?",
      "x".repeat(10_000),
      "word ".repeat(5_000),
    ];
    for (const sentence of samples) {
      const { score } = scoreCheckWorthiness(sentence);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.round(score * 100) / 100).toBe(score);
    }
  });

  it("rates a statistic with a source high and explains why in plain words", () => {
    const result = scoreCheckWorthiness(
      "Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years, according to federal data.",
    );
    expect(result.score).toBeGreaterThanOrEqual(0.9);
    expect(result.reasons).toEqual(expect.arrayContaining(["contains a number", "cites a percentage", "makes a comparison"]));
    expect(result.reasons.some((r) => r.startsWith("wording typical of checked claims: “"))).toBe(true);
    expect(result.reasons.some((r) => r.startsWith("weighs against"))).toBe(false);
  });

  it("rates opinions, questions and greetings low and says what held them back", () => {
    const opinion = scoreCheckWorthiness("I think we should be proud of what this country stands for.");
    expect(opinion.score).toBeLessThan(0.2);
    expect(opinion.reasons).toContain("weighs against: reads as opinion");

    const question = scoreCheckWorthiness("How can we argue to voters that this is their best choice?");
    expect(question.score).toBeLessThan(0.2);
    expect(question.reasons).toContain("weighs against: is a question");

    expect(scoreCheckWorthiness("Thank you very much, and good evening.").score).toBeLessThan(0.1);
  });

  it("ranks a factual claim above an opinion on the same topic", () => {
    const fact = scoreCheckWorthiness("Border arrests rose 20 percent in 2022, the highest number on record.");
    const view = scoreCheckWorthiness("I believe the border is a complicated and important issue for our values.");
    expect(fact.score).toBeGreaterThan(0.8);
    expect(view.score).toBeLessThan(0.2);
  });

  it("puts the reasons that raised the score before those that lowered it, deterministically", () => {
    const sentence = "I think taxes rose 5 percent last year.";
    const first = scoreCheckWorthiness(sentence);
    const against = first.reasons.findIndex((r) => r.startsWith("weighs against"));
    expect(against).toBeGreaterThan(0);
    expect(first.reasons.slice(against).every((r) => r.startsWith("weighs against"))).toBe(true);
    expect(scoreCheckWorthiness(sentence)).toEqual(first);
  });

  it("scores with any model in the committed format", () => {
    const model = fixtureModel({ [hashString("w:tariffs") & 15]: 2 });
    // bias -1 + number 3 = 2; threshold 0.5 leaves the logit as it is.
    expect(scoreCheckWorthiness("There were 12 cases.", model)).toEqual({ score: 0.88, reasons: ["contains a number"] });
    const tariffs = scoreCheckWorthiness("Tariffs", model);
    // bias -1 + the one word at full weight (one word, scaled by 1/sqrt(1)).
    expect(tariffs.score).toBe(0.73);
    expect(tariffs.reasons).toEqual(["wording typical of checked claims: “tariffs”"]);
    expect(scoreCheckWorthiness("Nothing here at all.", model)).toEqual({ score: 0.27, reasons: ["no single strong signal"] });
  });

  it("re-centres the score so the model's threshold sits at 0.5", () => {
    const model = { ...fixtureModel(), threshold: 0.88 };
    expect(scoreCheckWorthiness("There were 12 cases.", model).score).toBe(0.5);
  });

  it("ships a compact committed model with a sane threshold", () => {
    expect(MODEL.format).toBe(1);
    expect(MODEL.threshold).toBeGreaterThan(0.05);
    expect(MODEL.threshold).toBeLessThan(0.95);
    expect(MODEL.hashed.length).toBeLessThan(1_500_000);
  });
});
