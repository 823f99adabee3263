import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FORGET_AFTER_MS } from "@/lib/auth/throttle";
import { getDb } from "./client";
import { forgetOldFailures, reserveSignInAttempt, settleSignInAttempt } from "./login-throttle";

// Each test signs in with its own emails from its own addresses, so runs and other files never
// share a counter.
const uniqueEmail = () => `throttle-${randomBytes(6).toString("hex")}@factdesk.test`;
const uniqueAddress = () => `198.51.100.${randomBytes(4).readUInt32BE() % 250}-${randomBytes(4).toString("hex")}`;
const T0 = new Date("2026-01-01T12:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const go = { waitSeconds: 0, limitedBy: null };

/** `times` attempts that go ahead and fail (no correct password settles them). */
async function fail(email: string, address: string, times: number, at = T0) {
  for (let i = 0; i < times; i++) expect(await reserveSignInAttempt(email, address, at)).toEqual(go);
}

const emailRow = (email: string) => getDb().loginThrottle.findFirst({ where: { email } });
const addressRow = (address: string) => getDb().loginAddressThrottle.findFirst({ where: { address } });

describe("sign-in throttle per email", () => {
  it("lets the first five attempts through and counts each one on the email and the address", async () => {
    const [email, address] = [uniqueEmail(), uniqueAddress()];
    await fail(email, address, 5);
    expect((await emailRow(email))?.failures).toBe(5);
    expect((await addressRow(address))?.failures).toBe(5);
  });

  it("makes the sixth wait 15 seconds, from any address, without counting the refused attempt", async () => {
    const email = uniqueEmail();
    await fail(email, uniqueAddress(), 5);
    expect(await reserveSignInAttempt(email, uniqueAddress(), later(10))).toEqual({ waitSeconds: 5, limitedBy: "email" });
    expect((await emailRow(email))?.failures).toBe(5);
    expect(await reserveSignInAttempt(email, uniqueAddress(), later(15))).toEqual(go);
  });

  it("never makes the owner wait more than a minute, however long the guessing goes on", async () => {
    const email = uniqueEmail();
    let at = 0;
    // Guesses from ever new addresses, each as soon as the email allows it: 30 of them.
    for (let i = 0; i < 30; i++) {
      let reservation = await reserveSignInAttempt(email, uniqueAddress(), later(at));
      if (reservation.waitSeconds > 0) {
        expect(reservation.waitSeconds).toBeLessThanOrEqual(60);
        at += reservation.waitSeconds;
        reservation = await reserveSignInAttempt(email, uniqueAddress(), later(at));
      }
      expect(reservation).toEqual(go);
    }
    // The owner, at their own address, a minute after the last guess: allowed, and a correct
    // password starts the email's count afresh.
    const owner = uniqueAddress();
    expect((await reserveSignInAttempt(email, owner, later(at + 1))).waitSeconds).toBeLessThanOrEqual(60);
    expect(await reserveSignInAttempt(email, owner, later(at + 60))).toEqual(go);
    await settleSignInAttempt(email, owner);
    expect(await emailRow(email)).toBeNull();
    expect((await addressRow(owner))?.failures).toBe(0);
  });

  it("lets only five of twenty parallel guesses through", async () => {
    const email = uniqueEmail();
    const results = await Promise.all(Array.from({ length: 20 }, () => reserveSignInAttempt(email, uniqueAddress(), T0)));
    expect(results.filter((r) => r.waitSeconds === 0)).toHaveLength(5);
    expect(results.filter((r) => r.waitSeconds === 15 && r.limitedBy === "email")).toHaveLength(15);
  });
});

describe("sign-in throttle per address", () => {
  it("slows an address that tries many emails, and only that address", async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 20; i++) await fail(uniqueEmail(), address, 1);
    const fresh = uniqueEmail();
    expect(await reserveSignInAttempt(fresh, address, later(1))).toEqual({ waitSeconds: 29, limitedBy: "address" });
    // Nothing was counted for the refused attempt.
    expect((await addressRow(address))?.failures).toBe(20);
    expect(await emailRow(fresh).then((row) => row?.failures)).toBe(0);
    // The same email from another address goes ahead.
    expect(await reserveSignInAttempt(fresh, uniqueAddress(), later(1))).toEqual(go);
    // The wait doubles with each further failure, up to 15 minutes.
    expect(await reserveSignInAttempt(uniqueEmail(), address, later(30))).toEqual(go);
    expect((await reserveSignInAttempt(uniqueEmail(), address, later(31))).waitSeconds).toBe(59);
  });

  it("lets twenty of forty parallel guesses from one address through", async () => {
    const address = uniqueAddress();
    const results = await Promise.all(Array.from({ length: 40 }, () => reserveSignInAttempt(uniqueEmail(), address, T0)));
    expect(results.filter((r) => r.waitSeconds === 0)).toHaveLength(20);
    expect(results.filter((r) => r.limitedBy === "address")).toHaveLength(20);
  });

  it("gives back the attempt a correct password was charged, but keeps the earlier failures", async () => {
    const address = uniqueAddress();
    await fail(uniqueEmail(), address, 3);
    const owner = uniqueEmail();
    await fail(owner, address, 1);
    await settleSignInAttempt(owner, address);
    expect((await addressRow(address))?.failures).toBe(3);
    // A desk behind one address signing in all morning is never slowed by its own successes.
    for (let i = 0; i < 40; i++) {
      const someone = uniqueEmail();
      await fail(someone, address, 1);
      await settleSignInAttempt(someone, address);
    }
    expect((await addressRow(address))?.failures).toBe(3);
  });
});

describe("forgetting and cleaning up", () => {
  it("starts counting afresh an hour after the last failure", async () => {
    const [email, address] = [uniqueEmail(), uniqueAddress()];
    await fail(email, address, 5);
    expect((await reserveSignInAttempt(email, address, later(1))).waitSeconds).toBeGreaterThan(0);
    const anHourOn = new Date(T0.getTime() + FORGET_AFTER_MS);
    expect(await reserveSignInAttempt(email, address, anHourOn)).toEqual(go);
    expect((await emailRow(email))?.failures).toBe(1);
  });

  it("deletes the rows of emails nobody has once they are forgotten, when new rows come", async () => {
    const [stranger, address] = [uniqueEmail(), uniqueAddress()];
    const old = new Date(Date.now() - FORGET_AFTER_MS - 60_000);
    await fail(stranger, address, 2, old);
    expect(await emailRow(stranger)).not.toBeNull();
    // Any new row (a new email or address) sweeps the forgotten ones away.
    await fail(uniqueEmail(), uniqueAddress(), 1, new Date());
    expect(await emailRow(stranger)).toBeNull();
    expect(await addressRow(address)).toBeNull();
  });

  it("keeps rows that still count", async () => {
    const [email, address] = [uniqueEmail(), uniqueAddress()];
    const now = new Date();
    await fail(email, address, 2, new Date(now.getTime() - FORGET_AFTER_MS + 60_000));
    await forgetOldFailures(now);
    expect((await emailRow(email))?.failures).toBe(2);
  });
});
