import { describe, expect, it } from "vitest";
import { ADDRESS_RULE, EMAIL_RULE, FORGET_AFTER_MS, liveFailures, lockoutSeconds, secondsUntilAllowed, waitText } from "./throttle";

describe("sign-in throttling", () => {
  it("allows a few mistakes without waiting", () => {
    expect(lockoutSeconds(EMAIL_RULE, 0)).toBe(0);
    expect(lockoutSeconds(EMAIL_RULE, 4)).toBe(0);
    expect(lockoutSeconds(ADDRESS_RULE, 19)).toBe(0);
  });

  it("keeps an email's wait short, so its owner gets in within a minute", () => {
    expect(lockoutSeconds(EMAIL_RULE, 5)).toBe(15);
    expect(lockoutSeconds(EMAIL_RULE, 6)).toBe(30);
    expect(lockoutSeconds(EMAIL_RULE, 7)).toBe(60);
    expect(lockoutSeconds(EMAIL_RULE, 500)).toBe(60);
  });

  it("doubles an address's wait after each further failure, up to 15 minutes", () => {
    expect(lockoutSeconds(ADDRESS_RULE, 20)).toBe(30);
    expect(lockoutSeconds(ADDRESS_RULE, 21)).toBe(60);
    expect(lockoutSeconds(ADDRESS_RULE, 25)).toBe(900);
    expect(lockoutSeconds(ADDRESS_RULE, 10_000)).toBe(900);
  });

  it("counts down from the last failure", () => {
    const last = new Date("2026-01-01T12:00:00Z");
    expect(secondsUntilAllowed(EMAIL_RULE, 5, last, new Date("2026-01-01T12:00:10Z"))).toBe(5);
    expect(secondsUntilAllowed(EMAIL_RULE, 5, last, new Date("2026-01-01T12:00:16Z"))).toBe(0);
    expect(secondsUntilAllowed(EMAIL_RULE, 2, last, last)).toBe(0);
  });

  it("forgets failures after an hour without one", () => {
    const last = new Date("2026-01-01T12:00:00Z");
    expect(liveFailures(30, last, new Date(last.getTime() + FORGET_AFTER_MS - 1))).toBe(30);
    expect(liveFailures(30, last, new Date(last.getTime() + FORGET_AFTER_MS))).toBe(0);
  });

  it("words the wait", () => {
    expect(waitText(1)).toBe("1 second");
    expect(waitText(45)).toBe("45 seconds");
    expect(waitText(60)).toBe("1 minute");
    expect(waitText(61)).toBe("2 minutes");
  });
});
