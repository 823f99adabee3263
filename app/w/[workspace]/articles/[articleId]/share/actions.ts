"use server";

import { articlePath, workspaceAction } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { createShareLink, revokeShareLink, shareLinkPath } from "@/lib/db/share-links";
import { createShareLinkSchema, revokeShareLinkSchema } from "@/lib/validation/share-link";

// Public links to an article's published report (editors): the wrapper authenticates, validates
// and authorizes; lib/db locks the article and writes the link with its audit event.

const sharePath = (slug: string, articleId: string) => `${articlePath(slug, articleId)}/share`;

export const createShareLinkAction = workspaceAction({ schema: createShareLinkSchema, action: "share:manage" }, async (input, member, ctx) => {
  const { token } = await createShareLink(ctx, (a) => can(member.actor, a), input);
  return { message: "Public link created.", revalidate: sharePath(member.workspace.slug, input.articleId), secret: shareLinkPath(token) };
});

export const revokeShareLinkAction = workspaceAction({ schema: revokeShareLinkSchema, action: "share:manage" }, async (input, member, ctx) => {
  const { articleId } = await revokeShareLink(ctx, (a) => can(member.actor, a), input);
  return { message: "Public link revoked: it stops working now.", revalidate: sharePath(member.workspace.slug, articleId) };
});
