import "server-only";
import { z } from "zod";
import { createShareLink, listShareLinks, revokeShareLink, shareLinkPath, type ShareLinkRow } from "@/lib/db/share-links";
import { defineOperation } from "@/lib/pipeline/operation";
import { id } from "@/lib/validation/fields";
import { createShareLinkSchema } from "@/lib/validation/share-link";
import type { Endpoint } from "./endpoint";

// Public links to an article's published report, for editors: the same schemas, policy action
// and lib/db calls as the article's "Public links" page.

const dateTime = z.iso.datetime({ offset: true });

export const shareLinkOut = z
  .object({
    id: z.string(),
    articleId: z.string(),
    createdAt: dateTime,
    createdBy: z.string().nullable().describe("The name of the member who made it."),
    expiresAt: dateTime.nullable(),
    revokedAt: dateTime.nullable(),
    active: z.boolean().describe("Whether the link opens the report now (not revoked, not expired)."),
  })
  .meta({ id: "ShareLink" });

const createdShareLinkOut = shareLinkOut
  .extend({
    token: z.string().describe("The secret in the link. Shown only in this answer: only its hash is stored."),
    path: z.string().describe("The public page's path on this server, /r/{token}."),
  })
  .meta({ id: "CreatedShareLink" });

const shareLinkPage = z.object({ items: z.array(shareLinkOut) }).meta({ id: "ShareLinkList" });

const toJson = (articleId: string, link: ShareLinkRow, now = new Date()): z.infer<typeof shareLinkOut> => ({
  id: link.id,
  articleId,
  createdAt: link.createdAt.toISOString(),
  createdBy: link.createdBy,
  expiresAt: link.expiresAt?.toISOString() ?? null,
  revokedAt: link.revokedAt?.toISOString() ?? null,
  active: !link.revokedAt && (!link.expiresAt || link.expiresAt > now),
});

const articleScope = (input: { articleId: string }) => ({ kind: "article" as const, id: input.articleId });

const listShareLinksEndpoint: Endpoint = {
  method: "GET",
  path: "/articles/{id}/share-links",
  tag: "Public links",
  summary: "List an article's public links",
  description: "Newest first, revoked and expired ones included. The tokens themselves are never shown again. Editors and admins.",
  params: { id: "articleId" },
  response: shareLinkPage,
  operation: defineOperation({
    action: "share:manage",
    input: z.object({ articleId: id("article id") }),
    scope: articleScope,
    run: async (input, { member }) => ({ items: (await listShareLinks(member.workspace.id, input.articleId)).map((l) => toJson(input.articleId, l)) }),
  }),
};

const createShareLinkEndpoint: Endpoint = {
  method: "POST",
  path: "/articles/{id}/share-links",
  tag: "Public links",
  summary: "Create a public link to an article's report",
  description: "Anyone with the link reads the article's published claims, verdicts and sources at /r/{token}, without signing in. The token is in this answer only. Editors and admins.",
  params: { id: "articleId" },
  body: createShareLinkSchema.omit({ articleId: true }),
  response: createdShareLinkOut,
  status: 201,
  operation: defineOperation({
    action: "share:manage",
    input: createShareLinkSchema,
    scope: articleScope,
    run: async (input, { ctx, may, member }) => {
      const created = await createShareLink(ctx, (a) => may(a), input);
      const row: ShareLinkRow = { id: created.id, createdAt: created.createdAt, createdBy: member.user.name, expiresAt: created.expiresAt, revokedAt: null };
      return { ...toJson(input.articleId, row), token: created.token, path: shareLinkPath(created.token) };
    },
  }),
};

const revokeShareLinkEndpoint: Endpoint = {
  method: "DELETE",
  path: "/articles/{id}/share-links/{linkId}",
  tag: "Public links",
  summary: "Revoke a public link",
  description: "The link stops working at once: its page answers 404 like any unknown link. 409 when it was already revoked. Editors and admins.",
  params: { id: "articleId", linkId: "shareLinkId" },
  status: 204,
  operation: defineOperation({
    action: "share:manage",
    input: z.object({ articleId: id("article id"), shareLinkId: id("public link id") }),
    scope: articleScope,
    run: async (input, { ctx, may }) => void (await revokeShareLink(ctx, (a) => may(a), input)),
  }),
};

export const SHARE_LINK_ENDPOINTS: readonly Endpoint[] = [listShareLinksEndpoint, createShareLinkEndpoint, revokeShareLinkEndpoint];
