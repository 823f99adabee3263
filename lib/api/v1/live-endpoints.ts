import "server-only";
import { touchPresence, removePresence } from "@/lib/db/presence";
import { AppError } from "@/lib/errors";
import { getHub, resolveCursor, sseFrame, type Subscriber } from "@/lib/realtime/hub";
import { defineOperation } from "@/lib/pipeline/operation";
import { eventCursor, presenceBodySchema, streamQuerySchema } from "@/lib/validation/api";
import { id } from "@/lib/validation/fields";
import type { Endpoint } from "./endpoint";

// The article page's own plumbing, through the same pipeline as the rest of /api/v1 but left
// out of the public reference: the live change stream and presence heartbeats.

const streamInput = streamQuerySchema.extend({ articleId: id("article id") });

/**
 * GET /api/v1/articles/{id}/events?tab=…[&after=N][&claim=…]: the article's live changes as
 * Server-Sent Events. Starts after `Last-Event-ID` (a reconnect) or `after` (the page's
 * render), sends what was missed in order, then each change as it commits; `presence` events say
 * who has the article open. 401 signed out, 404 outside the caller's workspaces.
 */
const events: Endpoint = {
  method: "GET",
  path: "/articles/{id}/events",
  tag: "Live",
  summary: "The article's live changes (Server-Sent Events)",
  internal: true,
  params: { id: "articleId" },
  produces: ["text/event-stream"],
  operation: defineOperation({
    action: "workspace:read",
    input: streamInput,
    scope: (input) => ({ kind: "article", id: input.articleId }),
    run: async (input, { member, principal, request }) => {
      if (!request) throw new AppError("INVALID_INPUT", "A stream needs a request.");
      const userId = principal.user.id;
      const lastEventId = request.headers.get("last-event-id");
      const requested = eventCursor.optional().safeParse(lastEventId || input.after);
      if (!requested.success) throw new AppError("INVALID_INPUT", "Invalid event id.");
      const workspaceId = member.workspace.id;
      const articleId = input.articleId;
      const { cursor, reset } = await resolveCursor(workspaceId, articleId, requested.data === undefined ? null : BigInt(requested.data));

      const encoder = new TextEncoder();
      let close = () => {};
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          let closed = false;
          const subscriber: Subscriber = {
            viewer: { userId, workspaceId },
            tabId: input.tab,
            cursor,
            send(frame) {
              if (closed) return;
              try {
                controller.enqueue(encoder.encode(frame));
              } catch {
                close();
              }
            },
            close: () => close(),
          };
          // Reconnect after 2 s; `reset` asks the page to reload its data (an untrusted cursor).
          subscriber.send("retry: 2000\n\n");
          if (reset) subscriber.send(sseFrame("reset", { reason: "cursor" }));
          subscriber.send(sseFrame("ready", { cursor: cursor.toString() }));
          const unsubscribe = getHub().subscribe(articleId, subscriber);
          getHub().sendPresenceTo(articleId, subscriber);
          close = () => {
            if (closed) return;
            closed = true;
            unsubscribe();
            void removePresence(userId, input.tab).catch(() => {});
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          };
          request.signal.addEventListener("abort", () => close());
          void touchPresence({ workspaceId, articleId, userId, tabId: input.tab, claimId: input.claim ?? null, activity: null }).catch(() => {});
        },
        cancel() {
          close();
        },
      });
      return new Response(body, {
        headers: {
          "Content-Type": "text/event-stream; charset=utf-8",
          // no-transform keeps compression from buffering the stream; proxies must not buffer either.
          "Cache-Control": "no-store, no-transform",
          "X-Accel-Buffering": "no",
        },
      });
    },
  }),
};

/**
 * POST /api/v1/articles/{id}/presence {tab, claim, activity}: this tab is on the article (on a
 * claim, perhaps writing a review or a source). Sent on every change and as a heartbeat; a tab
 * not heard from within the presence window drops out. 204; 401 signed out, 404 elsewhere.
 */
const presence: Endpoint = {
  method: "POST",
  path: "/articles/{id}/presence",
  tag: "Live",
  summary: "Say this tab is on the article",
  internal: true,
  params: { id: "articleId" },
  body: presenceBodySchema,
  status: 204,
  operation: defineOperation({
    action: "workspace:read",
    input: presenceBodySchema.extend({ articleId: id("article id") }),
    scope: (input) => ({ kind: "article", id: input.articleId }),
    run: async (input, { member, principal }) => {
      await touchPresence({ workspaceId: member.workspace.id, articleId: input.articleId, userId: principal.user.id, tabId: input.tab, claimId: input.claim, activity: input.activity });
    },
  }),
};

export const LIVE_ENDPOINTS: readonly Endpoint[] = [events, presence];
