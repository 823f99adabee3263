import "server-only";
import { getDb } from "@/lib/db/client";
import { selfOrigins } from "@/lib/db/webhooks";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, nextRetryDelayMs, signatureHeader } from "@/lib/domain/webhooks";
import { getWebhookRules } from "@/lib/env";
import { openSecret } from "./secret-box";
import { sendWebhook } from "./send";

// The delivery worker. Every app instance may run one: each round claims due deliveries with
// SELECT ... FOR UPDATE SKIP LOCKED and leases them (moves their next attempt past the lease),
// so two instances never send the same delivery at once, and a delivery whose instance died
// mid-send becomes due again when its lease runs out (at-least-once; receivers dedupe on
// Factdesk-Delivery). The HTTP request runs outside any transaction.

export const DELIVERY_TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const BATCH = 10;

type Claimed = { id: string; webhookId: string; event: string; payload: unknown; attempts: number; url: string; secret: string };

/** Claims up to `limit` due deliveries of active hooks for this instance. */
async function claimDue(limit: number): Promise<Claimed[]> {
  return getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Claimed[]>`
      SELECT d."id", d."webhookId", d."event", d."payload", d."attempts", w."url", w."secret"
      FROM "WebhookDelivery" d JOIN "Webhook" w ON w."id" = d."webhookId"
      WHERE d."status" = 'PENDING' AND d."nextAttemptAt" <= now() AND w."disabledAt" IS NULL
      ORDER BY d."nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED`;
    if (rows.length > 0) {
      await tx.webhookDelivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { nextAttemptAt: new Date(Date.now() + LEASE_MS) } });
    }
    return rows;
  });
}

async function deliver(row: Claimed, now: () => Date): Promise<void> {
  // Disabled or deleted since this round claimed it: nothing goes out. The lease runs out and
  // the delivery waits, as every delivery of a disabled hook does, until it is enabled again.
  const hook = await getDb().webhook.findFirst({ where: { id: row.webhookId, disabledAt: null }, select: { id: true } });
  if (!hook) return;
  const rules = getWebhookRules();
  const body = JSON.stringify(row.payload);
  const secret = openSecret(row.secret);
  const outcome = secret
    ? await sendWebhook(
        row.url,
        body,
        { [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(now().getTime() / 1000)), [EVENT_HEADER]: row.event, [DELIVERY_HEADER]: row.id },
        { allowPrivate: rules.allowPrivate, allowHttp: rules.allowHttp, selfOrigins: selfOrigins(null), timeoutMs: DELIVERY_TIMEOUT_MS },
      )
    : { statusCode: null, error: "The hook's secret cannot be read with the current key; rotate the secret.", durationMs: 0 };
  const attempts = row.attempts + 1;
  const ok = outcome.error === null;
  const delay = ok ? null : nextRetryDelayMs(attempts);
  const at = now();
  await getDb().webhookDelivery.updateMany({
    where: { id: row.id, status: "PENDING" },
    data: {
      attempts,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      lastDurationMs: outcome.durationMs,
      lastAttemptAt: at,
      ...(ok ? { status: "DELIVERED", deliveredAt: at } : delay === null ? { status: "FAILED" } : { nextAttemptAt: new Date(at.getTime() + delay) }),
    },
  });
}

/** One round: claim what is due and send it, a few at a time. Returns how many were sent. */
export async function runWebhookRound(options: { now?: () => Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const rows = await claimDue(options.limit ?? BATCH);
  await Promise.all(
    rows.map((row) =>
      deliver(row, now).catch((error: unknown) => {
        console.error("Webhook delivery could not be recorded", error);
      }),
    ),
  );
  return rows.length;
}

const globalWorker = globalThis as unknown as { factdeskWebhookWorker?: { stop: () => void } };

/**
 * Starts this instance's worker (once per process): a round every `intervalMs`, straight after
 * another when the last one was full. Errors (the database restarting) are logged and the loop
 * goes on.
 */
export function startWebhookWorker(intervalMs = 2_000): { stop: () => void } {
  if (globalWorker.factdeskWebhookWorker) return globalWorker.factdeskWebhookWorker;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    let sent = 0;
    try {
      sent = await runWebhookRound();
    } catch (error) {
      console.error("Webhook worker round failed; trying again shortly", error);
    }
    if (!stopped) timer = setTimeout(tick, sent >= BATCH ? 0 : intervalMs);
    timer?.unref?.();
  };
  timer = setTimeout(tick, intervalMs);
  timer.unref?.();
  const handle = {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      delete globalWorker.factdeskWebhookWorker;
    },
  };
  globalWorker.factdeskWebhookWorker = handle;
  return handle;
}
