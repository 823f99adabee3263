"use server";

import { articlePath, workspaceAction } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { markDuplicate } from "@/lib/db/similar-claims";
import { markDuplicateSchema } from "@/lib/validation/search";

// An editor marks a claim as a duplicate of an earlier one (reusing its verdict), or clears it.
export const markDuplicateAction = workspaceAction({ schema: markDuplicateSchema, action: "claim:mark-duplicate" }, async (input, member, ctx) => {
  const { articleId } = await markDuplicate(ctx, (a) => can(member.actor, a), input);
  return { message: input.duplicateOfId ? "Marked as a duplicate." : "Duplicate mark cleared.", revalidate: articlePath(member.workspace.slug, articleId) };
});
