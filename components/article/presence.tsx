"use client";

import { useEffect, useRef } from "react";
import type { Rating } from "@/lib/domain/rating-scale";
import { describeEvent } from "./event-text";
import { ACTIVITY_LABELS, groupPresence, type PersonHere, type PresenceActivity } from "@/lib/realtime/presence";
import { useLiveArticle } from "./live-article";

// Who else is here: initials in the page, names in words for screen readers and on hover.

const COLORS = ["bg-sky-700", "bg-emerald-700", "bg-violet-700", "bg-amber-700", "bg-rose-700", "bg-teal-700", "bg-indigo-700", "bg-fuchsia-700"];
const colorOf = (userId: string) => COLORS[[...userId].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7) % COLORS.length];

const describe = (p: PersonHere, claimId?: string) =>
  p.activity && (!claimId || p.activityClaimId === claimId) ? `${p.name}, ${ACTIVITY_LABELS[p.activity]}` : p.name;

export function PeopleHere({ people, size = "md", claimId }: { people: readonly PersonHere[]; size?: "sm" | "md"; claimId?: string }) {
  if (people.length === 0) return null;
  const dot = size === "sm" ? "h-5 w-5 text-[0.6rem]" : "h-7 w-7 text-xs";
  return (
    <span className="flex items-center -space-x-1">
      {people.slice(0, 5).map((p) => (
        <span key={p.userId} title={describe(p, claimId)} aria-hidden="true" className={`${dot} ${colorOf(p.userId)} inline-flex items-center justify-center rounded-full font-semibold text-white ring-2 ring-white`}>
          {p.initials}
        </span>
      ))}
      {people.length > 5 ? <span aria-hidden="true" className="pl-2 text-xs text-muted">+{people.length - 5}</span> : null}
      <span className="sr-only">{people.map((p) => describe(p, claimId)).join("; ")}</span>
    </span>
  );
}

const CONNECTION_TEXT = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline: changes will appear when you are back online",
  stopped: "Live updates stopped",
} as const;

/** The article's live status: connection state and who else has it open. */
export function ArticlePresence() {
  const { presence, viewerId, connection, stoppedReason } = useLiveArticle();
  const people = groupPresence(presence, viewerId);
  const healthy = connection === "live";
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="article-presence">
      <span className={`inline-flex items-center gap-1.5 ${healthy ? "text-emerald-800" : "text-amber-800"}`} role="status">
        <span aria-hidden="true" className={`h-2 w-2 rounded-full ${healthy ? "bg-emerald-600" : "animate-pulse bg-amber-600"}`} />
        {stoppedReason ? `${CONNECTION_TEXT.stopped}: ${stoppedReason}` : CONNECTION_TEXT[connection]}
      </span>
      {people.length > 0 ? (
        <span className="flex items-center gap-2 text-muted">
          <PeopleHere people={people} />
          <span>{people.length === 1 ? `${people[0]?.name} is here` : `${people.length} others here`}</span>
        </span>
      ) : (
        <span className="text-muted">Only you on this article</span>
      )}
    </div>
  );
}

/** In the claim panel: who else is on this claim, and what they are writing. */
export function ClaimPresence({ claimId }: { claimId: string }) {
  const { presence, viewerId } = useLiveArticle();
  const people = groupPresence(presence, viewerId).filter((p) => p.claimIds.includes(claimId));
  if (people.length === 0) return null;
  return (
    <div className="flex items-center gap-2 rounded-md bg-paper px-3 py-2 text-sm" data-testid="claim-presence">
      <PeopleHere people={people} claimId={claimId} />
      <span>
        {people.map((p, i) => (
          <span key={p.userId}>
            {i > 0 ? " · " : ""}
            <span className="font-medium">{p.name}</span>
            <span className="text-muted">{p.activity && p.activityClaimId === claimId ? ` is ${ACTIVITY_LABELS[p.activity]}` : " is here"}</span>
          </span>
        ))}
      </span>
    </div>
  );
}

/**
 * Marks a part of the panel as "writing a review / a source / the claim": while focus is
 * inside it, the desk sees it next to this person's name.
 */
export function ActivityZone({ activity, children }: { activity: PresenceActivity; children: React.ReactNode }) {
  const { setActivity } = useLiveArticle();
  const leaving = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(leaving.current), []);
  return (
    <div
      onFocus={() => {
        clearTimeout(leaving.current);
        setActivity(activity);
      }}
      onInput={() => setActivity(activity)}
      // Saved: no longer writing, even while focus stays on the button.
      onSubmit={() => setActivity(null)}
      onBlur={() => {
        // Moving between fields of the same form is not leaving it.
        clearTimeout(leaving.current);
        leaving.current = setTimeout(() => setActivity(null), 1500);
      }}
    >
      {children}
    </div>
  );
}

/** The latest change someone else made, in words; announced politely to screen readers. */
export function LatestChange({ scale }: { scale: readonly Rating[] }) {
  const { lastChange, viewerId } = useLiveArticle();
  const change = lastChange && lastChange.actor?.id !== viewerId ? lastChange : null;
  return (
    <p className="min-h-5 text-xs text-muted" aria-live="polite" data-testid="latest-change">
      {change ? `${describeEvent({ action: change.kind, before: change.before, after: change.after, actor: change.actor }, scale)}${change.claim ? ` on “${truncate(change.claim.statement)}”` : ""}` : null}
    </p>
  );
}

const truncate = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
