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

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (PROTECTED.test(request.nextUrl.pathname)) {
    return (await signedInOnly(request as NextRequestWithAuth, event)) ?? withSecurityHeaders(request);
  }
  return withSecurityHeaders(request);
}

export const config = {
  // Pages only: not build assets, images, fonts, nor /api (JSON, files and streams get a fixed
  // script-free policy from next.config.js and need no nonce; the API stays as fast as it was).
  matcher: ["/((?!_next/static|_next/image|api/|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|woff2?|txt|xml|map)$).*)"],
};
