import "server-only";
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { getAuthSecret, getSessionLimits } from "@/lib/env";
import type { SessionUser } from "@/lib/db/users";
import { sessionFor, sessionIdentity, tokenFor } from "./session-token";

// next-auth's session cookie, under whichever name the browser sent it (the __Secure- form over
// https), never split into chunks at this size.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token$/;

/**
 * Gives the browser making this request a cookie for a new session (after a password change,
 * which ends every session, this one included, so that no copy of the old cookie works). Written
 * exactly as next-auth writes it; false when there is no session cookie to replace or no request
 * to answer, and the browser is then simply signed out.
 */
export async function reissueSessionCookie(user: SessionUser, sessionId: string): Promise<boolean> {
  try {
    const jar = await cookies();
    const current = jar.getAll().find((cookie) => SESSION_COOKIE.test(cookie.name));
    if (!current) return false;
    const maxAge = Math.ceil(getSessionLimits().maxMs / 1000);
    const token = tokenFor({ name: user.name, email: user.email }, { ...user, sessionId });
    const value = await encode({ token, secret: getAuthSecret(), maxAge });
    jar.set(current.name, value, { httpOnly: true, sameSite: "lax", path: "/", secure: current.name.startsWith("__Secure-"), maxAge });
    return true;
  } catch {
    return false;
  }
}

// What a session cookie holds never changes for a given value, so its decrypted claims are kept
// in memory by value (the ids and the expiry; at most CACHE_MAX values, forgotten all at once
// past that). Whether the session is still alive is NOT cached: getActiveUserForPage reads the session
// row on every request.
const CACHE_MAX = 2_000;
const decoded = new Map<string, { userId: string; sessionId: string; expiresAt: number }>();

/**
 * The user and session ids in this request's session cookie, decrypted once per request (and
 * once per cookie value in this process) instead of by next-auth's getServerSession, which also
 * re-encrypts the cookie to renew it, a write a page cannot make. Empty ids for a cookie that
 * does not decrypt or has expired. Null when the request has no session cookie (or there is no
 * request): the caller asks next-auth then.
 */
export async function readSessionCookie(now = Date.now()): Promise<{ userId: string; sessionId: string } | null> {
  let value: string | undefined;
  try {
    value = (await cookies()).getAll().find((cookie) => SESSION_COOKIE.test(cookie.name))?.value;
  } catch {
    return null;
  }
  if (!value) return null;
  const known = decoded.get(value);
  if (known) return known.expiresAt > now ? { userId: known.userId, sessionId: known.sessionId } : { userId: "", sessionId: "" };
  try {
    const token = await decode({ token: value, secret: getAuthSecret() });
    if (!token) return { userId: "", sessionId: "" };
    const identity = sessionIdentity(sessionFor({}, token));
    const expiresAt = typeof token.exp === "number" ? token.exp * 1000 : 0;
    if (decoded.size >= CACHE_MAX) decoded.clear();
    decoded.set(value, { ...identity, expiresAt });
    return expiresAt > now ? identity : { userId: "", sessionId: "" };
  } catch {
    return { userId: "", sessionId: "" };
  }
}
