import "server-only";
import { getDb } from "./client";
import { SEEN_EVERY_MS, sessionCutoffs } from "./sessions";
import { pageMembershipColumns, pageMembershipsFromRows, type PageMembershipRow, type PageMemberships } from "./workspaces";

export type SessionUser = { id: string; email: string; name: string };

/**
 * The signed-in user, or null when the account is gone or disabled, or the browser's session
 * (`sessionId`, from the cookie) has ended, idled out or outlived its maximum age. One statement:
 * the user and the session are read together, and the session's lastSeenAt is moved on when it
 * is more than a minute old (an update that matches no row when it is fresh writes nothing).
 * With them, what every page needs to know about the person: their memberships, two-factor flag
 * and unread count (lib/db/workspaces.ts pageMembershipColumns), so a page opens with one round
 * trip for all of it.
 */
export async function getActiveUserForPage(id: string, sessionId: string, now = new Date()): Promise<{ user: SessionUser; page: PageMemberships } | null> {
  const { createdAfter, seenAfter } = sessionCutoffs(now);
  const staleBefore = new Date(now.getTime() - SEEN_EVERY_MS);
  const rows = await getDb().$queryRaw<Array<PageMembershipRow & { userId: string; userEmail: string; userName: string }>>`
    WITH "seen" AS (
      UPDATE "UserSession" SET "lastSeenAt" = ${now}
      WHERE "id" = ${sessionId} AND "userId" = ${id} AND "revokedAt" IS NULL
        AND "createdAt" > ${createdAfter} AND "lastSeenAt" > ${seenAfter} AND "lastSeenAt" < ${staleBefore}
    ), "me" AS (
      SELECT u."id", u."email", u."name"
      FROM "User" u JOIN "UserSession" s ON s."userId" = u."id"
      WHERE u."id" = ${id} AND u."disabledAt" IS NULL
        AND s."id" = ${sessionId} AND s."revokedAt" IS NULL
        AND s."createdAt" > ${createdAfter} AND s."lastSeenAt" > ${seenAfter}
    )
    SELECT "me"."id" AS "userId", "me"."email" AS "userEmail", "me"."name" AS "userName", ${pageMembershipColumns(id)}
    FROM "me"
    LEFT JOIN ("Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId") ON m."userId" = "me"."id" AND m."disabledAt" IS NULL
    ORDER BY w."name" ASC, w."id" ASC`;
  const first = rows[0];
  if (!first) return null;
  return { user: { id: first.userId, email: first.userEmail, name: first.userName }, page: pageMembershipsFromRows(rows) };
}

export async function findUserForSignIn(email: string) {
  return getDb().user.findFirst({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
}
