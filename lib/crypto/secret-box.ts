import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret } from "@/lib/env";

// Secrets the server must read back (a webhook's signing secret, a person's authenticator
// secret) cannot be hashed: they are stored encrypted with AES-256-GCM. Each use has its own key:
// an explicit 32-byte key from the environment when the operator set one, else one derived from
// NEXTAUTH_SECRET with HKDF under the use's own label, so one key never serves two purposes.
// A copy of the database alone reveals none of them.

const VERSION = "v1";

export type SecretBox = {
  seal(secret: string): string;
  /** The secret back, or null when the key has changed since it was sealed. */
  open(sealed: string): string | null;
};

/**
 * `label` names the use (it is the HKDF info, so changing it changes the key); `explicitKey`
 * returns 64 hex characters when the operator configured a key for this use, else null.
 */
export function secretBox(label: string, explicitKey: () => string | null = () => null): SecretBox {
  const key = (): Buffer => {
    const explicit = explicitKey();
    if (explicit) return Buffer.from(explicit, "hex");
    return Buffer.from(hkdfSync("sha256", getAuthSecret(), "factdesk", label, 32));
  };
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key(), iv);
      const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
      return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || !body) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
