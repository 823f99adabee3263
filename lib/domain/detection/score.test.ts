import { describe, expect, it } from "vitest";
import { scoreCheckWorthiness } from "./score";

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
    ];
    for (const sentence of samples) {
      const { score } = scoreCheckWorthiness(sentence);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.round(score * 100) / 100).toBe(score);
    }
  });

  it("rates a statistic with a source high and explains why", () => {
    const result = scoreCheckWorthiness(
      "Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years, according to federal data.",
    );
    expect(result.score).toBeGreaterThanOrEqual(0.9);
    expect(result.reasons).toEqual(
      expect.arrayContaining([
        "contains a number",
        "cites a percentage",
        "refers to a date",
        "makes a comparison",
        "names a source",
        "uses statistical language",
      ]),
    );
  });

  it("rates opinions, questions, predictions and greetings low", () => {
    const opinion = scoreCheckWorthiness("I think we should be proud of what this country stands for.");
    expect(opinion.score).toBeLessThan(0.2);
    expect(opinion.reasons).toContain("reads as opinion");

    const question = scoreCheckWorthiness("How can we argue to voters that this is their best choice?");
    expect(question.score).toBeLessThan(0.2);
    expect(question.reasons).toContain("is a question");

    const prediction = scoreCheckWorthiness("It could cost him at the polls, and it will hurt the party.");
    expect(prediction.score).toBeLessThan(0.3);
    expect(prediction.reasons).toContain("is a prediction");

    const greeting = scoreCheckWorthiness("Thank you all, and good evening.");
    expect(greeting.score).toBeLessThan(0.05);
    expect(greeting.reasons[0]).toBe("is a greeting");
    expect(scoreCheckWorthiness("Thank you.").reasons).toEqual(["is a greeting", "is very short"]);
  });

  it("ranks a factual claim above an opinion on the same topic", () => {
    const fact = scoreCheckWorthiness("Border arrests doubled between 2020 and 2022, federal figures show.");
    const view = scoreCheckWorthiness("I believe the border is a complicated issue for all of us.");
    expect(fact.score).toBeGreaterThan(0.8);
    expect(view.score).toBeLessThan(0.1);
  });

  it("credits reported speech but not an introduced quotation", () => {
    expect(scoreCheckWorthiness("Several officials told CNN they had been pushing for a deal.").reasons).toContain(
      "names a source",
    );
    expect(scoreCheckWorthiness("She told CNN: “I cannot campaign for someone like that.”").reasons).not.toContain(
      "names a source",
    );
  });

  it("does not treat a future month as a dated fact", () => {
    expect(scoreCheckWorthiness("It could matter at the polls next November.").reasons).not.toContain("refers to a date");
    expect(scoreCheckWorthiness("Turnout fell in November.").reasons).toContain("refers to a date");
  });

  it("lists the strongest reasons first and is deterministic", () => {
    const sentence = "Arrests rose 5 percent, the agency said.";
    const first = scoreCheckWorthiness(sentence);
    expect(first.reasons.slice(0, 2)).toEqual(["contains a number", "cites a percentage"]);
    expect(scoreCheckWorthiness(sentence)).toEqual(first);
  });
});
