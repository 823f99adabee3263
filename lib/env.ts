import "server-only";
import { z } from "zod";

// The one reader of process.env. Each value is parsed on first use, not at import, so `next build`
// needs neither a database nor a secret, and scripts that only touch the database need no secret.
const databaseUrlSchema = z
  .string({ error: "DATABASE_URL is not set. Start Factdesk with `npm start`, which provides one." })
  .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string.");
const secretSchema = z
  .string({ error: "NEXTAUTH_SECRET is not set. `npm start` generates one in the data folder." })
  .min(16, "NEXTAUTH_SECRET must be at least 16 characters.");

let databaseUrl: string | undefined;
let authSecret: string | undefined;

export function getDatabaseUrl(): string {
  databaseUrl ??= databaseUrlSchema.parse(process.env.DATABASE_URL);
  return databaseUrl;
}

export function getAuthSecret(): string {
  authSecret ??= secretSchema.parse(process.env.NEXTAUTH_SECRET);
  return authSecret;
}

/**
 * The address people reach Factdesk at, for links that leave the app (ClaimReview's `url`):
 * NEXTAUTH_URL when set (the documented public address), else the request's own origin.
 */
export function publicBaseUrl(request?: Request): string {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // fall through to the request's origin
    }
  }
  return request ? new URL(request.url).origin : "http://localhost:3000";
}
