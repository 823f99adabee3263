import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { HSTS, newNonce, pagePolicy, servedOverHttps } from "@/lib/http/security-headers";

// Runs before every page (not the API, static files or the health check, see `matcher`):
// 1. Each page gets a fresh nonce and a Content-Security-Policy allowing only scripts that carry
//    it. Next.js reads the policy from the request header set here and puts the nonce on the
//    scripts it renders, which is why every page renders per request (app/layout.tsx).
// 2. HSTS when served over https.
// 3. For the signed-in areas, an optimistic redirect to the sign-in page for visitors without a
//    session cookie. It is not the security boundary: every page, action and API handler checks
//    the session and membership itself, so the cookie is only looked for here, not decrypted
//    (pages decrypt it once, lib/auth/session-cookie.ts). A request that carries an API token
//    (the workspace's file downloads accept one) goes on to its handler, which checks the token
//    and answers 401.

const PROTECTED = /^\/(?:w|inbox|account)(?:\/|$)|^\/queue\/?$/;

function withSecurityHeaders(request: NextRequest): NextResponse {
  const https = servedOverHttps(request.headers);
  const nonce = newNonce();
  const policy = pagePolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

// next-auth's session cookie (the __Secure- form over https; a cookie too large for one is split
// into .0, .1, …).
const SESSION_COOKIE = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?$/;

function mayBeSignedIn(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name) && cookie.value !== "") || /^Bearer\s+\S/i.test(request.headers.get("authorization") ?? "");
}

/** To the sign-in page, coming back here afterwards (as next-auth's middleware sends). */
function toSignIn(request: NextRequest): NextResponse {
  const { basePath, pathname, search } = request.nextUrl;
  const signIn = new URL(`${basePath}/login`, request.nextUrl.origin);
  signIn.searchParams.append("callbackUrl", `${basePath}${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

// A NUL (%00) in an address names nothing: no page, file or API item is ever reached with one
// (PostgreSQL cannot even look such an id up). Handlers check again (lib/pipeline, lib/auth/guards).
const NUL = /%00|\u0000/i;

// The second argument (the fetch event) is not needed: nothing here waits for anything.
export default async function proxy(request: NextRequest, _event?: NextFetchEvent) {
  const { pathname, search } = request.nextUrl;
  if (NUL.test(pathname) || NUL.test(search)) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404, headers: { "Cache-Control": "no-store" } });
    }
    return new NextResponse("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  // The API gets its fixed script-free policy from next.config.js; it is here only for the NUL check.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (PROTECTED.test(pathname)) {
    return mayBeSignedIn(request) ? withSecurityHeaders(request) : toSignIn(request);
  }
  return withSecurityHeaders(request);
}

export const config = {
  // Pages (not build assets, images or fonts) and the JSON API (for the NUL check only; files,
  // streams and the health check under /api stay out of it).
  matcher: ["/api/v1/:path*", "/((?!_next/static|_next/image|api/|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|woff2?|txt|xml|map)$).*)"],
};
