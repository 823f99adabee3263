"use server";

import { articlePath, workspaceAction } from "@/lib/actions/workspace-action";
import { reattachClaim, replaceArticleText } from "@/lib/db/revisions";
import { reattachClaimSchema, replaceArticleTextSchema } from "@/lib/validation/revision";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const replaceArticleTextAction = workspaceAction({ schema: replaceArticleTextSchema, action: "article:revise" }, async (input, member, ctx) => {
  const result = await replaceArticleText(ctx, input);
  const orphans = result.orphaned > 0 ? ` ${plural(result.orphaned, "claim", "claims")} could not be placed and ${result.orphaned === 1 ? "needs" : "need"} re-attaching.` : "";
  return {
    message: `Saved as revision ${result.revision}. ${plural(result.kept + result.moved, "claim", "claims")} followed the text.${orphans}`,
    revalidate: articlePath(member.workspace.slug, input.articleId),
  };
});

export const reattachClaimAction = workspaceAction({ schema: reattachClaimSchema, action: "claim:reattach" }, async (input, member, ctx) => {
  const { articleId } = await reattachClaim(ctx, input);
  const path = articlePath(member.workspace.slug, articleId);
  // The orphan's form leaves the page with it: the page itself says what happened.
  return { message: "Claim re-attached.", revalidate: path, redirectTo: `${path}/revisions?reattached=${input.claimId}` };
});
