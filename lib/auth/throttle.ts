// PURE: how long a sign-in waits after repeated wrong passwords.
//
// Two counters, both kept in the database so every app instance shares them:
// - per network address, whatever emails it tries: 20 failures free, then a wait that doubles
//   from 30 seconds up to 15 minutes. This is the limit that stops guessing.
// - per email, from any address: 5 failures free, then 15, 30 and at most 60 seconds. It slows
//   guesses spread over many addresses, yet the account's owner is never kept out for longer
//   than a minute by someone else's guesses.
// A counter that has seen no failure for an hour starts again from zero.

export type ThrottleRule = { free: number; baseSeconds: number; maxSeconds: number };

export const ADDRESS_RULE: ThrottleRule = { free: 20, baseSeconds: 30, maxSeconds: 15 * 60 };
export const EMAIL_RULE: ThrottleRule = { free: 5, baseSeconds: 15, maxSeconds: 60 };

/** Failures this old are forgotten; rows older than this are deleted. */
export const FORGET_AFTER_MS = 60 * 60 * 1000;

/** Seconds the next attempt must wait after `failures` counted failures (0: no wait). */
export function lockoutSeconds(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.baseSeconds * 2 ** Math.min(failures - rule.free, 30), rule.maxSeconds);
}

/** The failures that still count: none once the last one is older than FORGET_AFTER_MS. */
export function liveFailures(failures: number, lastFailure: Date, now: Date): number {
  return now.getTime() - lastFailure.getTime() >= FORGET_AFTER_MS ? 0 : failures;
}

/** Seconds left before another attempt is allowed, given the last failure's time. */
export function secondsUntilAllowed(rule: ThrottleRule, failures: number, lastFailure: Date, now: Date): number {
  const waitUntil = lastFailure.getTime() + lockoutSeconds(rule, liveFailures(failures, lastFailure, now)) * 1000;
  return Math.max(0, Math.ceil((waitUntil - now.getTime()) / 1000));
}

/** "45 seconds", "3 minutes": how long to wait, for the sign-in form. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
