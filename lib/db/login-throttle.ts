import "server-only";
import { secondsUntilAllowed } from "@/lib/auth/throttle";
import { getDb } from "./client";

// Kept in the database, not in memory, so every app instance sees the same count.

/**
 * Claims one sign-in attempt for an email. Returns the seconds to wait when the email is
 * throttled (nothing is counted then), or 0 when the attempt may go ahead; the attempt is
 * counted as a failure up front, under a row lock, so parallel guesses cannot all slip through
 * before the first failure is recorded. A correct password clears the count.
 */
export async function reserveSignInAttempt(email: string, now = new Date()): Promise<number> {
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "LoginThrottle" ("email", "failures", "lastFailure") VALUES (${email}, 0, ${now}) ON CONFLICT ("email") DO NOTHING`;
    const [row] = await tx.$queryRaw<Array<{ failures: number; lastFailure: Date }>>`
      SELECT "failures", "lastFailure" FROM "LoginThrottle" WHERE "email" = ${email} FOR UPDATE`;
    const wait = row ? secondsUntilAllowed(row.failures, row.lastFailure, now) : 0;
    if (wait > 0) return wait;
    await tx.loginThrottle.update({ where: { email }, data: { failures: { increment: 1 }, lastFailure: now } });
    return 0;
  });
}

export async function clearSignInFailures(email: string): Promise<void> {
  await getDb().loginThrottle.deleteMany({ where: { email } });
}
