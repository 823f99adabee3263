import { withAuth } from "next-auth/middleware";

// An optimistic redirect to the sign-in page for signed-out visitors. It is not the security
// boundary: every page, action and API handler checks the session and membership itself.
// A request that carries an API token (the workspace's file downloads accept one) goes on to its
// handler, which checks the token and answers 401 in JSON when it is not valid.
export default withAuth({
  pages: { signIn: "/login" },
  callbacks: {
    authorized: ({ token, req }) => token !== null || /^Bearer\s+\S/i.test(req.headers.get("authorization") ?? ""),
  },
});

export const config = { matcher: ["/w/:path*", "/queue", "/inbox/:path*", "/account/:path*"] };
