import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret, getWebhookKey } from "@/lib/env";

// A hook's signing secret must be recoverable by the server (it signs every delivery with it),
// so it cannot be hashed like a token. It is stored encrypted (AES-256-GCM) with a key from the
// environment: FACTDESK_WEBHOOK_KEY when set, else one derived from NEXTAUTH_SECRET. A copy of
// the database alone does not give anyone the power to forge deliveries.

const VERSION = "v1";

function key(): Buffer {
  const explicit = getWebhookKey();
  if (explicit) return Buffer.from(explicit, "hex");
  return Buffer.from(hkdfSync("sha256", getAuthSecret(), "factdesk", "webhook-secret-encryption-v1", 32));
}

/** A new signing secret: 256 random bits, prefixed so people recognise it. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The secret back, or null when the key has changed since it was sealed (rotate the secret). */
export function openSecret(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
