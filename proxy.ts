import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { HSTS, hasSessionCookie, newNonce, pagePolicy, routeRequest, servedOverHttps } from "@/lib/http/page-guard.mjs";

// Runs before pages under `next dev` only. In production scripts/serve.mjs applies the same rules
// (lib/http/page-guard.mjs) to every request itself and marks it with x-factdesk-guarded, which
// `matcher` below skips: Next's proxy machinery cost about 1.5 ms of processor time per page.
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
// 4. A NUL (%00) in a page's or the JSON API's address is 404.

// The second argument (the fetch event) is not needed: nothing here waits for anything.
export default async function proxy(request: NextRequest, _event?: NextFetchEvent) {
  const { pathname, search } = request.nextUrl;
  const route = routeRequest(pathname, search, { sessionCookie: hasSessionCookie(request.headers.get("cookie")), authorization: request.headers.get("authorization") });
  if (route.kind === "not-found") {
    if (route.api) return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404, headers: { "Cache-Control": "no-store" } });
    return new NextResponse("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  if (route.kind === "sign-in") return NextResponse.redirect(new URL(route.location, request.nextUrl.origin));
  if (route.kind === "pass") return NextResponse.next();
  const nonce = newNonce();
  const policy = pagePolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (servedOverHttps(request.headers.get("x-forwarded-proto"))) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Pages (not build assets, images or fonts: the expression is PAGE_PATH_SOURCE in
  // lib/http/page-guard.mjs) and the JSON API (for the NUL check only; files, streams and the
  // health check under /api stay out of it). Requests the production server has guarded already
  // carry x-factdesk-guarded (GUARDED_HEADER) and skip it. Next reads this object from the source:
  // it must stay a literal.
  matcher: [
    { source: "/api/v1/:path*", missing: [{ type: "header", key: "x-factdesk-guarded" }] },
    { source: "/((?!_next/static|_next/image|api/|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|woff2?|txt|xml|map)$).*)", missing: [{ type: "header", key: "x-factdesk-guarded" }] },
  ],
};
