// PURE: presence, as the server sends it and the page shows it.

/** A tab that has not been heard from for this long counts as gone. */
export const PRESENCE_WINDOW_SECONDS = 20;
/** How often an open tab says it is still there: well inside the window. */
export const PRESENCE_HEARTBEAT_MS = 8_000;

export const PRESENCE_ACTIVITIES = ["claim", "source", "review"] as const;
export type PresenceActivity = (typeof PRESENCE_ACTIVITIES)[number];

export type PresenceEntry = { tabId: string; userId: string; name: string; claimId: string | null; activity: PresenceActivity | null };

/** One person can have several tabs open: show them once, where they are busiest. */
export type PersonHere = { userId: string; name: string; initials: string; claimIds: string[]; activity: PresenceActivity | null; activityClaimId: string | null };

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? "?"];
  return letters.map((w) => (w ?? "?").charAt(0).toUpperCase()).join("");
}

export function groupPresence(entries: readonly PresenceEntry[], exceptUserId?: string): PersonHere[] {
  const people = new Map<string, PersonHere>();
  for (const e of entries) {
    if (e.userId === exceptUserId) continue;
    const person = people.get(e.userId) ?? { userId: e.userId, name: e.name, initials: initialsOf(e.name), claimIds: [], activity: null, activityClaimId: null };
    if (e.claimId && !person.claimIds.includes(e.claimId)) person.claimIds.push(e.claimId);
    if (e.activity && !person.activity) {
      person.activity = e.activity;
      person.activityClaimId = e.claimId;
    }
    people.set(e.userId, person);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export const ACTIVITY_LABELS: Record<PresenceActivity, string> = {
  claim: "editing the claim",
  source: "adding a source",
  review: "writing a review",
};
