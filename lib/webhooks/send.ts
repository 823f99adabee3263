import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkWebhookUrl } from "@/lib/domain/webhooks";
import { resolveWebhookHost } from "./address";

export type SendRules = { allowPrivate: boolean; allowHttp: boolean; selfOrigins: readonly string[]; timeoutMs: number };
export type SendOutcome = { statusCode: number | null; error: string | null; durationMs: number };

const MAX_ERROR = 500;

/**
 * One POST to a receiver. The URL is checked again and its host resolved now, every address
 * vetted, and the connection made to the vetted address (the name is not resolved a second
 * time, so DNS rebinding cannot swap in an internal address). Redirects are not followed: a 3xx
 * is a failure like any non-2xx. The response body is read and thrown away.
 */
export async function sendWebhook(rawUrl: string, body: string, headers: Record<string, string>, rules: SendRules): Promise<SendOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendOutcome => ({ statusCode, error: error?.slice(0, MAX_ERROR) ?? null, durationMs: Math.round(performance.now() - started) });
  const checked = checkWebhookUrl(rawUrl, rules);
  if (!checked.ok) return done(null, checked.message);
  const url = checked.url;
  const resolved = await resolveWebhookHost(url.hostname, rules.allowPrivate);
  if (!resolved.ok) return done(null, resolved.message);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options?.all) callback(null, [{ address: resolved.address, family: resolved.family }]);
    else callback(null, resolved.address, resolved.family);
  };
  const transport = url.protocol === "http:" ? http : https;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = transport.request(
      url,
      {
        method: "POST",
        lookup: pinned,
        agent: false,
        headers: { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)), "User-Agent": "Factdesk-Webhooks/1", ...headers },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        response.on("end", () => finish(done(status, status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? `Answered ${status} (redirects are not followed).` : `Answered ${status}.`)));
        response.on("error", (error) => finish(done(status, error.message)));
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`No answer within ${Math.round(rules.timeoutMs / 1000)} s.`));
    }, rules.timeoutMs);
    request.on("error", (error) => finish(done(null, error.message || String(error))));
    request.end(body);
  });
}
