import { getSharedReport } from "@/lib/db/share-links";
import { publicBaseUrl } from "@/lib/env";
import { NOT_FOUND_PAGE, renderPublicReportPage } from "@/lib/domain/public-report-html";
import { serializeJsonLd } from "@/lib/reports/claim-review";

// GET /r/{token}: the published report of an article, for anyone holding a public link; no
// sign-in (the proxy does not cover /r). The token is the whole authorization: it is checked on
// every request (no caching anywhere), so a revoked link answers 404 on the next request, and
// every link that does not open a report gets the same bytes, whatever the reason.

export const dynamic = "force-dynamic";

const HTML = "text/html; charset=utf-8";

export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const url = new URL(request.url);
  // The public address (NEXTAUTH_URL) when set: behind a proxy the request may name an inner host.
  const pageUrl = `${publicBaseUrl(request)}${url.pathname}`;
  const report = await getSharedReport(token, pageUrl);
  if (!report) {
    return new Response(NOT_FOUND_PAGE, { status: 404, headers: { "Content-Type": HTML, "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
  }
  const { claimReviews, ...rest } = report;
  const html = renderPublicReportPage({ ...rest, jsonLd: serializeJsonLd(claimReviews), pageUrl, fontUrl: "/r/serif.woff2" });
  // Published verdicts may be indexed (the ClaimReview markup is for search engines), but no
  // search engine keeps a copy that would outlive a revocation.
  return new Response(html, { status: 200, headers: { "Content-Type": HTML, "Cache-Control": "no-store", "X-Robots-Tag": "noarchive" } });
}
