import "server-only";
import { getDb } from "./client";

export type SessionUser = { id: string; email: string; name: string };

/** The signed-in user, or null when the account is gone or disabled. */
export async function getActiveUser(id: string): Promise<SessionUser | null> {
  return getDb().user.findFirst({
    where: { id, disabledAt: null },
    select: { id: true, email: true, name: true },
  });
}

export async function findUserForSignIn(email: string) {
  return getDb().user.findFirst({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
}
