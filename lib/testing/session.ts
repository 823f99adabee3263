import { getDb } from "@/lib/db/client";
import { startUserSession } from "@/lib/db/sessions";

// For tests that stand in for next-auth's getServerSession: what it returns for a signed-in
// person, with a real, live UserSession row behind it (one per person, made on first use and
// again whenever a test has ended it), as a browser that signed in would have.
//   vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));

const sessions = new Map<string, string>();

export async function testSession(userId: string): Promise<{ user: { id: string }; sessionId: string }> {
  let sessionId = sessions.get(userId);
  const live = sessionId ? await getDb().userSession.findFirst({ where: { id: sessionId, revokedAt: null }, select: { id: true } }) : null;
  if (!sessionId || !live) {
    sessionId = await startUserSession(userId, { ip: "test", userAgent: "vitest" });
    sessions.set(userId, sessionId);
  }
  return { user: { id: userId }, sessionId };
}
