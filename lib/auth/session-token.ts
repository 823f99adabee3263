// PURE: what the session cookie carries. The next-auth JWT holds the user's id (`sub`) and the
// id of the UserSession row it belongs to (`sid`), nothing else that decides access: the user,
// the session's state and every membership are read from the database on each request.

import type { JWT } from "next-auth/jwt";

/** The signed-in user as next-auth's authorize() hands it over, with the session it opened. */
export type SignedInUser = { id: string; email: string; name: string; sessionId: string };

/** jwt callback: on sign-in, the token takes the user and session ids; afterwards it is kept as is. */
export function tokenFor(token: JWT, user?: unknown): JWT {
  if (!user) return token;
  const { id, sessionId } = user as Partial<SignedInUser>;
  return { ...token, sub: id, sid: sessionId };
}

/** session callback: the session object getServerSession returns. */
export function sessionFor<S extends { user?: object | null }>(session: S, token: JWT): S & { sessionId: string } {
  return { ...session, user: { ...session.user, id: token.sub ?? "" }, sessionId: typeof token.sid === "string" ? token.sid : "" };
}

/** The user and session ids out of getServerSession's answer (empty when signed out). */
export function sessionIdentity(session: unknown): { userId: string; sessionId: string } {
  const value = (session ?? {}) as { user?: { id?: unknown }; sessionId?: unknown };
  return {
    userId: typeof value.user?.id === "string" ? value.user.id : "",
    sessionId: typeof value.sessionId === "string" ? value.sessionId : "",
  };
}
