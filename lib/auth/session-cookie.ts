import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { getAuthSecret, getSessionLimits } from "@/lib/env";
import type { SessionUser } from "@/lib/db/users";
import { tokenFor } from "./session-token";

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
