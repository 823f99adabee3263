import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "@/lib/env";
import { clearSignInFailures, reserveSignInAttempt } from "@/lib/db/login-throttle";
import { requireSecondFactor } from "@/lib/db/two-factor";
import { findUserForSignIn } from "@/lib/db/users";
import { signInSchema } from "@/lib/validation/auth";
import { verifyAgainstDummy, verifyPassword } from "./password";

export const INVALID_CREDENTIALS = "That email and password do not match an account.";

async function authorizeCredentials(credentials: Record<string, string> | undefined, request?: { headers?: Record<string, unknown> }) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) throw new Error(INVALID_CREDENTIALS);
  const { email, password } = parsed.data;
  const wait = await reserveSignInAttempt(email);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new Error(`Too many failed attempts. Try again in ${wait < 60 ? `${wait} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`}.`);
  }
  const user = await findUserForSignIn(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false);
  if (!user || !valid || user.disabledAt) throw new Error(INVALID_CREDENTIALS);
  // With two-factor sign-in on, a code too (the failure count stays until it is right).
  await requireSecondFactor(user, credentials, request?.headers);
  await clearSignInFailures(email);
  return { id: user.id, email: user.email, name: user.name };
}

let options: NextAuthOptions | undefined;

/** Built on first use so that `next build` needs no secret. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: authorizeCredentials,
      }),
    ],
    callbacks: {
      // The token carries only the user id; roles are read from the database on every request.
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
      session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub ?? "" } }),
    },
  };
  return options;
}
