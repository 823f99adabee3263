import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { clearSignInFailures, getSignInWait, recordSignInFailure } from "./login-throttle";

// Each test signs in as its own address, so runs and other files never share a counter.
const uniqueEmail = () => `throttle-${randomBytes(6).toString("hex")}@factdesk.test`;

async function fail(email: string, times: number) {
  for (let i = 0; i < times; i++) await recordSignInFailure(email);
}

describe("login throttle", () => {
  it("lets an address with no failures sign in at once", async () => {
    expect(await getSignInWait(uniqueEmail())).toBe(0);
  });

  it("does not slow down the first four wrong passwords", async () => {
    const email = uniqueEmail();
    await fail(email, 4);
    expect(await getSignInWait(email)).toBe(0);
    expect((await getDb().loginThrottle.findFirstOrThrow({ where: { email } })).failures).toBe(4);
  });

  it("makes the next attempt wait 30 seconds after the fifth failure", async () => {
    const email = uniqueEmail();
    await fail(email, 5);
    const { lastFailure } = await getDb().loginThrottle.findFirstOrThrow({ where: { email } });
    expect(await getSignInWait(email, lastFailure)).toBe(30);
    expect(await getSignInWait(email, new Date(lastFailure.getTime() + 29_000))).toBe(1);
    expect(await getSignInWait(email, new Date(lastFailure.getTime() + 30_000))).toBe(0);
  });

  it("doubles the wait with each further failure", async () => {
    const email = uniqueEmail();
    await fail(email, 7);
    const { lastFailure } = await getDb().loginThrottle.findFirstOrThrow({ where: { email } });
    expect(await getSignInWait(email, lastFailure)).toBe(120);
  });

  it("keeps one counter per address", async () => {
    const slowed = uniqueEmail();
    const bystander = uniqueEmail();
    await fail(slowed, 5);
    await fail(bystander, 1);
    expect(await getSignInWait(slowed)).toBeGreaterThan(0);
    expect(await getSignInWait(bystander)).toBe(0);
  });

  it("clears the wait after a successful sign-in", async () => {
    const email = uniqueEmail();
    await fail(email, 6);
    expect(await getSignInWait(email)).toBeGreaterThan(0);
    await clearSignInFailures(email);
    expect(await getSignInWait(email)).toBe(0);
    expect(await getDb().loginThrottle.count({ where: { email } })).toBe(0);
    // Counting starts over: one new failure is not enough to wait.
    await recordSignInFailure(email);
    expect(await getSignInWait(email)).toBe(0);
  });

  it("clears an address that never failed without complaint", async () => {
    await expect(clearSignInFailures(uniqueEmail())).resolves.toBeUndefined();
  });
});
