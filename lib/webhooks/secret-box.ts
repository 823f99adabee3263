import "server-only";
import { randomBytes } from "node:crypto";
import { secretBox } from "@/lib/crypto/secret-box";
import { getWebhookKey } from "@/lib/env";

// A hook's signing secret must be recoverable by the server (it signs every delivery with it),
// so it cannot be hashed like a token. It is stored encrypted (AES-256-GCM, lib/crypto/secret-box.ts)
// with a key from the environment: FACTDESK_WEBHOOK_KEY when set, else one derived from
// NEXTAUTH_SECRET. A copy of the database alone does not give anyone the power to forge deliveries.

const box = secretBox("webhook-secret-encryption-v1", getWebhookKey);

/** A new signing secret: 256 random bits, prefixed so people recognise it. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sealSecret(secret: string): string {
  return box.seal(secret);
}

/** The secret back, or null when the key has changed since it was sealed (rotate the secret). */
export function openSecret(sealed: string): string | null {
  return box.open(sealed);
}
