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
 * Webhooks. FACTDESK_WEBHOOK_ALLOW_PRIVATE=1 lets hooks point at private, loopback and link-local
 * addresses (a receiver inside the newsroom's network). Plain http is allowed only inside the
 * test run (NODE_ENV=test with FACTDESK_WEBHOOK_ALLOW_HTTP=1), for a receiver on this machine.
 */
export function getWebhookRules(): { allowPrivate: boolean; allowHttp: boolean; appUrl: string | null } {
  return {
    allowPrivate: process.env.FACTDESK_WEBHOOK_ALLOW_PRIVATE === "1",
    allowHttp: process.env.NODE_ENV === "test" && process.env.FACTDESK_WEBHOOK_ALLOW_HTTP === "1",
    appUrl: process.env.NEXTAUTH_URL || null,
  };
}

/** FACTDESK_WEBHOOK_KEY: 32 bytes (64 hex characters) that encrypt hook secrets; optional. */
export function getWebhookKey(): string | null {
  const key = process.env.FACTDESK_WEBHOOK_KEY;
  if (!key) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(key)) throw new Error("FACTDESK_WEBHOOK_KEY must be 64 hex characters (32 bytes).");
  return key;
}

/** FACTDESK_TOTP_KEY: 32 bytes (64 hex characters) that encrypt authenticator secrets; optional. */
export function getTotpKey(): string | null {
  const key = process.env.FACTDESK_TOTP_KEY;
  if (!key) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(key)) throw new Error("FACTDESK_TOTP_KEY must be 64 hex characters (32 bytes).");
  return key;
}

/** FACTDESK_WEBHOOK_WORKER=0 keeps this instance from sending webhooks (another one does). */
export const webhookWorkerEnabled = () => process.env.FACTDESK_WEBHOOK_WORKER !== "0";

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

/** The largest workspace backup the settings page accepts, in bytes (FACTDESK_BACKUP_UPLOAD_MB, default 20). */
export function getBackupUploadLimitBytes(): number {
  const mb = Number(process.env.FACTDESK_BACKUP_UPLOAD_MB);
  return Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 20) * 1024 * 1024);
}

/**
 * How long a signed-in browser stays signed in: FACTDESK_SESSION_IDLE_MINUTES without a request
 * (default 720, twelve hours) and FACTDESK_SESSION_MAX_DAYS after signing in, however active
 * (default 7). Either ends the session on the server and the person signs in again. A value that
 * is not a positive number is reported once and the default is used.
 */
let sessionLimits: { idleMs: number; maxMs: number } | undefined;
export function getSessionLimits(): { idleMs: number; maxMs: number } {
  sessionLimits ??= {
    idleMs: Math.round(positiveSetting("FACTDESK_SESSION_IDLE_MINUTES", 720) * 60_000),
    maxMs: Math.round(positiveSetting("FACTDESK_SESSION_MAX_DAYS", 7) * 86_400_000),
  };
  return sessionLimits;
}

function positiveSetting(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  console.warn(`${name}=${raw} is not a positive number; using ${fallback}.`);
  return fallback;
}

/**
 * Request limits a minute, counted in PostgreSQL so every instance shares them (lib/pipeline/
 * rate-limits.ts). Each is an env variable holding a positive integer; the defaults are several
 * times what a busy desk of 50 does (docs/decisions/022-headers-and-rate-limits.md).
 */
export type RateLimits = {
  /** Server actions (form saves) by one person: FACTDESK_ACTION_RATE_LIMIT, default 300. */
  actionPerPerson: number;
  /** Server actions from one network address: FACTDESK_ACTION_RATE_LIMIT_PER_ADDRESS, default 3000. */
  actionPerAddress: number;
  /** API requests with one token (or one person's browser): FACTDESK_API_RATE_LIMIT, default 600. */
  apiPerToken: number;
  /** API requests by one person, all their tokens and their browser together: FACTDESK_API_RATE_LIMIT_PER_PERSON, default 1200. */
  apiPerPerson: number;
  /** API requests from one network address: FACTDESK_API_RATE_LIMIT_PER_ADDRESS, default 6000. */
  apiPerAddress: number;
};

const positiveInt = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

export function getRateLimits(): RateLimits {
  return {
    actionPerPerson: positiveInt("FACTDESK_ACTION_RATE_LIMIT", 300),
    actionPerAddress: positiveInt("FACTDESK_ACTION_RATE_LIMIT_PER_ADDRESS", 3000),
    apiPerToken: positiveInt("FACTDESK_API_RATE_LIMIT", 600),
    apiPerPerson: positiveInt("FACTDESK_API_RATE_LIMIT_PER_PERSON", 1200),
    apiPerAddress: positiveInt("FACTDESK_API_RATE_LIMIT_PER_ADDRESS", 6000),
  };
}

