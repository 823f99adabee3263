"use server";

import { personalAction } from "@/lib/actions/workspace-action";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { recordSecurityEvent } from "@/lib/db/security-events";
import { createApiTokenSchema, expiryDate, revokeApiTokenSchema } from "@/lib/validation/api-token";

// A person's API tokens belong to them alone: the pipeline authenticates and validates, and
// lib/db scopes every statement to the caller's id (another person's token is not found).

const PAGE = "/account/tokens";

export const createApiTokenAction = personalAction({ schema: createApiTokenSchema }, async (input, { user }, client) => {
  const { token, row } = await createApiToken(user.id, { name: input.name, scope: input.scope, expiresAt: expiryDate(input.expiry, new Date()) });
  await recordSecurityEvent({ kind: "token.created", userId: user.id, ip: client.ip, userAgent: client.userAgent, detail: { tokenId: row.id, prefix: row.prefix, name: row.name, scope: row.scope } });
  // The token itself goes back once, to this form; only its hash is kept.
  return { message: `Token “${input.name}” created.`, secret: token, revalidate: PAGE };
});

export const revokeApiTokenAction = personalAction({ schema: revokeApiTokenSchema }, async (input, { user }, client) => {
  if (await revokeApiToken(user.id, input.tokenId)) {
    await recordSecurityEvent({ kind: "token.revoked", userId: user.id, ip: client.ip, userAgent: client.userAgent, detail: { tokenId: input.tokenId } });
  }
  return { message: "Token revoked. Programs using it are refused from now on.", revalidate: PAGE };
});
