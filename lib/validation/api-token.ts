import { z } from "zod";
import { id, requiredText } from "./fields";

// PURE: what a person sends to make or revoke one of their API tokens, and how a token's row
// reads in the list. The form and the server action parse the same schemas.

export const MAX_TOKEN_NAME = 80;

export const TOKEN_SCOPES = ["READ", "WRITE"] as const;
export const TOKEN_EXPIRIES = ["30", "90", "365", "never"] as const;
export type TokenExpiry = (typeof TOKEN_EXPIRIES)[number];

export const TOKEN_SCOPE_TEXT: Record<(typeof TOKEN_SCOPES)[number], { label: string; explanation: string }> = {
  READ: { label: "Read only", explanation: "Can read articles, claims, sources, reviews and reports. Can never change anything." },
  WRITE: { label: "Read and write", explanation: "Can do anything you can do in your workspaces, with your role: import, edit, review, publish, delete." },
};

export const TOKEN_EXPIRY_LABELS: Record<TokenExpiry, string> = {
  "30": "In 30 days",
  "90": "In 90 days",
  "365": "In a year",
  never: "Never",
};

export const createApiTokenSchema = z.object({
  name: requiredText("Name", MAX_TOKEN_NAME),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose read only or read and write." }),
  expiry: z.enum(TOKEN_EXPIRIES, { error: "Choose when the token expires: in 30, 90 or 365 days, or never." }),
});

export const revokeApiTokenSchema = z.object({ tokenId: id("token id") });

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a token made now with this choice stops working; null for never. */
export function expiryDate(expiry: TokenExpiry, now: Date): Date | null {
  return expiry === "never" ? null : new Date(now.getTime() + Number(expiry) * DAY_MS);
}

export type TokenStatus = "active" | "expired" | "revoked";

/** Revoked wins over expired: it is what the person did. */
export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}
