// PURE: how a live view keeps the newest copy of each claim, whichever way it arrived (the
// page's render, the stream, a refresh after a save), in whatever order.
import type { LiveClaim } from "./change";

const newer = (a: LiveClaim, b: LiveClaim) => a.rev > b.rev || (a.rev === b.rev && a.version > b.version);

const byPosition = (a: LiveClaim, b: LiveClaim) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id);

/**
 * The claims with `incoming` merged in: a copy replaces the one held only when it is newer (a
 * higher revision). Returns the same array when nothing changed, so nothing re-renders.
 */
export function mergeClaims(current: readonly LiveClaim[], incoming: readonly LiveClaim[]): readonly LiveClaim[] {
  if (incoming.length === 0) return current;
  const index = new Map(current.map((c, i) => [c.id, i]));
  let next: LiveClaim[] | null = null;
  let added = false;
  for (const claim of incoming) {
    const at = index.get(claim.id);
    const held = at === undefined ? undefined : (next ?? current)[at];
    if (held && !newer(claim, held)) continue;
    next ??= [...current];
    if (at === undefined) {
      index.set(claim.id, next.length);
      next.push(claim);
      added = true;
    } else {
      next[at] = claim;
    }
  }
  if (!next) return current;
  return added ? next.sort(byPosition) : next;
}

/**
 * The claims without those deleted. A deletion is final: once a view has seen it, no copy that
 * arrives later (an older render, a late event) brings the claim back. Returns the same array
 * when none of them is held.
 */
export function withoutClaims(current: readonly LiveClaim[], deleted: ReadonlySet<string>): readonly LiveClaim[] {
  if (deleted.size === 0 || !current.some((c) => deleted.has(c.id))) return current;
  return current.filter((c) => !deleted.has(c.id));
}

/** The ids of the claims these changes delete. */
export function deletedClaimIds(changes: readonly { kind: string; entityId: string }[]): string[] {
  return changes.filter((c) => c.kind === "claim.deleted").map((c) => c.entityId);
}
