import "server-only";
import { secondsUntilAllowed } from "@/lib/auth/throttle";
import { getDb } from "./client";

// Kept in the database, not in memory, so every app instance sees the same count.

export async function getSignInWait(email: string, now = new Date()): Promise<number> {
  const row = await getDb().loginThrottle.findFirst({ where: { email }, select: { failures: true, lastFailure: true } });
  return row ? secondsUntilAllowed(row.failures, row.lastFailure, now) : 0;
}

export async function recordSignInFailure(email: string): Promise<void> {
  await getDb().loginThrottle.upsert({
    where: { email },
    create: { email, failures: 1, lastFailure: new Date() },
    update: { failures: { increment: 1 }, lastFailure: new Date() },
  });
}

export async function clearSignInFailures(email: string): Promise<void> {
  await getDb().loginThrottle.deleteMany({ where: { email } });
}
