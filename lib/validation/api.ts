import { z } from "zod";
import { PRESENCE_ACTIVITIES } from "@/lib/realtime/presence";
import { id, identifier } from "./fields";

export const articleParamsSchema = z.object({ id: id("article id") });

export const articleListQuerySchema = z.object({
  workspace: identifier().trim().min(1).max(64).optional(),
});

export const claimParamsSchema = z.object({ id: id("claim id") });

/** A browser tab's own id, made up by the page; it names the tab's presence row. */
const tabId = z.string({ error: "Missing tab id." }).regex(/^[A-Za-z0-9_-]{8,64}$/, "Invalid tab id.");

/** An event id as the stream sends it (and EventSource sends back as Last-Event-ID). */
export const eventCursor = z.string().regex(/^\d{1,18}$/, "Invalid event id.");

export const streamQuerySchema = z.object({
  tab: tabId,
  after: eventCursor.optional(),
  claim: id("claim id").optional(),
});

export const presenceBodySchema = z.object({
  tab: tabId,
  claim: id("claim id").nullable().default(null),
  activity: z.enum(PRESENCE_ACTIVITIES, { error: "Unknown activity." }).nullable().default(null),
});
