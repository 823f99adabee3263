import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { clearSignInFailures, reserveSignInAttempt } from "./login-throttle";

// Each test signs in as its own address, so runs and other files never share a counter.
const uniqueEmail = () => `throttle-${randomBytes(6).toString("hex")}@factdesk.test`;
const T0 = new Date("2026-01-01T12:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** `times` attempts at T0 that go ahead and fail (no correct password clears them). */
async function fail(email: string, times: number) {
  for (let i = 0; i < times; i++) expect(await reserveSignInAttempt(email, T0)).toBe(0);
}

describe("login throttle", () => {
  it("lets the first five attempts through and counts each one", async () => {
    const email = uniqueEmail();
    await fail(email, 5);
    expect((await getDb().loginThrottle.findFirstOrThrow({ where: { email } })).failures).toBe(5);
  });

  it("makes the sixth attempt wait 30 seconds, without counting the refused attempt", async () => {
    const email = uniqueEmail();
    await fail(email, 5);
    expect(await reserveSignInAttempt(email, later(10))).toBe(20);
    expect(await reserveSignInAttempt(email, later(29))).toBe(1);
    expect((await getDb().loginThrottle.findFirstOrThrow({ where: { email } })).failures).toBe(5);
    expect(await reserveSignInAttempt(email, later(30))).toBe(0);
  });

  it("doubles the wait with each further failure", async () => {
    const email = uniqueEmail();
    await fail(email, 5);
    expect(await reserveSignInAttempt(email, later(30))).toBe(0);
    expect(await reserveSignInAttempt(email, later(31))).toBe(59);
  });

  it("lets only five of twenty parallel guesses through", async () => {
    const email = uniqueEmail();
    const waits = await Promise.all(Array.from({ length: 20 }, () => reserveSignInAttempt(email, T0)));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w === 30)).toHaveLength(15);
  });

  it("keeps one counter per address", async () => {
    const slowed = uniqueEmail();
    const bystander = uniqueEmail();
    await fail(slowed, 5);
    expect(await reserveSignInAttempt(slowed, T0)).toBeGreaterThan(0);
    expect(await reserveSignInAttempt(bystander, T0)).toBe(0);
  });

  it("starts counting over after a successful sign-in", async () => {
    const email = uniqueEmail();
    await fail(email, 5);
    await clearSignInFailures(email);
    expect(await getDb().loginThrottle.count({ where: { email } })).toBe(0);
    await fail(email, 5);
  });

  it("clears an address that never failed without complaint", async () => {
    await expect(clearSignInFailures(uniqueEmail())).resolves.toBeUndefined();
  });
});
