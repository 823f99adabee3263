import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONTEXT_LENGTH } from "../anchoring";
import type { DetectedClaim } from "./detect";
import { CHECK_WORTHY_THRESHOLD, detectClaims } from "./detect";

const demo = readFileSync(new URL("../../../prisma/seed/articles/border-concessions.txt", import.meta.url), "utf8");
const WORD_CHAR = /[\p{L}\p{N}]/u;

function expectInvariants(body: string, claims: readonly DetectedClaim[]): void {
  let previousEnd = -1;
  for (const claim of claims) {
    expect(body.slice(claim.start, claim.end)).toBe(claim.quote);
    expect(claim.quote.length).toBeGreaterThan(0);
    expect(claim.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = claim.end;
    expect(WORD_CHAR.test(body[claim.start - 1] ?? "")).toBe(false);
    expect(WORD_CHAR.test(body[claim.end] ?? "")).toBe(false);
    expect(claim.prefix).toBe(body.slice(Math.max(0, claim.start - CONTEXT_LENGTH), claim.start));
    expect(claim.suffix).toBe(body.slice(claim.end, claim.end + CONTEXT_LENGTH));
    expect(claim.statement).toBe(claim.quote.replace(/\s+/g, " "));
    expect(claim.score).toBeGreaterThanOrEqual(CHECK_WORTHY_THRESHOLD);
    expect(claim.score).toBeLessThanOrEqual(1);
    expect(claim.reasons.length).toBeGreaterThan(0);
  }
}

describe("detectClaims", () => {
  it("finds nothing in empty, blank or chatty text", () => {
    expect(detectClaims("")).toEqual([]);
    expect(detectClaims(" \n\r\n\t ")).toEqual([]);
    expect(detectClaims("Thank you. Good evening, everyone. I think we should hope for the best.")).toEqual([]);
  });

  it("returns an anchored claim with score, reasons and claimant", () => {
    const body = "Good evening.\r\n“Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years,” said Rep. Jane Doe.";
    const claims = detectClaims(body);
    expect(claims).toHaveLength(1);
    const [claim] = claims;
    expect(claim).toMatchObject({
      start: 15,
      end: body.length,
      quote: "“Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years,” said Rep. Jane Doe.",
      prefix: "Good evening.\r\n",
      suffix: "",
      claimant: "Jane Doe",
    });
    expect(claim?.reasons).toContain("cites a percentage");
    expectInvariants(body, claims);
  });

  it("collapses whitespace in the statement but not in the quote", () => {
    const body = "Arrests rose   20 percent\tin 2022, officials said.";
    const [claim] = detectClaims(body);
    expect(claim?.quote).toBe(body);
    expect(claim?.statement).toBe("Arrests rose 20 percent in 2022, officials said.");
  });

  it("handles text without terminal punctuation and markup as text", () => {
    const body = "<script>alert(1)</script> Border arrests rose 20 percent in 2022 according to federal data";
    const claims = detectClaims(body);
    expect(claims.map((c) => c.quote)).toEqual([body]);
    expectInvariants(body, claims);
  });

  it("respects a custom threshold", () => {
    const all = detectClaims(demo, { threshold: 0 });
    const none = detectClaims(demo, { threshold: 1.01 });
    expect(all).toHaveLength(35);
    expect(none).toEqual([]);
    expect(detectClaims(demo, { threshold: 0.9 }).length).toBeLessThan(detectClaims(demo).length);
  });

  it("never breaks a sentence inside a title and a name in the demo article", () => {
    const all = detectClaims(demo, { threshold: 0 }).map((c) => c.statement);
    expect(all.some((s) => s.startsWith("Democratic Rep. Veronica Escobar, who also serves as co-chair"))).toBe(true);
    expect(all).toContain("No doubt about it,” Democratic Sen. Alex Padilla told CNN’s Manu Raju.");
    expect(all.some((s) => /(?:Rep|Sen)\.$/.test(s))).toBe(false);
  });

  it("picks the statistics, records, polls and quoted factual assertions of the demo article", () => {
    const claims = detectClaims(demo);
    expect(claims.length).toBeGreaterThanOrEqual(10);
    expect(claims.length).toBeLessThanOrEqual(20);
    expectInvariants(demo, claims);
    const statements = claims.map((c) => c.statement);
    // A poll.
    expect(statements).toContain(
      "A New York Times and Siena College poll last month found registered voters in six key battleground states gave Trump the edge in trust over Biden on immigration.",
    );
    expect(statements.some((s) => s.startsWith("Border security remains a political liability for Biden heading into 2024, as polls reveal"))).toBe(true);
    // A record.
    expect(statements.some((s) => s.startsWith("Since taking office, his administration has grappled with record high arrests"))).toBe(true);
    // A quoted factual assertion, with its claimant.
    const record = claims.find((c) => c.statement.startsWith("A White House official defended"));
    expect(record).toMatchObject({ start: 2659, end: 2908, claimant: "A White House official" });
    expect(record?.reasons).toContain("makes a comparison");
    // Reported action.
    expect(statements.some((s) => s.startsWith("Escobar cast blame on Republican governors"))).toBe(true);
  });

  it("leaves out opinion, rhetorical questions and predictions in the demo article", () => {
    const statements = detectClaims(demo).map((c) => c.statement);
    for (const excluded of [
      "He’s wrong.",
      "For Biden, the politics of the moment are complicated.",
      "But allies remain concerned about Biden’s vision.",
      "“How can we argue to voters that this is their best choice when they’re basically doing the same thing the other candidate tried to do?",
      "No doubt about it,” Democratic Sen. Alex Padilla told CNN’s Manu Raju.",
    ]) {
      expect(statements).not.toContain(excluded);
    }
    for (const start of [
      "“If he does go too far in the Trump direction", // prediction
      "In 2020, Americans chose President Biden’s vision of hope", // prediction and values
      "One Democratic strategist slammed the White House", // opinion
      "“It is deeply problematic", // opinion
      "“What’s clear is the dynamics here are very challenging", // opinion
    ]) {
      expect(statements.some((s) => s.startsWith(start))).toBe(false);
    }
  });

  it("is deterministic", () => {
    expect(detectClaims(demo)).toEqual(detectClaims(demo));
  });

  it("keeps its invariants on a megabyte of mixed text", () => {
    const body = `${demo}\r\n`.repeat(Math.ceil(1_048_576 / (demo.length + 2)));
    const claims = detectClaims(body);
    expect(claims.length).toBe(detectClaims(demo).length * Math.ceil(1_048_576 / (demo.length + 2)));
    expectInvariants(body, claims);
    // Correctness only; a generous timeout because the machine is shared (docs/detection.md has timings).
  }, 30_000);
});
