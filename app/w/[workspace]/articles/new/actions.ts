"use server";

import { articlePath, workspaceAction } from "@/lib/actions/workspace-action";
import { importArticle } from "@/lib/db/articles";
import { importUploadSchema } from "@/lib/validation/article";

export const importArticleAction = workspaceAction({ schema: importUploadSchema, action: "article:import" }, async (input, member, ctx) => {
  const article = await importArticle(ctx, input);
  return {
    message: `Imported with ${article.claimCount} claims detected.`,
    revalidate: `/w/${member.workspace.slug}`,
    redirectTo: articlePath(member.workspace.slug, article.id),
  };
});
