"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, useTransition, type ReactNode } from "react";
import type { LiveChange, LiveClaim } from "@/lib/realtime/change";
import { expandClaims, type CompactClaim } from "@/lib/realtime/compact";
import { deletedClaimIds, mergeClaims, withoutClaims } from "@/lib/realtime/merge";
import { PRESENCE_HEARTBEAT_MS, type PresenceActivity, type PresenceEntry } from "@/lib/realtime/presence";

export type Connection = "connecting" | "live" | "reconnecting" | "offline" | "stopped";

type LiveState = {
  claims: readonly LiveClaim[];
  /** Claims deleted while the page was open: never brought back by a later copy. */
  deleted: ReadonlySet<string>;
  presence: readonly PresenceEntry[];
  connection: Connection;
  /** The newest change in words, for the status line and screen readers. */
  lastChange: LiveChange | null;
  stoppedReason: string | null;
};

type LiveContextValue = LiveState & { body: string; viewerId: string; tabId: string; selectedClaimId: string | null; setActivity(activity: PresenceActivity | null): void };

const LiveContext = createContext<LiveContextValue | null>(null);

export function useLiveArticle(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error("useLiveArticle needs a LiveArticle around it");
  return value;
}

type Action =
  | { type: "snapshot"; claims: readonly LiveClaim[] }
  | { type: "changes"; changes: LiveChange[] }
  | { type: "presence"; entries: PresenceEntry[] }
  | { type: "connection"; connection: Connection; reason?: string };

function reducer(state: LiveState, action: Action): LiveState {
  switch (action.type) {
    case "snapshot": {
      const claims = withoutClaims(mergeClaims(state.claims, action.claims), state.deleted);
      return claims === state.claims ? state : { ...state, claims };
    }
    case "changes": {
      const gone = deletedClaimIds(action.changes);
      const deleted = gone.length > 0 ? new Set([...state.deleted, ...gone]) : state.deleted;
      const claims = withoutClaims(mergeClaims(state.claims, action.changes.flatMap((c) => (c.claim ? [c.claim] : []))), deleted);
      const articleGone = action.changes.find((c) => c.kind === "article.deleted");
      if (articleGone) {
        const who = articleGone.actor?.name ?? "Someone";
        return { ...state, claims, deleted, connection: "stopped", stoppedReason: `${who} deleted this article. Go back to the workspace's articles.`, lastChange: articleGone };
      }
      // A new text moves every claim's offsets: this tab's text is stale until it reloads.
      const replaced = action.changes.find((c) => c.kind === "article.text_replaced");
      if (replaced) {
        const who = replaced.actor?.name ?? "Someone";
        return { ...state, claims, deleted, connection: "stopped", stoppedReason: `${who} replaced this article's text. Reload the page to see the new text and where its claims are now.`, lastChange: replaced };
      }
      return { ...state, claims, deleted, lastChange: action.changes[action.changes.length - 1] ?? state.lastChange };
    }
    case "presence":
      return { ...state, presence: action.entries };
    case "connection":
      if (state.connection === "stopped") return state;
      return { ...state, connection: action.connection, stoppedReason: action.reason ?? null };
  }
}

