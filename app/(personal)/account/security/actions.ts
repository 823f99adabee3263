"use server";

import { personalAction } from "@/lib/actions/workspace-action";
import type { Principal } from "@/lib/auth/principal";
import { reissueSessionCookie } from "@/lib/auth/session-cookie";
import { waitText } from "@/lib/auth/throttle";
import { changeOwnPassword } from "@/lib/db/passwords";
import { hitRateLimit } from "@/lib/db/rate-limit";
import { recordSecurityEvent } from "@/lib/db/security-events";
import { endUserSession, endUserSessions, startUserSession } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import { actionClient } from "@/lib/http/request-client";
import { changePasswordSchema, endAllSessionsSchema, endSessionSchema } from "@/lib/validation/account";

// A person's own sign-in security: their password and their sessions. The pipeline signs them
// in and validates; lib/db acts only on the caller's own rows (another person's session is not
// found), and every change is recorded as a security event.

const PAGE = "/account/security";
/** Wrong current passwords a session may try before it waits: guessing from a stolen session. */
const PASSWORD_CHECKS = { limit: 10, windowMs: 15 * 60_000 };

const signedIn = (principal: Principal) => {
  if (principal.kind !== "session") throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return principal;
};

const others = (count: number) => (count === 1 ? "1 other session was" : `${count} other sessions were`);

export const changePasswordAction = personalAction({ schema: changePasswordSchema }, async (input, principal) => {
  const { user } = signedIn(principal);
  const client = await actionClient();
  const checks = await hitRateLimit(`password-check:${user.id}`, PASSWORD_CHECKS.limit, PASSWORD_CHECKS.windowMs);
  if (!checks.allowed) {
    await recordSecurityEvent({ kind: "rate.limited", userId: user.id, email: user.email, ...client, detail: { what: "password change" } });
    throw new AppError("RATE_LIMITED", `Too many attempts to change your password. Try again in ${waitText(checks.retryAfterSeconds)}.`);
  }
  const { endedSessions } = await changeOwnPassword(user.id, input);
  // This browser carries on in a new session: whoever holds a copy of its old cookie does not.
  const renewed = await reissueSessionCookie(user, await startUserSession(user.id, client));
  await recordSecurityEvent({ kind: "password.changed", userId: user.id, email: user.email, ...client, detail: { endedSessions, renewed } });
  if (!renewed) return { message: "Password changed. Sign in with your new password.", redirectTo: "/login" };
  const ended = endedSessions - 1; // this browser's old session was one of them
  return { message: ended > 0 ? `Password changed. ${others(ended)} signed out.` : "Password changed.", revalidate: PAGE };
});

export const endSessionAction = personalAction({ schema: endSessionSchema }, async (input, principal) => {
  const { user, sessionId } = signedIn(principal);
  const ended = await endUserSession(user.id, input.sessionId, "ended");
  const current = input.sessionId === sessionId;
  if (ended) await recordSecurityEvent({ kind: "session.ended", userId: user.id, email: user.email, ...(await actionClient()), detail: { endedBy: "ended", current } });
  if (current) return { message: "Signed out.", redirectTo: "/login" };
  return { message: ended ? "Session ended: that browser is signed out." : "That session had already ended.", revalidate: PAGE };
});

export const endAllSessionsAction = personalAction({ schema: endAllSessionsSchema }, async (_input, principal) => {
  const { user } = signedIn(principal);
  const endedSessions = await endUserSessions(user.id, "everywhere");
  await recordSecurityEvent({ kind: "sessions.revoked", userId: user.id, email: user.email, ...(await actionClient()), detail: { endedBy: "everywhere", endedSessions } });
  return { message: "Signed out everywhere.", redirectTo: "/login" };
});
