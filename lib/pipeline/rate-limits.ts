import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { hitRateLimits, type RateLimitHit, type RateLimitKey } from "@/lib/db/rate-limit";
import { recordSecurityEvent } from "@/lib/db/security-events";
import { getRateLimits } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { UNKNOWN_ADDRESS } from "@/lib/http/client-address";
import type { RequestClient } from "@/lib/http/request-client";

// Request limits for the pipeline's adapters: every server action (lib/actions/workspace-action.ts)
// and every API or file route (lib/api/v1/endpoint.ts, lib/pipeline/route.ts) counts against its
// person (and token) and its network address, in one statement, before anything else is read.
// Limits are per minute and configurable (lib/env.ts getRateLimits).

export const RATE_WINDOW_MS = 60_000;

export type Channel = "action" | "api";

/** A refused request: the client may try again in `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  constructor(readonly hit: RateLimitHit, what: string) {
    super("RATE_LIMITED", `Too many requests; try again in ${hit.retryAfterSeconds} seconds (the limit is ${hit.limit} a minute ${what}).`);
  }
}

const WHAT: Record<string, string> = { user: "for each person", token: "for each API token", addr: "from each network address" };

function keysFor(channel: Channel, principal: Principal, client: RequestClient): RateLimitKey[] {
  const limits = getRateLimits();
  const keys: RateLimitKey[] = [];
  if (channel === "action") {
    keys.push({ key: `action:user:${principal.user.id}`, limit: limits.actionPerPerson });
  } else {
    if (principal.kind === "token") keys.push({ key: `api:token:${principal.token.id}`, limit: limits.apiPerToken });
    // A browser's own API calls (the live page) count as its person's, with all their tokens.
    keys.push({ key: `api:user:${principal.user.id}`, limit: limits.apiPerPerson });
  }
  // Without an address recorded by the server (a script, a test) there is nothing to share a
  // limit with: every such request would count against the same "unknown" neighbour.
  if (client.ip !== UNKNOWN_ADDRESS) keys.push({ key: `${channel}:addr:${client.ip}`, limit: channel === "action" ? limits.actionPerAddress : limits.apiPerAddress });
  return keys;
}

/**
 * Counts this request and refuses it (RATE_LIMITED) when any of its keys is over its limit. The
 * first refusal of a key in a window is recorded as a security event; a flood writes no more.
 * Returns the tightest key's standing, for X-RateLimit headers.
 */
export async function enforceRateLimits(channel: Channel, principal: Principal, client: RequestClient, now = new Date()): Promise<RateLimitHit> {
  const hits = await hitRateLimits(keysFor(channel, principal, client), RATE_WINDOW_MS, now);
  const refused = hits.find((h) => !h.allowed);
  if (refused) {
    const kind = refused.key.split(":")[1] ?? "user";
    if (refused.count === refused.limit + 1) {
      await recordSecurityEvent({ kind: "rate.limited", userId: principal.user.id, ip: client.ip, userAgent: client.userAgent, detail: { channel, per: kind === "addr" ? "address" : kind === "token" ? "token" : "person", limit: refused.limit } });
    }
    throw new RateLimitedError(refused, WHAT[kind] ?? "");
  }
  return hits.reduce((tightest, h) => (h.remaining < tightest.remaining ? h : tightest));
}

export const rateLimitHeaders = (hit: RateLimitHit): Record<string, string> => ({ "X-RateLimit-Limit": String(hit.limit), "X-RateLimit-Remaining": String(hit.remaining) });
