// PURE: the rules of outgoing webhooks: which events exist, how a delivery is signed, when a
// failed one is tried again, and which URLs a hook may point at. The server modules
// (lib/db/webhooks.ts, lib/webhooks/*) do the I/O around these.
import { createHmac, timingSafeEqual } from "node:crypto";
import ipaddr from "ipaddr.js";

/** The events a hook may subscribe to. `webhook.test` is sent only on request, to one hook. */
export const WEBHOOK_EVENTS = ["claim.published", "decision.corrected"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const TEST_EVENT = "webhook.test";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "claim.published": "A claim's verdict is published",
  "decision.corrected": "A published verdict is corrected",
};

export const SIGNATURE_HEADER = "Factdesk-Signature";
export const EVENT_HEADER = "Factdesk-Event";
export const DELIVERY_HEADER = "Factdesk-Delivery";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the hook's secret>`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * What a receiver does: recompute the HMAC over the exact body bytes, compare in constant time,
 * and refuse a timestamp older (or newer) than the tolerance, so a captured request cannot be
 * replayed later. Any one of several `v1=` values may match (a receiver during a secret rotation).
 */
export function verifySignature(secret: string, body: string, header: string | null | undefined, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  if (!t || !/^\d{1,12}$/.test(t)) return false;
  if (Math.abs(nowSeconds - Number(t)) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"), "utf8");
  return parts
    .filter(([k, v]) => k === "v1" && v !== undefined)
    .some(([, v]) => {
      const given = Buffer.from(v!, "utf8");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** Delays before the 2nd, 3rd, ... attempt: 1 min, 5 min, 30 min, 2 h, 6 h; then it has FAILED. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * After `attempts` failed attempts: when to try again (a delay with up to ±20 % jitter, so many
 * hooks that failed together do not all come back at once), or null when it has failed for good.
 */
export function nextRetryDelayMs(attempts: number, random: () => number = Math.random): number | null {
  if (attempts < 1 || attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attempts - 1]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };
export type UrlRules = {
  /** Private, loopback and link-local addresses (FACTDESK_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
  /** Plain http: only ever in the test run, for a receiver on this machine. */
  allowHttp: boolean;
  /** The app's own origins (NEXTAUTH_URL, the request's host): a hook may not call the app. */
  selfOrigins: readonly string[];
};

export const MAX_URL_LENGTH = 2000;

const effectivePort = (url: URL) => url.port || (url.protocol === "http:" ? "80" : "443");
const bareHost = (hostname: string) => hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");

/** True for an address on the public internet: not private, loopback, link-local, reserved... */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/** An IP literal in a URL's hostname, without IPv6 brackets; null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = bareHost(hostname);
  return ipaddr.isValid(bare) && (bare.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : null;
}

/** Same host and port as one of the app's own origins (given as URLs or `host[:port]`). */
export function isSelfOrigin(url: URL, selfOrigins: readonly string[]): boolean {
  return selfOrigins.some((origin) => {
    let self: URL;
    try {
      self = new URL(origin.includes("://") ? origin : `https://${origin}`);
    } catch {
      return false;
    }
    if (bareHost(self.hostname) !== bareHost(url.hostname)) return false;
    // A bare `host` from a request header says nothing of the scheme: any port on it is the app.
    if (!origin.includes("://") && !self.port) return true;
    return effectivePort(self) === effectivePort(url);
  });
}

/**
 * The checks that need no network: a well-formed https URL without credentials, not the app
 * itself, and (for an IP literal or a local name) not an internal address. Names are resolved
 * and checked again by the server at registration and before every delivery.
 */
export function checkWebhookUrl(raw: string, rules: UrlRules): UrlCheck {
  const text = raw.trim();
  if (!text) return { ok: false, message: "Enter the URL to send events to." };
  if (text.length > MAX_URL_LENGTH) return { ok: false, message: `Keep the URL under ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "That is not a valid URL. It should look like https://example.org/hooks/factdesk." };
  }
  if (url.protocol !== "https:" && !(rules.allowHttp && url.protocol === "http:")) return { ok: false, message: "The URL must start with https://." };
  if (url.username || url.password) return { ok: false, message: "Leave credentials out of the URL; check the signature header instead." };
  if (!url.hostname) return { ok: false, message: "The URL needs a host name." };
  if (isSelfOrigin(url, rules.selfOrigins)) return { ok: false, message: "A webhook cannot point at Factdesk itself." };
  if (!rules.allowPrivate) {
    const host = bareHost(url.hostname);
    const literal = ipLiteral(host);
    if (literal ? !isPublicAddress(literal) : host === "localhost" || host.endsWith(".localhost") || !host.includes(".")) {
      return { ok: false, message: "The URL must point at a public address, not a private, loopback or link-local one." };
    }
  }
  url.hash = "";
  return { ok: true, url };
}
