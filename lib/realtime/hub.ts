import "server-only";
import pg from "pg";
import { canSeeOthersRatings } from "@/lib/auth/policy";
import { currentRoles, latestArticleEventId, ownReviewKeys, readArticleEvents } from "@/lib/db/change-feed";
import { listClaimsForArticle } from "@/lib/db/claims";
import { listPresence, prunePresence } from "@/lib/db/presence";
import { getDatabaseUrl } from "@/lib/env";
import { CHANGE_CHANNEL, PRESENCE_CHANNEL, decodeNotice, projectChange } from "./change";

// The fan-out of one app instance. One LISTEN connection per instance, whatever the number of
// open streams; browsers on the same article form a group that reads each batch of new events
// once. Notifications only say "look"; what a stream carries is always read from the event
// table after that stream's cursor, so a lost notification delays nothing past the next one,
// a reconnect catches up in order, and nothing is delivered twice on one connection.

export type StreamViewer = { userId: string; workspaceId: string };

export type Subscriber = {
  viewer: StreamViewer;
  tabId: string;
  /** The last event id this stream has received. */
  cursor: bigint;
  send(frame: string): void;
  close(): void;
};

type Group = { workspaceId: string; articleId: string; subscribers: Set<Subscriber>; running: boolean; again: boolean; presence: string };

const RECONNECT_MAX_MS = 5_000;
const KEEPALIVE_MS = 15_000;
const PRESENCE_SWEEP_MS = 3_000;