const newTabId = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`);

/**
 * Keeps an open article in step with the desk: one Server-Sent Events stream per tab, changes
 * applied in batches once per animation frame, the claim list and highlights merged by revision,
 * and the open claim's panel refreshed from the server (which applies every rule again) when a
 * change touches it. Reconnects by itself and resumes after the last change it received.
 */
export function LiveArticle({ articleId, body, initialClaims: compactInitial, since, viewerId, selectedClaimId, children }: {
  articleId: string;
  /** The article's text, sent once for the page: the text, the claims' quotes and statements. */
  body: string;
  /** The claims as of the render, without the words the text carries (lib/realtime/compact). */
  initialClaims: readonly CompactClaim[];
  since: string;
  viewerId: string;
  selectedClaimId: string | null;
  children: ReactNode;
}) {
  const router = useRouter();
  const initialClaims = useMemo(() => expandClaims(compactInitial, body), [compactInitial, body]);
  const [tabId] = useState(newTabId);
  const [state, dispatch] = useReducer(reducer, { claims: initialClaims, deleted: new Set<string>(), presence: [], connection: "connecting", lastChange: null, stoppedReason: null });
  // Each render of the page brings a snapshot: merge it (an older copy never wins).
  const [snapshot, setSnapshot] = useState(initialClaims);
  if (snapshot !== initialClaims) {
    setSnapshot(initialClaims);
    dispatch({ type: "snapshot", claims: initialClaims });
  }

  // The open claim's panel is server-rendered: refresh it, one refresh at a time.
  const selected = useRef(selectedClaimId);
  useEffect(() => {
    selected.current = selectedClaimId;
  }, [selectedClaimId]);
  const [refreshing, startRefresh] = useTransition();
  const refresh = useRef({ running: false, again: false });
  const requestRefresh = useCallback(() => {
    if (refresh.current.running) {
      refresh.current.again = true;
      return;
    }
    refresh.current.running = true;
    startRefresh(() => router.refresh());
  }, [router]);
  useEffect(() => {
    if (refreshing || !refresh.current.running) return;
    refresh.current.running = false;
    if (refresh.current.again) {
      refresh.current.again = false;
      requestRefresh();
    }
  }, [refreshing, requestRefresh]);

  useEffect(() => {
    let source: EventSource | null = null;
    let lastId = since;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let frame = 0;
    let queue: LiveChange[] = [];
    let stopped = false;

    const flush = () => {
      frame = 0;
      const changes = queue;
      queue = [];
      if (changes.length === 0) return;
      dispatch({ type: "changes", changes });
      // Re-scoring changes many claims in one event that carries none of them: read them afresh.
      if (changes.some((c) => (c.claimId !== null && c.claimId === selected.current) || (c.kind === "claim.deleted" && c.entityId === selected.current) || c.kind === "article.claims_rescored")) requestRefresh();
    };
    // Background tabs get no animation frames; a timer keeps them current for when they return.
    const schedule = () => {
      if (frame) return;
      frame = document.hidden ? (setTimeout(flush, 250) as unknown as number) : requestAnimationFrame(flush);
    };

    const open = () => {
      const url = `/api/v1/articles/${encodeURIComponent(articleId)}/events?tab=${encodeURIComponent(tabId)}&after=${lastId}${selected.current ? `&claim=${encodeURIComponent(selected.current)}` : ""}`;
      source = new EventSource(url);
      source.addEventListener("ready", () => {
        backoff = 1000;
        dispatch({ type: "connection", connection: "live" });
      });
      source.addEventListener("change", (event) => {
        const change = JSON.parse((event as MessageEvent<string>).data) as LiveChange;
        lastId = change.id;
        queue.push(change);
        schedule();
      });
      source.addEventListener("presence", (event) => {
        dispatch({ type: "presence", entries: JSON.parse((event as MessageEvent<string>).data) as PresenceEntry[] });
      });
      source.addEventListener("reset", () => requestRefresh());
      source.addEventListener("revoked", (event) => {
        stopped = true;
        source?.close();
        const { message } = JSON.parse((event as MessageEvent<string>).data) as { message: string };
        dispatch({ type: "connection", connection: "stopped", reason: message });
      });
      source.onerror = () => {
        if (stopped) return;
        dispatch({ type: "connection", connection: navigator.onLine ? "reconnecting" : "offline" });
        // The browser retries by itself unless the server refused; then try again, more slowly.
        if (source?.readyState === EventSource.CLOSED) {
          retry = setTimeout(open, backoff);
          backoff = Math.min(backoff * 2, 30_000);
        }
      };
    };
    open();
    // The browser knows before the socket does: a connection through a network that is gone
    // cannot be trusted. Drop it now, and resume after the last change once back online.
    const onOffline = () => {
      if (stopped) return;
      source?.close();
      clearTimeout(retry);
      dispatch({ type: "connection", connection: "offline" });
    };
    const onOnline = () => {
      if (stopped) return;
      source?.close();
      clearTimeout(retry);
      dispatch({ type: "connection", connection: "reconnecting" });
      open();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    return () => {
      stopped = true;
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      clearTimeout(retry);
      if (frame) {
        cancelAnimationFrame(frame);
        clearTimeout(frame);
      }
      source?.close();
    };
    // One stream for the life of the page; `since` only seeds the first connection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [articleId, tabId, requestRefresh]);

  // Presence: where this tab is and what it is writing, sent on change and as a heartbeat.
  const [activity, setActivity] = useState<PresenceActivity | null>(null);
  const sendPresence = useCallback(
    (claim: string | null, doing: PresenceActivity | null) =>
      fetch(`/api/v1/articles/${encodeURIComponent(articleId)}/presence`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ tab: tabId, claim, activity: doing }),
        keepalive: true,
      }).catch(() => {}),
    [articleId, tabId],
  );
  useEffect(() => {
    void sendPresence(selectedClaimId, activity);
    const timer = setInterval(() => void sendPresence(selectedClaimId, activity), PRESENCE_HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [sendPresence, selectedClaimId, activity]);

  const value = useMemo<LiveContextValue>(() => ({ ...state, body, viewerId, tabId, selectedClaimId, setActivity }), [state, body, viewerId, tabId, selectedClaimId]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
