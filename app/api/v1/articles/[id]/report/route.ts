import { apiRoute } from "@/lib/api/handler";
import { parseOrThrow, queryOf } from "@/lib/api/parse";
import { authorize, requireArticleMember } from "@/lib/auth/guards";
import { getArticleReport } from "@/lib/db/reports";
import { renderMarkdownReport, reportFileName, toJsonReport } from "@/lib/domain/report";
import { notFound } from "@/lib/errors";
import { articleParamsSchema, reportQuerySchema } from "@/lib/validation/api";

/** GET /api/v1/articles/{id}/report?format=md|json: the fact-check report as a download. */
export const GET = apiRoute<{ id: string }>(async (request, { user, params }) => {
  const { id } = parseOrThrow(articleParamsSchema, params);
  const { format } = parseOrThrow(reportQuerySchema, queryOf(request));
  const member = await requireArticleMember(user, id);
  authorize(member, "report:export");
  const report = await getArticleReport(member.workspace.id, id);
  if (!report) throw notFound("That article");
  const body = format === "md" ? renderMarkdownReport(report) : `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
  return new Response(body, {
    headers: {
      "Content-Type": format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reportFileName(report.article.title, format)}"`,
      "Cache-Control": "no-store",
    },
  });
});
