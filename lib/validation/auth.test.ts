import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInSchema } from "./auth";

describe("safeCallbackPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackPath("/w/demo/articles/abc?claim=x")).toBe("/w/demo/articles/abc?claim=x");
  });

  it("refuses every way of naming another site", () => {
    for (const raw of ["https://evil.example/", "//evil.example/x", "/\\evil.example/login", "/\t/evil.example", "javascript:alert(1)"]) {
      expect(safeCallbackPath(raw), raw).toBe("/");
    }
  });

  it("falls back to the home page when nothing is given", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
  });
});

describe("signInSchema", () => {
  it("normalises the email and requires a password", () => {
    expect(signInSchema.parse({ email: "  Ana@Example.ORG ", password: "x" }).email).toBe("ana@example.org");
    expect(signInSchema.safeParse({ email: "ana@example.org", password: "" }).success).toBe(false);
    expect(signInSchema.safeParse({ email: "not-an-email", password: "x" }).success).toBe(false);
  });
});
