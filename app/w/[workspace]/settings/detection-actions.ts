"use server";

import { workspaceAction } from "@/lib/actions/workspace-action";
import { rescoreWorkspaceClaims } from "@/lib/db/rescore";
import { describeRescore } from "@/lib/domain/detection/rescore";
import { rescoreClaimsSchema } from "@/lib/validation/rescore";

/** Settings > General, Detection: the workspace's claims scored again by the current detector (admins). */
export const rescoreClaimsAction = workspaceAction({ schema: rescoreClaimsSchema, action: "claims:rescore" }, async (input, member, ctx) => {
  const summary = await rescoreWorkspaceClaims(ctx, { all: input.all });
  return { message: describeRescore(summary), revalidate: `/w/${member.workspace.slug}` };
});
