import "server-only";
import { randomUUID } from "node:crypto";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import { findRating, parseRatingScale } from "@/lib/domain/rating-scale";
import { TEST_EVENT, checkWebhookUrl, type WebhookEvent } from "@/lib/domain/webhooks";
import { getWebhookRules } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateWebhookInput } from "@/lib/validation/webhooks";
import { resolveWebhookHost } from "@/lib/webhooks/address";
import { generateWebhookSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";

// Webhooks: an admin's registrations, and the outbox of deliveries the worker
// (lib/webhooks/worker.ts) sends. Secrets are stored sealed and never read back to a person.

export const MAX_WEBHOOKS = 20;

const urlError = (message: string) => new AppError("INVALID_INPUT", message, { url: [message] });

/** The app's own origins as the request and the configuration name them. */
export function selfOrigins(requestHost: string | null): string[] {
  const { appUrl } = getWebhookRules();
  return [appUrl, requestHost].filter((v): v is string => Boolean(v));
}

/** The URL checks, then the host resolved now: it must not be internal today either. */
async function vetUrl(raw: string, requestHost: string | null): Promise<string> {
  const rules = getWebhookRules();
  const checked = checkWebhookUrl(raw, { ...rules, selfOrigins: selfOrigins(requestHost) });
  if (!checked.ok) throw urlError(checked.message);
  const resolved = await resolveWebhookHost(checked.url.hostname, rules.allowPrivate);
  if (!resolved.ok) throw urlError(resolved.message);
  return checked.url.toString();
}

async function lockWebhook(tx: Tx, ctx: Ctx, webhookId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Webhook" WHERE "id" = ${webhookId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
  const hook = await tx.webhook.findFirst({ where: { id: webhookId, workspaceId: ctx.workspaceId }, select: { id: true, url: true, events: true, disabledAt: true } });
  if (!hook) throw notFound("That webhook");
  return hook;
}

export async function createWebhook(ctx: Ctx, may: MayTake, input: CreateWebhookInput, requestHost: string | null): Promise<{ id: string; secret: string }> {
  requireMay(may, "webhook:manage");
  const url = await vetUrl(input.url, requestHost);
  const secret = generateWebhookSecret();
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${ctx.workspaceId} FOR UPDATE`;
    const count = await tx.webhook.count({ where: { workspaceId: ctx.workspaceId } });
    if (count >= MAX_WEBHOOKS) throw new AppError("INVALID_INPUT", `A workspace can have up to ${MAX_WEBHOOKS} webhooks. Delete one you no longer use first.`);
    const hook = await tx.webhook.create({
      data: { workspaceId: ctx.workspaceId, url, events: input.events, description: input.description, secret: sealSecret(secret), createdById: ctx.userId },
      select: { id: true },
    });
    await recordEvent(tx, ctx, { action: "webhook.created", entityType: "webhook", entityId: hook.id, after: { url, events: input.events } });
    return { id: hook.id, secret };
  });
}

export async function setWebhookDisabled(ctx: Ctx, may: MayTake, input: { webhookId: string; disabled: boolean }): Promise<void> {
  requireMay(may, "webhook:manage");
  await getDb().$transaction(async (tx) => {
    const hook = await lockWebhook(tx, ctx, input.webhookId);
    if ((hook.disabledAt !== null) === input.disabled) return;
    await tx.webhook.update({ where: { id: hook.id }, data: { disabledAt: input.disabled ? new Date() : null } });
    await recordEvent(tx, ctx, { action: "webhook.updated", entityType: "webhook", entityId: hook.id, before: { active: !input.disabled }, after: { active: input.disabled ? false : true } });
  });
}

/** A new secret, in force for every delivery sent from now on (pending ones included). */
export async function rotateWebhookSecret(ctx: Ctx, may: MayTake, webhookId: string): Promise<{ secret: string }> {
  requireMay(may, "webhook:manage");
  const secret = generateWebhookSecret();
  await getDb().$transaction(async (tx) => {
    const hook = await lockWebhook(tx, ctx, webhookId);
    await tx.webhook.update({ where: { id: hook.id }, data: { secret: sealSecret(secret) } });
    await recordEvent(tx, ctx, { action: "webhook.secret_rotated", entityType: "webhook", entityId: hook.id });
  });
  return { secret };
}

export async function deleteWebhook(ctx: Ctx, may: MayTake, webhookId: string): Promise<void> {
  requireMay(may, "webhook:manage");
  await getDb().$transaction(async (tx) => {
    const hook = await lockWebhook(tx, ctx, webhookId);
    await tx.webhook.delete({ where: { id: hook.id } });
    await recordEvent(tx, ctx, { action: "webhook.deleted", entityType: "webhook", entityId: hook.id, before: { url: hook.url, events: hook.events } });
  });
}

type WorkspaceRef = { id: string; slug: string; name: string };
const payloadOf = (id: string, type: string, workspace: WorkspaceRef, data: Prisma.InputJsonObject, at = new Date()) => ({
  id,
  type,
  createdAt: at.toISOString(),
  workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
  data,
});

/** A `webhook.test` event for one hook, whatever events it follows (it must be active). */
export async function sendTestEvent(ctx: Ctx, may: MayTake, webhookId: string): Promise<void> {
  requireMay(may, "webhook:manage");
  await getDb().$transaction(async (tx) => {
    const hook = await lockWebhook(tx, ctx, webhookId);
    if (hook.disabledAt) throw new AppError("INVALID_INPUT", "Enable the webhook before sending it a test event.");
    const workspace = await tx.workspace.findFirstOrThrow({ where: { id: ctx.workspaceId }, select: { id: true, slug: true, name: true } });
    const payload = payloadOf(`evt_test_${randomUUID()}`, TEST_EVENT, workspace, { message: "A test event from Factdesk. Verify its signature, answer 2xx, and you are ready." });
    await tx.webhookDelivery.create({ data: { workspaceId: ctx.workspaceId, webhookId: hook.id, event: TEST_EVENT, payload } });
  });
}

/** A delivery that failed for good, tried once more now. */
export async function retryDelivery(ctx: Ctx, may: MayTake, deliveryId: string): Promise<void> {
  requireMay(may, "webhook:manage");
  await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "WebhookDelivery" WHERE "id" = ${deliveryId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
    const delivery = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, workspaceId: ctx.workspaceId }, select: { id: true, status: true, webhook: { select: { disabledAt: true } } } });
    if (!delivery) throw notFound("That delivery");
    if (delivery.status !== "FAILED") throw new AppError("INVALID_INPUT", "Only a failed delivery can be retried.");
    if (delivery.webhook.disabledAt) throw new AppError("INVALID_INPUT", "Enable the webhook before retrying its deliveries.");
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "PENDING", nextAttemptAt: new Date() } });
  });
}

/**
 * The outbox: called inside the transaction of the change, it writes one delivery per active
 * hook of the workspace that follows this event. They commit with the change or not at all;
 * the worker sends them afterwards, so the request never waits for a receiver.
 */
export async function enqueueWebhookEvent(tx: Tx, workspaceId: string, event: { type: WebhookEvent; eventId: bigint; data: () => Promise<Prisma.InputJsonObject> }): Promise<number> {
  const hooks = await tx.webhook.findMany({ where: { workspaceId, disabledAt: null, events: { has: event.type } }, select: { id: true } });
  if (hooks.length === 0) return 0;
  const workspace = await tx.workspace.findFirstOrThrow({ where: { id: workspaceId }, select: { id: true, slug: true, name: true } });
  const payload = payloadOf(`evt_${event.eventId}`, event.type, workspace, await event.data());
  await tx.webhookDelivery.createMany({ data: hooks.map((h) => ({ workspaceId, webhookId: h.id, event: event.type, eventId: event.eventId, payload })) });
  return hooks.length;
}

/** The data of `claim.published` and `decision.corrected`: what a reader's report shows. */
export async function decisionEventData(tx: Tx, workspaceId: string, decisionId: string, previous: { rating: string; summary: string } | null): Promise<Prisma.InputJsonObject> {
  const decision = await tx.decision.findFirstOrThrow({
    where: { id: decisionId, workspaceId },
    select: {
      id: true,
      rating: true,
      summary: true,
      createdAt: true,
      claim: { select: { id: true, statement: true, quote: true, claimant: true, article: { select: { id: true, title: true, outlet: true, url: true, publishedAt: true } } } },
      workspace: { select: { ratingScale: true } },
    },
  });
  const scale = parseRatingScale(decision.workspace.ratingScale);
  const verdict = (key: string) => ({ rating: key, label: findRating(scale, key)?.label ?? key });
  const { article, ...claim } = decision.claim;
  return {
    claim,
    article: { ...article, publishedAt: article.publishedAt?.toISOString() ?? null },
    decision: { id: decision.id, ...verdict(decision.rating), summary: decision.summary, publishedAt: decision.createdAt.toISOString() },
    ...(previous ? { previous: { ...verdict(previous.rating), summary: previous.summary } } : {}),
  };
}

export type WebhookRow = Awaited<ReturnType<typeof listWebhooks>>[number];

/** The settings page: every hook with its latest deliveries (never the secret). */
export async function listWebhooks(workspaceId: string, deliveriesPerHook = 5) {
  return getDb().webhook.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      events: true,
      description: true,
      disabledAt: true,
      createdAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: deliveriesPerHook,
        select: { id: true, event: true, status: true, attempts: true, lastStatusCode: true, lastError: true, lastDurationMs: true, lastAttemptAt: true, nextAttemptAt: true, deliveredAt: true, createdAt: true },
      },
    },
  });
}
