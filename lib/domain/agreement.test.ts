import { describe, expect, it } from "vitest";
import { fleissKappa, modalRaterCount, percentAgreement, summarizeAgreement, type RatingCounts } from "./agreement";

// Rows of a Fleiss table (claims x categories) as rating counts.
const table = (rows: number[][]): RatingCounts[] => rows.map((row) => Object.fromEntries(row.map((n, j) => [`c${j + 1}`, n]).filter(([, n]) => n !== 0)));

describe("fleissKappa", () => {
  it("matches a 3-claim, 2-rater table computed by hand", () => {
    // Claims: {A,A}, {A,B}, {B,B}.
    // P_i = (sum n_ij^2 - n) / (n(n-1)): (4-2)/2 = 1, (1+1-2)/2 = 0, 1  -> P-bar = 2/3.
    // p_A = 3/6, p_B = 3/6 -> P_e = 1/4 + 1/4 = 1/2.
    // kappa = (2/3 - 1/2) / (1 - 1/2) = (1/6) / (1/2) = 1/3.
    expect(fleissKappa([{ A: 2 }, { A: 1, B: 1 }, { B: 2 }])).toBeCloseTo(1 / 3, 12);
  });

  it("matches a 4-claim, 3-rater, 3-category table computed by hand", () => {
    // Claims: {A,A,A}, {A,A,B}, {B,B,B}, {A,B,C}; n = 3, n(n-1) = 6.
    // P_i: (9-3)/6 = 1, (4+1-3)/6 = 1/3, 1, (1+1+1-3)/6 = 0  -> P-bar = (7/3)/4 = 7/12.
    // Category totals A 6, B 5, C 1 of 12 -> P_e = (36 + 25 + 1)/144 = 62/144 = 31/72.
    // kappa = (7/12 - 31/72) / (1 - 31/72) = (11/72) / (41/72) = 11/41.
    expect(fleissKappa([{ A: 3 }, { A: 2, B: 1 }, { B: 3 }, { A: 1, B: 1, C: 1 }])).toBeCloseTo(11 / 41, 12);
  });

  it("reproduces the textbook 10-subject, 14-rater, 5-category example (kappa about 0.210)", () => {
    // The worked example in the style of Fleiss (1971) found in most references:
    // P-bar = 0.378, column shares 0.143 0.200 0.279 0.150 0.229, P_e = 0.213, kappa = 0.210.
    const rows = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(table(rows))).toBeCloseTo(0.21, 3);
  });

  it("is 1 for perfect agreement spread over categories, and undefined when every rating is the same", () => {
    // {A,A}, {B,B}: P-bar = 1, P_e = 1/2 -> kappa = 1. {A,A}, {A,A}: P_e = 1, kappa has no value.
    expect(fleissKappa([{ A: 2 }, { B: 2 }])).toBe(1);
    expect(fleissKappa([{ A: 2 }, { A: 2 }])).toBeNull();
    expect(fleissKappa([])).toBeNull();
  });

  it("is negative for systematic disagreement", () => {
    // {A,B} twice: P-bar = 0, P_e = 1/2 -> kappa = -1.
    expect(fleissKappa([{ A: 1, B: 1 }, { A: 1, B: 1 }])).toBe(-1);
  });

  it("refuses claims with different numbers of raters", () => {
    expect(() => fleissKappa([{ A: 2 }, { A: 3 }])).toThrow(/same number/);
  });
});

describe("percentAgreement", () => {
  it("is the share of unanimous claims", () => {
    expect(percentAgreement([{ A: 2 }, { A: 1, B: 1 }, { B: 3 }])).toBeCloseTo(2 / 3, 12);
    expect(percentAgreement([])).toBeNull();
  });
});

describe("modalRaterCount", () => {
  it("takes the most common number of raters, the smaller on a tie", () => {
    expect(modalRaterCount([{ A: 2 }, { A: 3 }, { B: 3 }])).toBe(3);
    expect(modalRaterCount([{ A: 2 }, { A: 3 }])).toBe(2);
    expect(modalRaterCount([])).toBeNull();
  });
});

describe("summarizeAgreement", () => {
  it("says nothing under two qualifying claims, ignoring claims with a single review", () => {
    expect(summarizeAgreement([{ A: 2 }, { B: 1 }])).toEqual({ claims: 1, unanimous: 1, percentAgreement: null, kappa: null });
    expect(summarizeAgreement([])).toEqual({ claims: 0, unanimous: 0, percentAgreement: null, kappa: null });
  });

  it("gives percent agreement over all claims and kappa over the claims with the modal number of reviews", () => {
    // Three 2-review claims {A,A}, {A,B}, {B,B} (kappa 1/3 above) and one 3-review claim {A,A,A}.
    const summary = summarizeAgreement([{ A: 2 }, { A: 1, B: 1 }, { B: 2 }, { A: 3 }]);
    expect(summary.claims).toBe(4);
    expect(summary.unanimous).toBe(3);
    expect(summary.percentAgreement).toBe(0.75);
    expect(summary.kappa?.raters).toBe(2);
    expect(summary.kappa?.claims).toBe(3);
    expect(summary.kappa?.value).toBeCloseTo(1 / 3, 12);
  });

  it("leaves kappa out when fewer than two claims share the modal number of reviews", () => {
    const summary = summarizeAgreement([{ A: 2 }, { A: 3 }]);
    expect(summary.percentAgreement).toBe(1);
    expect(summary.kappa).toBeNull();
  });
});
