import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./auth";

// The path a sign-in returns to: always a path on this site, and a fixed point (sanitising the
// answer again gives the same answer), so no second pass anywhere can turn it into another site.

const ORIGIN = "https://desk.example";
const staysHome = (path: string) => new URL(path, `${ORIGIN}/w/demo/articles/`).origin === ORIGIN && new URL(path, ORIGIN).origin === ORIGIN;

describe("safeCallbackPath: nasty inputs", () => {
  const table: Array<[string, string]> = [
    ["/w/demo/articles/abc?claim=x#c", "/w/demo/articles/abc?claim=x#c"],
    ["//evil.example", "/"],
    ["//evil.example/x", "/"],
    ["///evil.example", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["/..//evil.example", "/evil.example"],
    ["/../..//evil.example/x?y=1", "/evil.example/x?y=1"],
    ["/./..//evil.example", "/evil.example"],
    ["/a/../..//evil.example", "/evil.example"],
    ["/%2e%2e//evil.example", "/evil.example"],
    ["%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    [" //evil.example", "/"],
    ["\u0000//evil.example", "/"],
    ["https://evil.example/", "/"],
    ["https:evil.example", "/"],
    ["https:/evil.example", "/"],
    ["http:\\\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["JaVaScRiPt:alert(1)", "/"],
    ["java\tscript:alert(1)", "/"],
    ["data:text/html,<script>alert(1)</script>", "/"],
    ["http://factdesk.invalid/w/demo", "/w/demo"],
    ["", "/"],
  ];
  it.each(table)("%j -> %j", (raw, expected) => {
    const once = safeCallbackPath(raw);
    expect(once).toBe(expected);
    expect(safeCallbackPath(once)).toBe(once);
    expect(staysHome(once)).toBe(true);
  });

  it("nothing given is the home page", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
  });
});

describe("safeCallbackPath: properties over generated inputs", () => {
  // A seeded generator (mulberry32), so a failure names an input that can be replayed.
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const PIECES = ["/", "//", "\\", "..", ".", "%2e", "%2E%2e", "%2F", "%2f", "%5C", "%00", "%0A", "\t", "\n", "\r", " ", "\u0000", "evil.example", "w", "demo", "?", "#", "@", ":", "http:", "https:", "javascript:", "data:", "%", "%25", "\u3002", "\uFF0F", "\u2215", "a"];

  it("sanitising twice is sanitising once, and the answer stays on the origin (20,000 inputs)", () => {
    const next = random(20261129);
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(next() * 8);
      let raw = "";
      for (let j = 0; j < length; j++) raw += PIECES[Math.floor(next() * PIECES.length)];
      const once = safeCallbackPath(raw);
      expect(safeCallbackPath(once), JSON.stringify(raw)).toBe(once);
      expect(once.startsWith("/") && !once.startsWith("//") && !once.startsWith("/\\"), JSON.stringify(raw)).toBe(true);
      expect(staysHome(once), JSON.stringify(raw)).toBe(true);
    }
  });
});
