import { describe, expect, it } from "vitest";
import type { LiveClaim } from "./change";
import { compactClaims, expandClaims } from "./compact";

const body = "The mayor said 42 teachers were hired. Crime fell 𝐭𝐰𝐨 percent.";
const claim = (over: Partial<LiveClaim>): LiveClaim => ({
  id: "c1", quote: "", start: 0, end: 0, statement: "", claimant: null, score: 0.9, status: "DETECTED", origin: "DETECTED", version: 1, rev: 1, sourceCount: 0, publishedRating: null, ...over,
});

describe("compactClaims / expandClaims", () => {
  const first = claim({ id: "a", start: 15, end: 37, quote: body.slice(15, 37), statement: body.slice(15, 37) });
  const edited = claim({ id: "b", start: 39, end: 63, quote: body.slice(39, 63), statement: "Crime fell two percent in 2024." });
  const moved = claim({ id: "c", start: 0, end: 9, quote: "Another quote", statement: "Another quote" });

  it("leaves out a quote that is the text at its offsets, and a statement that is the quote", () => {
    const [a, b, c] = compactClaims([first, edited, moved], body);
    expect(a).not.toHaveProperty("quote");
    expect(a).not.toHaveProperty("statement");
    expect(b).not.toHaveProperty("quote");
    expect(b?.statement).toBe("Crime fell two percent in 2024.");
    expect(c?.quote).toBe("Another quote");
    expect(c).not.toHaveProperty("statement");
  });

  it("gives back the same claims, astral-plane letters included", () => {
    expect(expandClaims(compactClaims([first, edited, moved], body), body)).toEqual([first, edited, moved]);
  });
});
