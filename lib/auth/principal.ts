import "server-only";
import { findTokenPrincipal } from "@/lib/db/api-tokens";
import type { SessionUser } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import type { RequestClient } from "@/lib/http/request-client";
import { getSignedIn } from "./guards";
import type { TokenScope } from "./policy";

/**
 * Who a request comes from: a signed-in browser (the session cookie) or a program holding one of
 * a person's API tokens. Both act as that person, through the same pipeline and policy; a token
 * also carries its scope.
 */
export type Principal =
  | { kind: "session"; user: SessionUser; sessionId: string }
  | { kind: "token"; user: SessionUser; token: { id: string; scope: TokenScope } };

export const INVALID_TOKEN = "This API token is not valid: it may be mistyped, revoked or expired.";

/** The session's principal, or UNAUTHENTICATED. */
export async function sessionPrincipal(): Promise<Principal> {
  const signedIn = await getSignedIn();
  if (!signedIn) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return { kind: "session", ...signedIn };
}

/**
 * For API requests: `Authorization: Bearer fd_…` when present (a bad token is refused, never
 * replaced by a cookie that happens to be there), otherwise the session.
 */
export async function requestPrincipal(request: Request, client?: RequestClient): Promise<Principal> {
  const header = request.headers.get("authorization");
  if (header === null) return sessionPrincipal();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const found = match?.[1] ? await findTokenPrincipal(match[1], new Date(), client) : null;
  if (!found) throw new AppError("UNAUTHENTICATED", INVALID_TOKEN);
  return { kind: "token", user: found.user, token: found.token };
}
