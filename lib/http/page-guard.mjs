// @ts-check
// What happens to a request before Next.js sees it: the page's Content-Security-Policy with a
// fresh nonce, HSTS, the 404 for addresses holding NUL, and the optimistic sign-in redirect.
// PURE apart from reading the environment and drawing random bytes.
//
// Plain JavaScript (typed by page-guard.d.mts) because two places apply it:
// - scripts/serve.mjs, the production server, for every request (Node runs it without a loader);
// - proxy.ts, Next's proxy, under `next dev`, which has no server of ours in front of it. In
//   production the server marks each request it has guarded (GUARDED_HEADER) and the proxy's
//   matcher skips those: Next's proxy machinery cost about 1.5 ms of processor time per page
//   (docs/decisions/023-page-speed.md), for work the server does in microseconds.

/** A year; no includeSubDomains: other hosts of the newsroom's domain are not ours to decide. */
export const HSTS = "max-age=31536000";

/** Set by the production server on every request it has guarded (whatever the client sent under it is replaced). */
export const GUARDED_HEADER = "x-factdesk-guarded";

/**
 * A page's policy: scripts only with this request's nonce (Next.js puts it on its own scripts;
 * 'strict-dynamic' lets those load their chunks), no inline event handlers, nothing from other
 * origins. Styles stay 'unsafe-inline': React writes style attributes, and CSS cannot run code.
 * @param {string} nonce
 * @param {boolean} [development]
 */
export function pagePolicy(nonce, development = false) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** 16 random bytes, base64: unguessable and fresh for every page. */
export function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether this request reached Factdesk over https: NEXTAUTH_URL (the public address) says so,
 * or, behind a trusted proxy (FACTDESK_TRUSTED_PROXIES set), the proxy's x-forwarded-proto does.
 * Decides HSTS. Session cookies are Secure on the same rule through next-auth (NEXTAUTH_URL).
 * @param {string | null | undefined} forwardedProto
 */
export function servedOverHttps(forwardedProto) {
  if (process.env.NEXTAUTH_URL?.trim().toLowerCase().startsWith("https://")) return true;
  if (!process.env.FACTDESK_TRUSTED_PROXIES?.trim()) return false;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * The pages: every path but build assets, images, fonts and the API. proxy.ts's matcher holds the
 * same expression as a literal (Next reads it from the source); a unit test keeps them equal.
 */
export const PAGE_PATH_SOURCE = "((?!_next/static|_next/image|api/|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|woff2?|txt|xml|map)$).*)";
const PAGE_PATH = new RegExp(`^/${PAGE_PATH_SOURCE}$`);

const PROTECTED = /^\/(?:w|inbox|account)(?:\/|$)|^\/queue\/?$/;

// next-auth's session cookie (the __Secure- form over https; a cookie too large for one is split
// into .0, .1, …). Only looked for: the page decrypts it (lib/auth/session-cookie.ts).
const SESSION_COOKIE = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?$/;

// A NUL (%00) in an address names nothing: no page, file or API item is ever reached with one
// (PostgreSQL cannot even look such an id up). Handlers check again (lib/pipeline, lib/auth/guards).
const NUL = /%00|\u0000/i;

/**
 * Whether a Cookie header holds a non-empty next-auth session cookie.
 * @param {string | null | undefined} cookieHeader
 */
export function hasSessionCookie(cookieHeader) {
  if (!cookieHeader) return false;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    if (SESSION_COOKIE.test(part.slice(0, eq).trim()) && part.slice(eq + 1).trim() !== "") return true;
  }
  return false;
}

/**
 * What to do with a request, from its path, query ("?…" or ""), whether it may be signed in (a
 * session cookie or a bearer token: a token goes on to its handler, which checks it) and its
 * Authorization header:
 * - `not-found`: a NUL in a page's or the JSON API's address (`api`: answer in JSON);
 * - `sign-in`: a signed-in area without a session cookie or token: to `location`, coming back after;
 * - `page`: a page: a fresh nonce and its policy, HSTS over https;
 * - `pass`: everything else (the JSON API, assets, files, streams, the health check), untouched.
 * @param {string} pathname
 * @param {string} search
 * @param {{ sessionCookie: boolean, authorization: string | null | undefined }} credentials
 * @returns {{ kind: "not-found", api: boolean } | { kind: "sign-in", location: string } | { kind: "page" } | { kind: "pass" }}
 */
export function routeRequest(pathname, search, credentials) {
  const jsonApi = pathname === "/api/v1" || pathname.startsWith("/api/v1/");
  const page = !jsonApi && PAGE_PATH.test(pathname);
  if (!jsonApi && !page) return { kind: "pass" };
  if (NUL.test(pathname) || NUL.test(search)) return { kind: "not-found", api: pathname.startsWith("/api/") };
  if (jsonApi) return { kind: "pass" };
  if (PROTECTED.test(pathname) && !credentials.sessionCookie && !/^Bearer\s+\S/i.test(credentials.authorization ?? "")) {
    const query = new URLSearchParams();
    query.append("callbackUrl", `${pathname}${search}`);
    return { kind: "sign-in", location: `/login?${query}` };
  }
  return { kind: "page" };
}
