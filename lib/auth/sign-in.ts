import "server-only";
import { recordSecurityEvent } from "@/lib/db/security-events";
import { endUserSession, startUserSession } from "@/lib/db/sessions";
import { reserveSignInAttempt, settleSignInAttempt } from "@/lib/db/login-throttle";
import { findUserForSignIn } from "@/lib/db/users";
import { clientAddress, clientUserAgent } from "@/lib/http/client-address";
import { signInSchema } from "@/lib/validation/auth";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { SignedInUser } from "./session-token";
import { waitText } from "./throttle";

// Signing in with email and password, in the steps next-auth's authorize() takes them:
// read the attempt, check the password (throttled), then open a server-side session.

export const INVALID_CREDENTIALS = "That email and password do not match an account.";

export type SignInAttempt = { email: string; password: string; ip: string; userAgent: string | null };

/** The credentials and where they come from; a malformed form is just a failed sign-in. */
export function readSignInAttempt(credentials: Record<string, string> | undefined, request?: { headers?: unknown }): SignInAttempt {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) throw new Error(INVALID_CREDENTIALS);
  // next-auth hands authorize() the request's headers as a plain object with lower-case names.
  const raw = (request?.headers ?? {}) as Record<string, string | string[] | undefined>;
  const list = { get: (name: string) => [raw[name]].flat()[0] ?? null };
  return { ...parsed.data, ip: clientAddress(list), userAgent: clientUserAgent(list) };
}

/**
 * The account whose password this is, or an Error whose message the sign-in form shows. Throttled
 * per address and per email (lib/auth/throttle.ts); an unknown email costs the same time and
 * counts the same as a wrong password, and is answered the same.
 */
export async function checkPassword(attempt: SignInAttempt): Promise<Omit<SignedInUser, "sessionId">> {
  const { email, ip, userAgent } = attempt;
  const { waitSeconds, limitedBy } = await reserveSignInAttempt(email, ip);
  if (waitSeconds > 0) {
    await recordSecurityEvent({ kind: "signin.throttled", email, ip, userAgent, detail: { limitedBy, waitSeconds } });
    throw new Error(
      limitedBy === "address"
        ? `Too many failed sign-ins from your network. Try again in ${waitText(waitSeconds)}.`
        : `Too many failed attempts for this email. Try again in ${waitText(waitSeconds)}.`,
    );
  }
  const user = await findUserForSignIn(email);
  const valid = user ? await verifyPassword(user.passwordHash, attempt.password) : (await verifyAgainstDummy(attempt.password), false);
  if (!user || !valid || user.disabledAt) {
    const reason = !user ? "unknown-email" : !valid ? "wrong-password" : "account-disabled";
    await recordSecurityEvent({ kind: "signin.failed", userId: user?.id, email, ip, userAgent, detail: { reason } });
    throw new Error(INVALID_CREDENTIALS);
  }
  return { id: user.id, email: user.email, name: user.name };
}

/** The person is who they say: the throttle forgives, and a new server-side session begins. */
export async function openSession(user: Omit<SignedInUser, "sessionId">, attempt: SignInAttempt): Promise<SignedInUser> {
  const { ip, userAgent } = attempt;
  await settleSignInAttempt(attempt.email, ip);
  const sessionId = await startUserSession(user.id, { ip, userAgent });
  await recordSecurityEvent({ kind: "signin.succeeded", userId: user.id, email: user.email, ip, userAgent });
  return { ...user, sessionId };
}

/** next-auth's signOut event: the session the cookie named ends on the server too. */
export async function closeSession(token: { sub?: unknown; sid?: unknown } | null | undefined, client: { ip: string; userAgent: string | null }): Promise<void> {
  const userId = typeof token?.sub === "string" ? token.sub : "";
  const sessionId = typeof token?.sid === "string" ? token.sid : "";
  if (!userId || !sessionId) return;
  const ended = await endUserSession(userId, sessionId, "signed-out").catch(() => false);
  if (ended) await recordSecurityEvent({ kind: "session.ended", userId, ip: client.ip, userAgent: client.userAgent, detail: { endedBy: "signed-out" } });
}
