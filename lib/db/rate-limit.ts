import "server-only";
import { getDb } from "./client";

export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

/**
 * Counts one request against `key` in a fixed window and says whether it is within `limit`.
 * The counter is a row in PostgreSQL, so every app instance shares it; one upsert per request.
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number, now = new Date()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await getDb().$queryRaw<Array<{ count: number }>>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
    RETURNING "count"`;
  const count = row?.count ?? 1;
  // The first request of a window clears windows long gone, so the table stays small.
  if (count === 1) void getDb().$executeRaw`DELETE FROM "RateLimit" WHERE "windowStart" < ${new Date(now.getTime() - 2 * windowMs - 3_600_000)}`.catch(() => {});
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
}

export type RateLimitKey = { key: string; limit: number };
export type RateLimitHit = RateLimitResult & { key: string; count: number };

/**
 * Counts one request against several keys (a person, an address) in one statement: one upsert
 * per key, one round trip. Keys are locked in sorted order, so concurrent calls cannot deadlock.
 */
export async function hitRateLimits(keys: RateLimitKey[], windowMs: number, now = new Date()): Promise<RateLimitHit[]> {
  if (keys.length === 0) return [];
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const names = [...new Set(keys.map((k) => k.key))].sort();
  const rows = await getDb().$queryRaw<Array<{ key: string; count: number }>>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    SELECT k, ${windowStart}, 1 FROM unnest(${names}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
    RETURNING "key", "count"`;
  const counts = new Map(rows.map((r) => [r.key, Number(r.count)]));
  if ([...counts.values()].some((c) => c === 1)) {
    void getDb().$executeRaw`DELETE FROM "RateLimit" WHERE "windowStart" < ${new Date(now.getTime() - 2 * windowMs - 3_600_000)}`.catch(() => {});
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return keys.map(({ key, limit }) => {
    const count = counts.get(key) ?? 1;
    return { key, count, allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
  });
}
