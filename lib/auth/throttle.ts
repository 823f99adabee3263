// PURE: how long someone waits after repeated wrong passwords for one email address.
export const FREE_ATTEMPTS = 5;
const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds the next attempt must wait after `failures` consecutive failures (0: no wait). */
export function lockoutSeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);
}

/** Seconds left before another attempt is allowed, given the last failure's time. */
export function secondsUntilAllowed(failures: number, lastFailure: Date, now: Date): number {
  const waitUntil = lastFailure.getTime() + lockoutSeconds(failures) * 1000;
  return Math.max(0, Math.ceil((waitUntil - now.getTime()) / 1000));
}
