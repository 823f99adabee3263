import "server-only";
import { randomBytes } from "node:crypto";
import { getSessionLimits } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { getDb, type Tx } from "./client";

// Signed-in browsers, one row each (docs/decisions/019-sessions.md). The session cookie names
// the row; lib/db/users.ts getActiveUserForPage reads it with the user on every request, so a row
// ended here signs its browser out at the next request, whatever the cookie says.

/** Why a session ended, kept on the row and in the security event. */
export type SessionEnd = "signed-out" | "ended" | "everywhere" | "password-changed" | "password-reset";

/** lastSeenAt is written at most this often; the idle timeout is exact to within it. */
export const SEEN_EVERY_MS = 60_000;

export type RequestClient = { ip: string | null; userAgent: string | null };

export type SessionRow = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null };

/** The oldest createdAt and lastSeenAt a live session may have at `now`. */
export function sessionCutoffs(now: Date): { createdAfter: Date; seenAfter: Date } {
  const { idleMs, maxMs } = getSessionLimits();
  return { createdAfter: new Date(now.getTime() - maxMs), seenAfter: new Date(now.getTime() - idleMs) };
}

/** A new session for someone who just proved who they are; its id goes into the cookie. */
export async function startUserSession(userId: string, client: RequestClient, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await getDb().userSession.create({ data: { id, userId, ip: client.ip, userAgent: client.userAgent, createdAt: now, lastSeenAt: now } });
  // Signing in is the moment to drop rows nobody can use any more: this person's ended ones, and
  // anyone's not seen for longer than a session may last.
  const { maxMs } = getSessionLimits();
  await getDb().userSession.deleteMany({
    where: { OR: [{ userId, revokedAt: { not: null } }, { lastSeenAt: { lt: new Date(now.getTime() - maxMs) } }] },
  });
  return id;
}

/** The person's live sessions, most recently used first. */
export async function listActiveSessions(userId: string, now = new Date()): Promise<SessionRow[]> {
  const { createdAfter, seenAfter } = sessionCutoffs(now);
  return getDb().userSession.findMany({
    where: { userId, revokedAt: null, createdAt: { gt: createdAfter }, lastSeenAt: { gt: seenAfter } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
}

/**
 * Ends one of the person's own sessions. Another person's session id is simply not found;
 * ending one that already ended is not an error. Returns whether this call ended it.
 */
export async function endUserSession(userId: string, sessionId: string, endedBy: SessionEnd, now = new Date()): Promise<boolean> {
  const { count } = await getDb().userSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: now, endedBy } });
  if (count > 0) return true;
  const exists = await getDb().userSession.findFirst({ where: { id: sessionId, userId }, select: { id: true } });
  if (!exists) throw notFound("That session");
  return false;
}

/** Ends every live session of the person, except `keep` when given; the number ended. */
export async function endUserSessions(userId: string, endedBy: SessionEnd, options: { keep?: string; tx?: Tx; now?: Date } = {}): Promise<number> {
  const db = options.tx ?? getDb();
  const { count } = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(options.keep ? { id: { not: options.keep } } : {}) },
    data: { revokedAt: options.now ?? new Date(), endedBy },
  });
  return count;
}
