import "server-only";
import { getDb } from "./client";
import { SEEN_EVERY_MS, sessionCutoffs } from "./sessions";

export type SessionUser = { id: string; email: string; name: string };

/**
 * The signed-in user, or null when the account is gone or disabled, or the browser's session
 * (`sessionId`, from the cookie) has ended, idled out or outlived its maximum age. One statement:
 * the user and the session are read together, and the session's lastSeenAt is moved on when it
 * is more than a minute old (an update that matches no row when it is fresh writes nothing).
 */
export async function getActiveUser(id: string, sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const { createdAfter, seenAfter } = sessionCutoffs(now);
  const staleBefore = new Date(now.getTime() - SEEN_EVERY_MS);
  const rows = await getDb().$queryRaw<SessionUser[]>`
    WITH "seen" AS (
      UPDATE "UserSession" SET "lastSeenAt" = ${now}
      WHERE "id" = ${sessionId} AND "userId" = ${id} AND "revokedAt" IS NULL
        AND "createdAt" > ${createdAfter} AND "lastSeenAt" > ${seenAfter} AND "lastSeenAt" < ${staleBefore}
    )
    SELECT u."id", u."email", u."name"
    FROM "User" u JOIN "UserSession" s ON s."userId" = u."id"
    WHERE u."id" = ${id} AND u."disabledAt" IS NULL
      AND s."id" = ${sessionId} AND s."revokedAt" IS NULL
      AND s."createdAt" > ${createdAfter} AND s."lastSeenAt" > ${seenAfter}`;
  return rows[0] ?? null;
}

export async function findUserForSignIn(email: string) {
  return getDb().user.findFirst({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
}
