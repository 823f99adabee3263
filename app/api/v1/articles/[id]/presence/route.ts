import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseJsonBody, parseOrThrow } from "@/lib/api/parse";
import { authorize, requireArticleMember } from "@/lib/auth/guards";
import { touchPresence } from "@/lib/db/presence";
import { articleParamsSchema, presenceBodySchema } from "@/lib/validation/api";

/**
 * POST /api/v1/articles/{id}/presence {tab, claim, activity}: this tab is on the article (on a
 * claim, perhaps writing a review or a source). Sent on every change and as a heartbeat; a tab
 * not heard from within the presence window drops out. 204; 401 signed out, 404 elsewhere.
 */
export const POST = apiRoute<{ id: string }>(async (request, { user, params }) => {
  const { id } = parseOrThrow(articleParamsSchema, params);
  const body = await parseJsonBody(presenceBodySchema, request);
  const member = await requireArticleMember(user, id);
  authorize(member, "workspace:read");
  await touchPresence({ workspaceId: member.workspace.id, articleId: id, userId: user.id, tabId: body.tab, claimId: body.claim, activity: body.activity });
  return new NextResponse(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
