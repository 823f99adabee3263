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

/** The largest workspace backup the settings page accepts, in bytes (FACTDESK_BACKUP_UPLOAD_MB, default 20). */
export function getBackupUploadLimitBytes(): number {
  const mb = Number(process.env.FACTDESK_BACKUP_UPLOAD_MB);
  return Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 20) * 1024 * 1024);
}
