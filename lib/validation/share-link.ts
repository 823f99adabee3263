import { z } from "zod";
import { id } from "./fields";

// Public links to an article's published report: made and revoked by editors.

export const SHARE_LINK_EXPIRY_DAYS = [7, 30, 90, 365] as const;

export const createShareLinkSchema = z.object({
  articleId: id("article"),
  // "" (or absent) is a link that works until it is revoked.
  expiresInDays: z.preprocess(
    (v) => (v === "" || v === null || v === undefined || v === "never" ? undefined : v),
    z.coerce
      .number({ error: "Choose how long the link works." })
      .int("Choose how long the link works.")
      .refine((d) => (SHARE_LINK_EXPIRY_DAYS as readonly number[]).includes(d), "Choose 7, 30, 90 or 365 days, or no expiry.")
      .optional()
      .describe("Days until the link stops working (7, 30, 90 or 365); absent: until revoked."),
  ),
});

export const revokeShareLinkSchema = z.object({ shareLinkId: id("public link") });

/** The token in a public link: 32 random bytes as base64url. Anything else is simply not found. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
