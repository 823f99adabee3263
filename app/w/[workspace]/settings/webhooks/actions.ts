"use server";

import { headers } from "next/headers";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { createWebhook, deleteWebhook, retryDelivery, rotateWebhookSecret, sendTestEvent, setWebhookDisabled } from "@/lib/db/webhooks";
import { createWebhookSchema, retryDeliverySchema, setWebhookDisabledSchema, webhookIdSchema } from "@/lib/validation/webhooks";

// Admins' webhook settings. The wrapper authenticates, validates and authorizes ("webhook:manage");
// lib/db asks the policy again and writes in a transaction with its audit event.

const page = (slug: string) => `/w/${slug}/settings/webhooks`;

/** The host this request came in on: a hook may not point back at it. */
async function requestHost(): Promise<string | null> {
  try {
    return (await headers()).get("host");
  } catch {
    return null;
  }
}

export const createWebhookAction = workspaceAction({ schema: createWebhookSchema, action: "webhook:manage" }, async (input, member, ctx) => {
  const { secret } = await createWebhook(ctx, (a) => can(member.actor, a), input, await requestHost());
  return { message: "Webhook registered.", revalidate: page(member.workspace.slug), secret };
});

export const setWebhookDisabledAction = workspaceAction({ schema: setWebhookDisabledSchema, action: "webhook:manage" }, async (input, member, ctx) => {
  await setWebhookDisabled(ctx, (a) => can(member.actor, a), input);
  return { message: input.disabled ? "Webhook disabled." : "Webhook enabled.", revalidate: page(member.workspace.slug) };
});

export const rotateWebhookSecretAction = workspaceAction({ schema: webhookIdSchema, action: "webhook:manage" }, async (input, member, ctx) => {
  const { secret } = await rotateWebhookSecret(ctx, (a) => can(member.actor, a), input.webhookId);
  return { message: "New secret made. The old one no longer signs anything.", revalidate: page(member.workspace.slug), secret };
});

export const deleteWebhookAction = workspaceAction({ schema: webhookIdSchema, action: "webhook:manage" }, async (input, member, ctx) => {
  await deleteWebhook(ctx, (a) => can(member.actor, a), input.webhookId);
  return { message: "Webhook deleted.", revalidate: page(member.workspace.slug) };
});

export const sendTestEventAction = workspaceAction({ schema: webhookIdSchema, action: "webhook:manage" }, async (input, member, ctx) => {
  await sendTestEvent(ctx, (a) => can(member.actor, a), input.webhookId);
  return { message: "Test event queued. It is sent within a few seconds; refresh to see the result.", revalidate: page(member.workspace.slug) };
});

export const retryDeliveryAction = workspaceAction({ schema: retryDeliverySchema, action: "webhook:manage" }, async (input, member, ctx) => {
  await retryDelivery(ctx, (a) => can(member.actor, a), input.deliveryId);
  return { message: "Delivery queued again.", revalidate: page(member.workspace.slug) };
});
