import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD, passwordProblem } from "./password-policy";

describe("the password policy", () => {
  it("accepts a long, uncommon password", async () => {
    expect(await passwordProblem("violet tram under the bridge")).toBeNull();
    expect(await passwordProblem("k7#Qm2!vZx9p")).toBeNull();
  });

  it("asks for at least twelve characters, counted as people count them", async () => {
    expect(await passwordProblem("Tr0ub4dor&3")).toBe("Use at least 12 characters.");
    // Twelve letters outside the basic plane are twelve characters, not twenty-four.
    expect(await passwordProblem("𝒱𝒾𝑜𝓁𝑒𝓉𝒯𝓇𝒶𝓂𝓈𝓍")).toBeNull();
    expect(await passwordProblem("x".repeat(201))).toBe("Use at most 200 characters.");
  });

  it("refuses passwords on the common list, in any case", async () => {
    for (const password of ["PasswordPassword", "1qaz2wsx3edc4rfv", "QWERTY123456", "123456789012", "iloveyou1234"]) {
      expect(await passwordProblem(password), password).toBe(COMMON_PASSWORD);
    }
  });

  it("refuses a common word dressed up with digits and symbols at either end", async () => {
    expect(await passwordProblem("Sunshine2024!!")).toBe(COMMON_PASSWORD);
    expect(await passwordProblem("!!!password123")).toBe(COMMON_PASSWORD);
    expect(await passwordProblem("Factdesk2026!")).toBe(COMMON_PASSWORD);
  });

  it("refuses a short pattern repeated", async () => {
    expect(await passwordProblem("abcabcabcabc")).toMatch(/pattern/);
    expect(await passwordProblem("zzzzzzzzzzzzzz")).toMatch(/pattern/);
    expect(await passwordProblem("ababababababx")).toMatch(/pattern/);
  });

  it("refuses the person's own email", async () => {
    expect(await passwordProblem("riley.reviewer@desk.example", { email: "Riley.Reviewer@desk.example" })).toMatch(/email/);
    expect(await passwordProblem("riley.reviewer2026", { email: "riley.reviewer@desk.example" })).toMatch(/email/);
    expect(await passwordProblem("riley.reviewer2026", { email: "someone@desk.example" })).toBeNull();
  });
});
