"use server";

import { personalAction } from "@/lib/actions/workspace-action";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { createApiTokenSchema, expiryDate, revokeApiTokenSchema } from "@/lib/validation/api-token";

// A person's API tokens belong to them alone: the pipeline authenticates and validates, and
// lib/db scopes every statement to the caller's id (another person's token is not found).

const PAGE = "/account/tokens";

export const createApiTokenAction = personalAction({ schema: createApiTokenSchema }, async (input, { user }) => {
  const { token } = await createApiToken(user.id, { name: input.name, scope: input.scope, expiresAt: expiryDate(input.expiry, new Date()) });
  // The token itself goes back once, to this form; only its hash is kept.
  return { message: `Token “${input.name}” created.`, secret: token, revalidate: PAGE };
});

export const revokeApiTokenAction = personalAction({ schema: revokeApiTokenSchema }, async (input, { user }) => {
  await revokeApiToken(user.id, input.tokenId);
  return { message: "Token revoked. Programs using it are refused from now on.", revalidate: PAGE };
});
