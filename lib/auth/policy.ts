import { forbidden } from "@/lib/errors";

// PURE: who may do what inside a workspace. The server asks `can` before every change; the UI
// asks it only to hide controls it would refuse anyway.
export const ROLES = ["ADMIN", "EDITOR", "REVIEWER", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  EDITOR: "Editor",
  REVIEWER: "Reviewer",
  VIEWER: "Viewer",
};

export type Action =
  | "workspace:read"
  | "report:export"
  | "article:import"
  | "article:edit"
  | "article:delete"
  | "article:revise"
  | "claim:reattach"
  | "claim:delete"
  | "claim:create"
  | "claim:edit"
  | "claim:triage"
  | "claim:research"
  | "claim:reopen"
  | "claim:assign"
  | "claim:span"
  | "claim:mark-duplicate"
  | "source:create"
  | "source:update"
  | "source:delete"
  | "review:write"
  | "review:edit"
  | "review:delete"
  | "decision:publish"
  | "share:manage"
  | "comment:create"
  | "comment:edit"
  | "comment:delete"
  | "dashboard:read"
  | "audit:read"
  | "security:read"
  | "member:manage"
  | "settings:manage"
  | "workspace:create"
  | "workspace:archive"
  | "webhook:manage"
  | "workspace:export"
  | "workspace:import"
  | "two-factor:require"
  | "claims:rescore";

/**
 * Who is asking: a member with their role. A request made with a personal API token carries the
 * token's scope as well; a read-only token may never do more than read, whatever its owner's role.
 */
export type Actor = { userId: string; role: Role; scope?: TokenScope };
export type TokenScope = "READ" | "WRITE";
/** The policy's answer for one person, as lib/db's writes take it to check each step themselves. */
export type MayTake = (action: Action) => boolean;
/** Present when the action touches something a particular person owns. */
export type Resource = { ownerId?: string | null };

const RANK: Record<Role, number> = { VIEWER: 0, REVIEWER: 1, EDITOR: 2, ADMIN: 3 };

const MINIMUM_ROLE: Record<Action, Role> = {
  "workspace:read": "VIEWER",
  "report:export": "VIEWER",
  "claim:create": "REVIEWER",
  "claim:edit": "REVIEWER",
  "source:create": "REVIEWER",
  "source:update": "REVIEWER",
  "source:delete": "REVIEWER",
  "review:write": "REVIEWER",
  "review:edit": "REVIEWER",
  "review:delete": "REVIEWER",
  "comment:create": "REVIEWER",
  "comment:edit": "REVIEWER",
  "comment:delete": "REVIEWER",
  "claim:research": "REVIEWER",
  "article:import": "EDITOR",
  "article:edit": "EDITOR",
  "article:delete": "EDITOR",
  "article:revise": "EDITOR",
  "claim:reattach": "EDITOR",
  "claim:delete": "EDITOR",
  "claim:triage": "EDITOR",
  "claim:reopen": "EDITOR",
  "claim:assign": "EDITOR",
  "claim:span": "EDITOR",
  "claim:mark-duplicate": "EDITOR",
  "decision:publish": "EDITOR",
  "share:manage": "EDITOR",
  "dashboard:read": "EDITOR",
  "audit:read": "ADMIN",
  "security:read": "ADMIN",
  "member:manage": "ADMIN",
  "settings:manage": "ADMIN",
  "workspace:create": "ADMIN",
  "workspace:archive": "ADMIN",
  "webhook:manage": "ADMIN",
  "workspace:export": "ADMIN",
  "workspace:import": "ADMIN",
  "two-factor:require": "ADMIN",
  // Re-scoring every claim of the workspace with the current detector (Settings, General).
  "claims:rescore": "ADMIN",
};

// Reviewers may change only what they added; editors and admins tidy up anyone's work.
const OWNER_ONLY_BELOW_EDITOR: ReadonlySet<Action> = new Set(["source:update", "source:delete"]);
// Words someone wrote stay theirs whatever the role of the person looking at them: comments, and
// a review (an editor publishes a verdict; they never change or withdraw someone's review).
const OWNER_ONLY: ReadonlySet<Action> = new Set(["comment:edit", "comment:delete", "review:edit", "review:delete"]);

/** What a read-only API token may do: look, never change. */
export const READ_ACTIONS: ReadonlySet<Action> = new Set(["workspace:read", "report:export", "dashboard:read", "audit:read", "security:read"]);

export function hasRole(actor: Actor, minimum: Role): boolean {
  return RANK[actor.role] >= RANK[minimum];
}

/**
 * Whether the role could ever do this, before the resource is known: the first check of every
 * request. Ownership rules are applied by `can` once the resource has been loaded.
 */
export function mayAttempt(actor: Actor, action: Action): boolean {
  if (actor.scope === "READ" && !READ_ACTIONS.has(action)) return false;
  return hasRole(actor, MINIMUM_ROLE[action]);
}

/** For lib/db writes: FORBIDDEN unless the person may take this action. */
export function requireMay(mayTake: MayTake, action: Action): void {
  if (!mayTake(action)) throw forbidden();
}

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (!mayAttempt(actor, action)) return false;
  if (OWNER_ONLY.has(action)) return resource !== undefined && resource.ownerId === actor.userId;
  if (OWNER_ONLY_BELOW_EDITOR.has(action) && !hasRole(actor, "EDITOR")) {
    return resource !== undefined && resource.ownerId === actor.userId;
  }
  return true;
}

/**
 * Independent reviews: a reviewer sees colleagues' ratings and rationales on a claim only once
 * their own review of it is in; editors and admins, who second-review and publish, always do.
 * The page, the live stream and the API all decide through this one rule.
 */
export function canSeeOthersRatings(actor: Actor, claim: { hasOwnReview: boolean }): boolean {
  return claim.hasOwnReview || hasRole(actor, "EDITOR");
}

/**
 * Personal things (API tokens, one's inbox) belong to one person: nobody else, whatever their
 * role anywhere, may see or change them.
 */
export function ownsPersonal(userId: string, thing: { userId: string }): boolean {
  return thing.userId === userId;
}
