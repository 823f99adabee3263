import "server-only";
import { ADDRESS_RULE, EMAIL_RULE, FORGET_AFTER_MS, liveFailures, secondsUntilAllowed, type ThrottleRule } from "@/lib/auth/throttle";
import { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./client";

// Failed sign-ins, counted per network address and per email (lib/auth/throttle.ts has the
// rules). Kept in the database, not in memory, so every app instance sees the same counts.

export type SignInReservation = { waitSeconds: number; limitedBy: "address" | "email" | null };

type Counter = { limitedBy: "address" | "email"; table: Prisma.Sql; column: Prisma.Sql; key: string; rule: ThrottleRule };

/**
 * Claims one sign-in attempt from `address` for `email`. When either counter says wait, nothing
 * is counted and the longer wait comes back. Otherwise the attempt is counted as a failure on
 * both up front, under row locks, so parallel guesses cannot all slip through before the first
 * failure is recorded; a correct password settles it (settleSignInAttempt). Unknown emails are
 * counted exactly like known ones.
 */
export async function reserveSignInAttempt(email: string, address: string, now = new Date()): Promise<SignInReservation> {
  // Always locked in this order, address then email, so two attempts never deadlock.
  const counters: Counter[] = [
    { limitedBy: "address", table: Prisma.raw(`"LoginAddressThrottle"`), column: Prisma.raw(`"address"`), key: address, rule: ADDRESS_RULE },
    { limitedBy: "email", table: Prisma.raw(`"LoginThrottle"`), column: Prisma.raw(`"email"`), key: email, rule: EMAIL_RULE },
  ];
  let created = false;
  const reservation = await getDb().$transaction(async (tx) => {
    const rows: Array<{ counter: Counter; failures: number; wait: number }> = [];
    for (const counter of counters) {
      const { table, column, key } = counter;
      created = (await tx.$executeRaw`INSERT INTO ${table} (${column}, "failures", "lastFailure") VALUES (${key}, 0, ${now}) ON CONFLICT (${column}) DO NOTHING`) > 0 || created;
      const [row] = await tx.$queryRaw<Array<{ failures: number; lastFailure: Date }>>`SELECT "failures", "lastFailure" FROM ${table} WHERE ${column} = ${key} FOR UPDATE`;
      const failures = row ? liveFailures(row.failures, row.lastFailure, now) : 0;
      rows.push({ counter, failures, wait: row ? secondsUntilAllowed(counter.rule, row.failures, row.lastFailure, now) : 0 });
    }
    const longest = rows.reduce((a, b) => (b.wait > a.wait ? b : a));
    if (longest.wait > 0) return { waitSeconds: longest.wait, limitedBy: longest.counter.limitedBy };
    for (const { counter, failures } of rows) {
      await tx.$executeRaw`UPDATE ${counter.table} SET "failures" = ${failures + 1}, "lastFailure" = ${now} WHERE ${counter.column} = ${counter.key}`;
    }
    return { waitSeconds: 0, limitedBy: null };
  });
  // A new row (often an email nobody has) is the moment to drop the rows nobody needs any more.
  if (created) await forgetOldFailures(now);
  return reservation;
}

/**
 * A correct password: the email starts counting afresh, and the address gets back the attempt
 * it was charged up front (its earlier failures still count: someone holding one account must
 * not be able to wipe the count of their guesses at others).
 */
export async function settleSignInAttempt(email: string, address: string): Promise<void> {
  await getDb().$transaction([
    getDb().$executeRaw`DELETE FROM "LoginThrottle" WHERE "email" = ${email}`,
    getDb().$executeRaw`UPDATE "LoginAddressThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "address" = ${address}`,
  ]);
}

/** Deletes counters whose last failure is old enough to be forgotten (they would count as zero). */
export async function forgetOldFailures(now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - FORGET_AFTER_MS);
  await getDb().$executeRaw`DELETE FROM "LoginThrottle" WHERE "lastFailure" < ${before}`;
  await getDb().$executeRaw`DELETE FROM "LoginAddressThrottle" WHERE "lastFailure" < ${before}`;
}
