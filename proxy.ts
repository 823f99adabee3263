import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { HSTS, newNonce, pagePolicy, servedOverHttps } from "@/lib/http/security-headers";

// Runs before every page (not the API, static files or the health check, see `matcher`):
// 1. Each page gets a fresh nonce and a Content-Security-Policy allowing only scripts that carry
//    it. Next.js reads the policy from the request header set here and puts the nonce on the
//    scripts it renders, which is why every page renders per request (app/layout.tsx).
// 2. HSTS when served over https.
// 3. For the signed-in areas, an optimistic redirect to the sign-in page for signed-out
//    visitors. It is not the security boundary: every page, action and API handler checks the
//    session and membership itself. A request that carries an API token (the workspace's file
//    downloads accept one) goes on to its handler, which checks the token and answers 401.

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

const signedInOnly = withAuth((request: NextRequestWithAuth) => withSecurityHeaders(request), {
  pages: { signIn: "/login" },
  callbacks: {
    authorized: ({ token, req }) => token !== null || /^Bearer\s+\S/i.test(req.headers.get("authorization") ?? ""),
  },
});

// A NUL (%00) in an address names nothing: no page, file or API item is ever reached with one
// (PostgreSQL cannot even look such an id up). Handlers check again (lib/pipeline, lib/auth/guards).
const NUL = /%00|\u0000/i;

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
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
    return (await signedInOnly(request as NextRequestWithAuth, event)) ?? withSecurityHeaders(request);
  }
  return withSecurityHeaders(request);
}

export const config = {
  // Pages (not build assets, images or fonts) and the JSON API (for the NUL check only; files,
  // streams and the health check under /api stay out of it).
  matcher: ["/api/v1/:path*", "/((?!_next/static|_next/image|api/|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|woff2?|txt|xml|map)$).*)"],
};
