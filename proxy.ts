import { withAuth } from "next-auth/middleware";

// An optimistic redirect to the sign-in page for signed-out visitors. It is not the security
// boundary: every page, action and API handler checks the session and membership itself.
export default withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/w/:path*", "/queue", "/inbox/:path*", "/account/:path*"] };
