import { apiRoute } from "@/lib/api/handler";
import { parseOrThrow, queryOf } from "@/lib/api/parse";
import { authorize, requireMember } from "@/lib/auth/guards";
import { getDashboard } from "@/lib/db/dashboard";
import { resolvePeriod } from "@/lib/domain/dashboard";
import { dashboardFileName, renderDashboardCsv } from "@/lib/domain/dashboard-csv";
import { dashboardQuerySchema } from "@/lib/validation/dashboard";

/** GET /w/{workspace}/dashboard/export?period=|from=&to=: every figure of the dashboard as CSV (editors and admins). */
export const GET = apiRoute<{ workspace: string }>(async (request, { user, params }) => {
  const query = parseOrThrow(dashboardQuerySchema, queryOf(request));
  const member = await requireMember(user, params.workspace);
  authorize(member, "dashboard:read");
  const generatedAt = new Date();
  const period = resolvePeriod(query, generatedAt);
  const data = await getDashboard(member.workspace.id, member.workspace.ratingScale, period);
  const body = renderDashboardCsv({ workspace: member.workspace.name, period, generatedAt, data });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${dashboardFileName(member.workspace.slug, generatedAt)}"`,
      "Cache-Control": "no-store",
    },
  });
});