export const sseFrame = (event: string, data: unknown, id?: string) => `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

class Hub {
  private groups = new Map<string, Group>();
  private client: pg.Client | null = null;
  private connecting = false;
  private retryMs = 250;
  private timers: NodeJS.Timeout[] = [];
  /** Whether the LISTEN connection is up: /api/health reports it. */
  listening = false;
  private shuttingDown = false;

  /**
   * Ends every stream of this instance and its LISTEN connection, for a server that is stopping
   * (scripts/serve.mjs calls it through globalThis): open streams would otherwise hold it up.
   */
  closeAll(): void {
    this.shuttingDown = true;
    for (const group of [...this.groups.values()]) for (const s of [...group.subscribers]) s.close();
    this.groups.clear();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const client = this.client;
    this.client = null;
    this.listening = false;
    client?.removeAllListeners("notification");
    client?.end().catch(() => {});
  }

  subscribe(articleId: string, subscriber: Subscriber): () => void {
    if (this.shuttingDown) {
      // The server is stopping: the browser reconnects to another instance (or this one restarted).
      queueMicrotask(() => subscriber.close());
      return () => {};
    }
    this.ensureStarted();
    const group = this.groups.get(articleId) ?? { workspaceId: subscriber.viewer.workspaceId, articleId, subscribers: new Set(), running: false, again: false, presence: "" };
    this.groups.set(articleId, group);
    group.subscribers.add(subscriber);
    void this.pump(group);
    return () => {
      group.subscribers.delete(subscriber);
      if (group.subscribers.size === 0) this.groups.delete(articleId);
    };
  }

  /** Sends the article's current presence to its streams here, if it changed (or to everyone, forced). */
  async refreshPresence(articleId: string, force = false): Promise<void> {
    const group = this.groups.get(articleId);
    if (!group) return;
    const entries = await listPresence(group.workspaceId, articleId);
    const frame = sseFrame("presence", entries);
    if (!force && frame === group.presence) return;
    group.presence = frame;
    for (const s of group.subscribers) s.send(frame);
  }

  /** Sends one subscriber the presence as it stands (a stream that just opened). */
  sendPresenceTo(articleId: string, subscriber: Subscriber): void {
    const group = this.groups.get(articleId);
    if (group?.presence) subscriber.send(group.presence);
  }

  private ensureStarted(): void {
    if (this.client || this.connecting) return;
    void this.connect();
    if (this.timers.length === 0) {
      this.timers.push(
        setInterval(() => {
          for (const g of this.groups.values()) for (const s of g.subscribers) s.send(": keep-alive\n\n");
        }, KEEPALIVE_MS),
        // Tabs that stopped sending heartbeats drop out of presence without anyone telling us.
        setInterval(() => {
          for (const articleId of this.groups.keys()) void this.refreshPresence(articleId).catch(() => {});
        }, PRESENCE_SWEEP_MS),
        setInterval(() => void prunePresence().catch(() => {}), 60_000),
      );
      for (const t of this.timers) t.unref();
    }
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    const client = new pg.Client({ connectionString: getDatabaseUrl(), keepAlive: true });
    client.on("notification", (message) => this.onNotification(message.channel, message.payload));
    // A dropped connection (database restart, terminated backend, network) reconnects with
    // back-off, then every group catches up from its cursors: nothing committed meanwhile is lost.
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}; LISTEN ${PRESENCE_CHANNEL}`);
      this.client = client;
      this.listening = true;
      this.retryMs = 250;
      for (const group of this.groups.values()) void this.pump(group);
      for (const articleId of this.groups.keys()) void this.refreshPresence(articleId, true).catch(() => {});
    } catch {
      client.removeAllListeners();
      client.on("error", () => {});
      client.end().catch(() => {});
      this.scheduleReconnect();
    } finally {
      this.connecting = false;
    }
  }

  private scheduleReconnect(): void {
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
    setTimeout(() => {
      if (this.groups.size > 0 && !this.client && !this.connecting) void this.connect();
    }, delay).unref();
  }

  private onNotification(channel: string, payload: string | undefined): void {
    if (channel === PRESENCE_CHANNEL) {
      if (payload) void this.refreshPresence(payload).catch(() => {});
      return;
    }
    const notice = decodeNotice(payload);
    if (!notice) return;
    if (notice.articleId) {
      const group = this.groups.get(notice.articleId);
      if (group) void this.pump(group);
      return;
    }
    // A workspace-wide change (membership): re-check everyone streaming in that workspace now.
    for (const group of this.groups.values()) if (group.workspaceId === notice.workspaceId) void this.pump(group);
  }

  /** Delivers everything after each subscriber's cursor, one batch at a time per group. */
  private async pump(group: Group): Promise<void> {
    if (group.running) {
      group.again = true;
      return;
    }
    group.running = true;
    try {
      do {
        group.again = false;
        await this.deliver(group);
      } while (group.again && group.subscribers.size > 0);
    } catch (error) {
      console.error("Live updates: could not deliver changes", error);
      // The next notification, or the reconnect, tries again from the same cursors.
    } finally {
      group.running = false;
    }
  }

  private async deliver(group: Group): Promise<void> {
    const subscribers = [...group.subscribers];
    if (subscribers.length === 0) return;
    // Authorization again for this batch: a removed member or disabled account stops here.
    const roles = await currentRoles(group.workspaceId, [...new Set(subscribers.map((s) => s.viewer.userId))]);
    const allowed = subscribers.filter((s) => {
      if (roles.has(s.viewer.userId)) return true;
      s.send(sseFrame("revoked", { message: "You no longer have access to this workspace." }));
      s.close();
      return false;
    });
    if (allowed.length === 0) return;
    const from = allowed.reduce((min, s) => (s.cursor < min ? s.cursor : min), allowed[0]!.cursor);
    const events = await readArticleEvents(group.workspaceId, group.articleId, from);
    if (events.length === 0) return;
    if (events.length === 500) group.again = true;
    const claimIds = [...new Set(events.map((e) => e.claimId).filter((id): id is string => id !== null))];
    const reviewClaimIds = [...new Set(events.filter((e) => e.action.startsWith("review.") && e.claimId).map((e) => e.claimId!))];
    const [claims, ownReviews] = await Promise.all([
      claimIds.length ? listClaimsForArticle(group.workspaceId, group.articleId, claimIds) : Promise.resolve([]),
      ownReviewKeys(group.workspaceId, reviewClaimIds, allowed.map((s) => s.viewer.userId)),
    ]);
    const claimById = new Map(claims.map((c) => [c.id, c]));
    for (const s of allowed) {
      const role = roles.get(s.viewer.userId)!;
      for (const event of events) {
        if (event.id <= s.cursor) continue;
        const seesRatings = event.claimId ? canSeeOthersRatings({ userId: s.viewer.userId, role }, { hasOwnReview: ownReviews.has(`${event.claimId}:${s.viewer.userId}`) }) : false;
        const change = projectChange(event, s.viewer.userId, seesRatings, event.claimId ? claimById.get(event.claimId) ?? null : null);
        s.send(sseFrame("change", change, change.id));
        s.cursor = event.id;
      }
    }
  }
}

const globalForHub = globalThis as unknown as { factdeskHub?: Hub };

/** The instance's hub, created on first use. */
export function getHub(): Hub {
  globalForHub.factdeskHub ??= new Hub();
  return globalForHub.factdeskHub;
}

/**
 * Where a stream starts: after the browser's last event (a reconnect), else after the event the
 * page was rendered at. A cursor beyond the article's newest event (forged, or from another
 * article) is not trusted: the stream starts from now and tells the page to reload its data.
 */
export async function resolveCursor(workspaceId: string, articleId: string, requested: bigint | null): Promise<{ cursor: bigint; reset: boolean }> {
  const latest = await latestArticleEventId(workspaceId, articleId);
  if (requested === null) return { cursor: latest, reset: false };
  if (requested > latest) return { cursor: latest, reset: true };
  return { cursor: requested, reset: false };
}
