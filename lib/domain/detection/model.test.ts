import { describe, expect, it } from "vitest";
import { extractFeatures, hashString, tokenize } from "./features";
import { type DetectorModel, encodeWeights, scoreSentence } from "./model";

describe("features", () => {
  it("tokenizes lower-cased with digits folded, keeping decimals, percent and question marks", () => {
    expect(tokenize("Unemployment FELL to 3.5% in 2019?")).toEqual(["unemployment", "fell", "to", "0.0", "%", "in", "0000", "?"]);
    expect(tokenize("It’s Biden’s")).toEqual(["it's", "biden's"]);
  });

  it("hashes with 32-bit FNV-1a", () => {
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
  });

  it("hashes character n-grams in place exactly as hashing the n-gram strings would", () => {
    const mask = (1 << 20) - 1;
    const f = extractFeatures("Ab", { bits: 20, charGrams: [4, 3, 3], wordBigrams: false });
    const expected = ["w:ab", "c:<ab", "c:ab>", "c:<ab>"].map((key) => hashString(key) & mask);
    expect([...f.indices].sort()).toEqual([...new Set(expected)].sort());
    expect(f.terms.map((t) => t.term)).toEqual(["ab", "ab", "ab", "ab"]);
  });

  it("scales each feature group to unit length and stays deterministic", () => {
    const options = { bits: 20, charGrams: [3], wordBigrams: true };
    const f = extractFeatures("Taxes rose sharply.", options);
    expect(extractFeatures("Taxes rose sharply.", options)).toEqual(f);
    const words = f.terms.filter((t) => !t.term.includes(" ") || t.term.split(" ").length === 2);
    expect(words.length).toBeGreaterThan(0);
    const norm = [...f.values].reduce((sum, v) => sum + v * v, 0);
    expect(norm).toBeCloseTo(2, 1); // two groups, each of unit length (barring collisions)
    expect(f.signals.length).toBeGreaterThan(20);
  });
});

describe("model weights", () => {
  it("round-trip through signed bytes within half a step", () => {
    const weights = Array.from({ length: 16 }, (_, i) => (i - 8) / 3);
    const { data, scale } = encodeWeights(weights);
    const model: DetectorModel = {
      format: 1,
      kind: "fixture",
      trainedOn: "nothing",
      features: { bits: 4, charGrams: [], wordBigrams: false },
      bias: 0,
      dense: {},
      hashed: data,
      hashedScale: scale,
      threshold: 0.5,
    };
    const index = hashString("w:word") & 15;
    const { logit, terms } = scoreSentence(model, "word");
    expect(Math.abs(logit - (weights[index] ?? 0))).toBeLessThanOrEqual(scale / 2 + 1e-9);
    expect(terms).toEqual([{ label: "word", weight: logit }]);
  });

  it("refuses weights that do not match the feature size", () => {
    const { data, scale } = encodeWeights([1, 2, 3]);
    const model: DetectorModel = {
      format: 1,
      kind: "fixture",
      trainedOn: "nothing",
      features: { bits: 4, charGrams: [], wordBigrams: false },
      bias: 0,
      dense: {},
      hashed: data,
      hashedScale: scale,
      threshold: 0.5,
    };
    expect(() => scoreSentence(model, "word")).toThrow(/do not match/);
  });
});
