"use server";

import { articlePath, workspaceAction } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { reuseOnOutdatedDuplicates } from "@/lib/db/reuse-bulk";
import { reuseOriginalDecision } from "@/lib/db/reviews";
import { markDuplicate } from "@/lib/db/similar-claims";
import { reuseDecisionSchema } from "@/lib/validation/review";
import { reuseOnDuplicatesSchema } from "@/lib/validation/reuse";
import { markDuplicateSchema } from "@/lib/validation/search";

// An editor marks a claim as a duplicate of an earlier one (reusing its verdict), or clears it.
export const markDuplicateAction = workspaceAction({ schema: markDuplicateSchema, action: "claim:mark-duplicate" }, async (input, member, ctx) => {
  const { articleId } = await markDuplicate(ctx, (a) => can(member.actor, a), input);
  return { message: input.duplicateOfId ? "Marked as a duplicate." : "Duplicate mark cleared.", revalidate: articlePath(member.workspace.slug, articleId) };
});

// Whoever may publish a verdict publishes the original's on its duplicate, through the same
// publishing gate (lib/db/reviews.ts reuseOriginalDecision).
export const reuseDecisionAction = workspaceAction({ schema: reuseDecisionSchema, action: "decision:publish" }, async (input, member, ctx) => {
  const { articleId, originalArticleId, corrected } = await reuseOriginalDecision(ctx, input);
  const slug = member.workspace.slug;
  return {
    message: corrected ? "The original's verdict replaces this claim's: published as a correction." : "The original's verdict is published on this claim.",
    revalidate: [...new Set([articlePath(slug, articleId), articlePath(slug, originalArticleId)])],
  };
});

// On the original: its current verdict reused on every duplicate whose reused verdict is out of
// date, each through the same rules as the single reuse (lib/db/reuse-bulk.ts).
export const reuseOnDuplicatesAction = workspaceAction({ schema: reuseOnDuplicatesSchema, action: "decision:publish" }, async (input, member, ctx) => {
  const { originalArticleId, updated, message } = await reuseOnOutdatedDuplicates(ctx, (a) => can(member.actor, a), input);
  const slug = member.workspace.slug;
  return { message, revalidate: [...new Set([originalArticleId, ...updated.map((u) => u.articleId)])].map((id) => articlePath(slug, id)) };
});
