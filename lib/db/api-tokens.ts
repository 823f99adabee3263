import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TokenScope } from "@/lib/auth/policy";
import { AppError, notFound } from "@/lib/errors";
import { getDb } from "./client";
import { recordSecurityEvent } from "./security-events";
import type { SessionUser } from "./users";

// Personal API tokens: "fd_" and 32 random bytes (base64url). Only the SHA-256 is stored, so a
// copy of the database is no key to anyone's account; the token is shown once, when made.

export const TOKEN_PREFIX = "fd_";
const TOKEN_PATTERN = /^fd_[A-Za-z0-9_-]{43}$/;
/** Plenty for scripts and integrations; a cap keeps a leaked session from minting thousands. */
export const MAX_ACTIVE_TOKENS = 25;

const HOUR = 3_600_000;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const tokenFields = { id: true, name: true, prefix: true, scope: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdAt: true } as const;

export async function createApiToken(userId: string, input: { name: string; scope: TokenScope; expiresAt: Date | null }, now = new Date()): Promise<{ token: string; row: ApiTokenRow }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return getDb().$transaction(async (tx) => {
    // The user's row is the lock: two requests at once cannot both pass the cap.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    const active = await tx.apiToken.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (active >= MAX_ACTIVE_TOKENS) throw new AppError("CONFLICT", `You already have ${MAX_ACTIVE_TOKENS} active tokens. Revoke one you no longer use first.`);
    const row = await tx.apiToken.create({
      data: { userId, name: input.name, scope: input.scope, expiresAt: input.expiresAt, tokenHash: hash(token), prefix: token.slice(0, 9) },
      select: tokenFields,
    });
    return { token, row };
  });
}

/** The person's tokens, newest first, revoked and expired ones included (they say so). */
export async function listApiTokens(userId: string): Promise<ApiTokenRow[]> {
  return getDb().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: tokenFields });
}

/** Revokes one of the person's own tokens at once; another person's token id is simply not found. */
/** Says whether this call revoked it (false: it already was). */
export async function revokeApiToken(userId: string, tokenId: string, now = new Date()): Promise<boolean> {
  const { count } = await getDb().apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) {
    const exists = await getDb().apiToken.findFirst({ where: { id: tokenId, userId }, select: { id: true } });
    if (!exists) throw notFound("That token");
  }
  return count > 0;
}

/**
 * The person and scope behind a bearer token, or null when it is malformed, unknown, revoked,
 * expired, or its owner's account is disabled. Marks it used (at most once a minute).
 */
export async function findTokenPrincipal(token: string, now = new Date(), client?: { ip: string; userAgent: string | null }): Promise<{ user: SessionUser; token: { id: string; scope: TokenScope } } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await getDb().apiToken.findUnique({
    where: { tokenHash: hash(token) },
    select: { id: true, name: true, prefix: true, scope: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabledAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    // Only the request that moves lastUsedAt on records it; the first use in each clock hour
    // becomes a security event (token.used), so a busy script writes one an hour, not one a call.
    const { count } = await getDb().apiToken.updateMany({ where: { id: row.id, lastUsedAt: row.lastUsedAt }, data: { lastUsedAt: now } });
    if (count === 1 && (!row.lastUsedAt || Math.floor(row.lastUsedAt.getTime() / HOUR) !== Math.floor(now.getTime() / HOUR))) {
      await recordSecurityEvent({ kind: "token.used", userId: row.user.id, ip: client?.ip ?? null, userAgent: client?.userAgent ?? null, detail: { tokenId: row.id, prefix: row.prefix, name: row.name } });
    }
  }
  const { disabledAt: _disabled, ...user } = row.user;
  return { user, token: { id: row.id, scope: row.scope } };
}
