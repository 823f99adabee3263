import { z } from "zod";
import { MAX_URL_LENGTH, WEBHOOK_EVENTS } from "@/lib/domain/webhooks";
import { id, text } from "./fields";

// Webhook forms. Each event is its own checkbox, named `event:<type>` (a form sends each name once).

export const MAX_WEBHOOK_DESCRIPTION = 200;
export const eventField = (event: string) => `event:${event}`;

export const createWebhookSchema = z.preprocess(
  (raw) => {
    const values = (raw ?? {}) as Record<string, unknown>;
    const events = WEBHOOK_EVENTS.filter((e) => values[eventField(e)] === "on" || values[eventField(e)] === "true");
    return { url: values.url, description: values.description, events: Array.isArray(values.events) ? values.events : events };
  },
  z.object({
    url: text({ error: "Enter the URL to send events to." }).trim().min(1, "Enter the URL to send events to.").max(MAX_URL_LENGTH, `Keep the URL under ${MAX_URL_LENGTH} characters.`),
    description: text()
      .trim()
      .max(MAX_WEBHOOK_DESCRIPTION, `Keep the description under ${MAX_WEBHOOK_DESCRIPTION} characters.`)
      .refine((v) => !/[<>]/.test(v), "The description cannot contain < or >.")
      .optional()
      .transform((v) => v || null),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event."),
  }),
);
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const webhookIdSchema = z.object({ webhookId: id("webhook") });
export const setWebhookDisabledSchema = z.object({ webhookId: id("webhook"), disabled: z.enum(["true", "false"]).transform((v) => v === "true") });
export const retryDeliverySchema = z.object({ deliveryId: id("delivery") });
