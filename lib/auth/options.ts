import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret, getSessionLimits } from "@/lib/env";
import { requireSecondFactor } from "@/lib/db/two-factor";
import { actionClient } from "@/lib/http/request-client";
import { checkPassword, closeSession, openSession, readSignInAttempt } from "./sign-in";
import { sessionFor, tokenFor } from "./session-token";

export { INVALID_CREDENTIALS } from "./sign-in";

async function authorizeCredentials(credentials: Record<string, string> | undefined, request?: { headers?: unknown }) {
  const attempt = readSignInAttempt(credentials, request);
  const user = await checkPassword(attempt);
  // With two-factor sign-in on, a code too (the attempt stays counted until it is right).
  await requireSecondFactor(user, credentials, request?.headers as Record<string, unknown> | undefined);
  return openSession(user, attempt);
}

let options: NextAuthOptions | undefined;

/** Built on first use so that `next build` needs no secret. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSecret(),
    // The cookie lasts as long as a session may; the server ends it sooner (lib/db/sessions.ts).
    session: { strategy: "jwt", maxAge: Math.ceil(getSessionLimits().maxMs / 1000) },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: authorizeCredentials,
      }),
    ],
    callbacks: {
      // The token carries only the user and session ids; roles and the session's state are read
      // from the database on every request.
      jwt: ({ token, user }) => tokenFor(token, user),
      session: ({ session, token }) => sessionFor(session, token),
    },
    events: {
      // Signing out ends the session on the server, so a copy of the cookie is worth nothing.
      signOut: async ({ token }) => closeSession(token, await actionClient()),
    },
  };
  return options;
}
