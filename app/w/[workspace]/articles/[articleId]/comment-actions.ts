"use server";

import type { Member } from "@/lib/auth/guards";
import { articlePath, workspaceAction } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { createComment, editComment, type May } from "@/lib/db/comments";
import { createCommentSchema, editCommentSchema } from "@/lib/validation/comment";

// Discussion on a claim. The wrapper authenticates, validates and checks the role; lib/db asks
// the policy again with the comment's author (only they may edit) inside the transaction.

const mayAs = (member: Member): May => (action, resource) => can(member.actor, action, resource);

export const createCommentAction = workspaceAction({ schema: createCommentSchema, action: "comment:create" }, async (input, member, ctx) => {
  const { articleId } = await createComment(ctx, mayAs(member), input);
  return { message: input.parentId ? "Reply posted." : "Comment posted.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const editCommentAction = workspaceAction({ schema: editCommentSchema, action: "comment:edit" }, async (input, member, ctx) => {
  const { articleId } = await editComment(ctx, mayAs(member), input);
  return { message: "Comment saved.", revalidate: articlePath(member.workspace.slug, articleId) };
});
