import { describe, expect, it } from "vitest";
import { lockoutSeconds, secondsUntilAllowed } from "./throttle";

describe("sign-in throttling", () => {
  it("allows a few mistakes without waiting", () => {
    expect(lockoutSeconds(0)).toBe(0);
    expect(lockoutSeconds(4)).toBe(0);
  });

  it("doubles the wait after each further failure, up to 15 minutes", () => {
    expect(lockoutSeconds(5)).toBe(30);
    expect(lockoutSeconds(6)).toBe(60);
    expect(lockoutSeconds(7)).toBe(120);
    expect(lockoutSeconds(20)).toBe(900);
  });

  it("counts down from the last failure", () => {
    const last = new Date("2026-01-01T12:00:00Z");
    expect(secondsUntilAllowed(5, last, new Date("2026-01-01T12:00:10Z"))).toBe(20);
    expect(secondsUntilAllowed(5, last, new Date("2026-01-01T12:00:31Z"))).toBe(0);
    expect(secondsUntilAllowed(2, last, last)).toBe(0);
  });
});
