import { apiRoute } from "@/lib/api/handler";
import { parseOrThrow, queryOf } from "@/lib/api/parse";
import { authorize, requireArticleMember } from "@/lib/auth/guards";
import { removePresence, touchPresence } from "@/lib/db/presence";
import { getHub, resolveCursor, sseFrame, type Subscriber } from "@/lib/realtime/hub";
import { articleParamsSchema, eventCursor, streamQuerySchema } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/articles/{id}/events?tab=…[&after=N][&claim=…]: the article's live changes as
 * Server-Sent Events. Starts after `Last-Event-ID` (a reconnect) or `after` (the page's
 * render), sends what was missed in order, then each change as it commits; `presence` events say
 * who has the article open. 401 signed out, 404 outside the caller's workspaces.
 */
export const GET = apiRoute<{ id: string }>(async (request, { user, params }) => {
  const { id } = parseOrThrow(articleParamsSchema, params);
  const query = parseOrThrow(streamQuerySchema, queryOf(request));
  const member = await requireArticleMember(user, id);
  authorize(member, "workspace:read");
  const lastEventId = request.headers.get("last-event-id");
  const requested = parseOrThrow(eventCursor.optional(), lastEventId || query.after);
  const workspaceId = member.workspace.id;
  const { cursor, reset } = await resolveCursor(workspaceId, id, requested === undefined ? null : BigInt(requested));

  const encoder = new TextEncoder();
  let close = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const subscriber: Subscriber = {
        viewer: { userId: user.id, workspaceId },
        tabId: query.tab,
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
      const unsubscribe = getHub().subscribe(id, subscriber);
      getHub().sendPresenceTo(id, subscriber);
      close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        void removePresence(user.id, query.tab).catch(() => {});
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => close());
      void touchPresence({ workspaceId, articleId: id, userId: user.id, tabId: query.tab, claimId: query.claim ?? null, activity: null }).catch(() => {});
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
});
