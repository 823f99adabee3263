import { z } from "zod";
import { identifier } from "@/lib/validation/fields";
import { getDashboard } from "@/lib/db/dashboard";
import { resolvePeriod } from "@/lib/domain/dashboard";
import { dashboardFileName, renderDashboardCsv } from "@/lib/domain/dashboard-csv";
import { defineOperation } from "@/lib/pipeline/operation";
import { operationRoute } from "@/lib/pipeline/route";
import { dashboardQuerySchema } from "@/lib/validation/dashboard";

const exportDashboard = defineOperation({
  action: "dashboard:read",
  input: z.object({ workspace: identifier().min(1).max(100) }).and(dashboardQuerySchema),
  scope: (input) => ({ workspace: input.workspace }),
  run: async (query, { member }) => {
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
  },
});

/** GET /w/{workspace}/dashboard/export?period=|from=&to=: every figure of the dashboard as CSV (editors and admins). */
export const GET = operationRoute(exportDashboard);
