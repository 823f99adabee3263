import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";

// An optimistic redirect to the sign-in page for signed-out visitors. It is not the security
// boundary: every page, action and API handler checks the session and membership itself.
// A request that carries an API token (the workspace's file downloads accept one) goes on to its
// handler, which checks the token and answers 401 in JSON when it is not valid.
const signedInOnly = withAuth({
  pages: { signIn: "/login" },
  callbacks: {
    authorized: ({ token, req }) => token !== null || /^Bearer\s+\S/i.test(req.headers.get("authorization") ?? ""),
  },
});

const NEEDS_SIGN_IN = /^\/(?:w|inbox|account)(?:\/|$)|^\/queue$/;

// A NUL (%00) in an address names nothing: no page, file or API item is ever reached with one
// (PostgreSQL cannot even look such an id up). Handlers check again (lib/pipeline, lib/auth/guards).
const NUL = /%00|\u0000/i;

export default function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  const { pathname, search } = request.nextUrl;
  if (NUL.test(pathname) || NUL.test(search)) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404, headers: { "Cache-Control": "no-store" } });
    }
    return new NextResponse("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  if (NEEDS_SIGN_IN.test(pathname)) return signedInOnly(request, event);
  return NextResponse.next();
}

export const config = { matcher: ["/w/:path*", "/queue", "/inbox/:path*", "/account/:path*", "/api/v1/:path*", "/r/:path*", "/invite/:path*"] };
