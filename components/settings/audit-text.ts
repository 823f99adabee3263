import { toDisplayText } from "@/lib/domain/comment-text";
import { CONFIDENCE_LABELS } from "@/lib/validation/review";
import { SOURCE_KIND_LABELS, SOURCE_STANCE_LABELS } from "@/lib/validation/source";
import { ROLE_LABELS, type Role } from "@/lib/auth/policy";
import { STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";

// The audit log in words: a sentence per event and its before/after as "label: value" pairs.

type AuditEvent = { action: string; entityType: string; actor: { name: string } | null; subject: string | null; origin: string };

const THINGS: Record<string, string> = {
  article: "an article",
  claim: "a claim",
  source: "a source",
  review: "a review",
  decision: "a verdict",
  comment: "a comment",
  invitation: "an invitation",
  share_link: "a public link",
  workspace: "the workspace",
  webhook: "a webhook",
};

const VERBS: Record<string, string> = {
  "article.imported": "imported an article",
  "article.updated": "edited an article's details",
  "article.deleted": "deleted an article",
  "article.text_replaced": "replaced an article's text",
  "article.claims_rescored": "re-scored an article's claims with the current detector",
  "claim.reattached": "re-attached a claim",
  "claim.deleted": "deleted a claim",
  "comment.deleted": "deleted a comment",
  "review.withdrawn": "withdrew a review",
  "claim.created": "created a claim",
  "claim.updated": "edited a claim",
  "claim.span_changed": "changed a claim's words",
  "claim.split": "split a claim in two",
  "claim.merged": "merged two claims",
  "claim.status_changed": "moved a claim",
  "claim.assigned": "assigned a claim",
  "claim.unassigned": "unassigned a claim",
  "claim.duplicate_marked": "marked a claim as a duplicate",
  "claim.duplicate_cleared": "cleared a claim's duplicate mark",
  "claim.verdict_reused": "reused a claim's verdict on a duplicate",
  "claim.original_verdict_changed": "changed the verdict a duplicate had reused",
  "comment.created": "commented on a claim",
  "comment.edited": "edited a comment",
  "source.added": "added a source",
  "source.updated": "edited a source",
  "source.removed": "removed a source",
  "review.submitted": "submitted a review",
  "review.updated": "updated a review",
  "decision.published": "published a verdict",
  "decision.corrected": "published a correction",
  "invitation.created": "created an invitation link",
  "invitation.revoked": "revoked an invitation link",
  "invitation.accepted": "accepted an invitation",
  "share_link.created": "created a public link to a report",
  "share_link.revoked": "revoked a public link to a report",
  "workspace.created": "created the workspace",
  "workspace.updated": "changed the workspace's settings",
  "workspace.archived": "archived the workspace",
  "webhook.created": "registered a webhook",
  "webhook.updated": "changed a webhook",
  "webhook.secret_rotated": "rotated a webhook's secret",
  "webhook.deleted": "deleted a webhook",
  "workspace.exported": "downloaded a backup of the workspace",
  "workspace.imported": "restored the workspace from a backup",
};

const ABOUT_PERSON: Record<string, string> = {
  "member.added": "added {who} to the workspace",
  "member.updated": "changed {who}'s role",
  "member.removed": "removed {who} from the workspace",
  "member.disabled": "disabled {who}",
  "member.enabled": "re-enabled {who}",
  "user.password_reset": "reset {who}'s password",
};

export function describeAuditEvent(event: AuditEvent): string {
  const actor = event.actor?.name ?? (event.origin === "SYSTEM" ? "The server" : "Factdesk");
  const person = ABOUT_PERSON[event.action];
  if (person) {
    const self = event.action === "member.added" && event.actor && event.subject === event.actor.name;
    return self ? `${actor} joined the workspace` : `${actor} ${person.replace("{who}", event.subject ?? "a former member")}`;
  }
  return `${actor} ${VERBS[event.action] ?? `changed ${THINGS[event.entityType] ?? "something"}`}`;
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  email: "Email",
  role: "Role",
  status: "Status",
  account: "Account",
  archived: "Archived",
  slug: "Address",
  title: "Title",
  url: "Address",
  statement: "Statement",
  claimant: "Claimant",
  rating: "Rating",
  rationale: "Rationale",
  summary: "Summary",
  reason: "Reason",
  statedReason: "Reason",
  ratingScale: "Rating scale",
  minSourcesToPublish: "Independent sources to publish",
  minReviewsToPublish: "Independent reviews to publish",
  fourEyes: "Four eyes",
  highlightThreshold: "Highlight threshold",
  expiresAt: "Expires",
  organizationName: "Publisher",
  organizationUrl: "Publisher website",
  // Re-scoring (article.claims_rescored): the per-claim scores are counted, not listed.
  scope: "Claims taken",
  scores: "Scores",
  checked: "Claims checked",
  crossedUp: "Rose to the threshold",
  crossedDown: "Fell below the threshold",
};

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return key === "fourEyes" ? (value ? "on" : "off") : value ? "yes" : "no";
  if (key === "role" && typeof value === "string" && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (key === "status" && typeof value === "string" && value in STATUS_LABELS) return STATUS_LABELS[value as ClaimStatus];
  if ((key === "status" || key === "account") && typeof value === "string") return value.charAt(0).toUpperCase() + value.slice(1);
  if (key === "highlightThreshold" && typeof value === "number") return `${Math.round(value * 100)}%`;
  if (key === "scope" && (value === "untouched" || value === "all")) return value === "all" ? "every detected claim" : "untouched detected claims";
  if (key === "scores" && typeof value === "object") {
    const n = Object.keys(value as object).length;
    return `${n} ${n === 1 ? "claim" : "claims"}`;
  }
  if (key === "kind" && typeof value === "string" && value in SOURCE_KIND_LABELS) return SOURCE_KIND_LABELS[value as keyof typeof SOURCE_KIND_LABELS];
  if (key === "stance" && typeof value === "string" && value in SOURCE_STANCE_LABELS) return SOURCE_STANCE_LABELS[value as keyof typeof SOURCE_STANCE_LABELS];
  if (key === "confidence" && typeof value === "number" && CONFIDENCE_LABELS[value]) return CONFIDENCE_LABELS[value];
  // A rating is stored by its key ("mostly-true"); without the scale at hand, read it as words.
  if (key === "rating" && typeof value === "string") return value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, " ");
  // A comment as people read it: mentions by name, never the ids they are stored with.
  if (key === "body" && typeof value === "string") return toDisplayText(value);
  if (key === "ratingScale" && Array.isArray(value)) {
    return value.map((r: { label?: unknown; retired?: unknown }) => `${String(r.label ?? "?")}${r.retired ? " (retired)" : ""}`).join(", ");
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return `${value.slice(0, 16).replace("T", " ")} UTC`;
  if (Array.isArray(value)) return value.map((v) => formatValue("", v)).join(", ");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${FIELD_LABELS[k] ?? humanize(k)}: ${formatValue(k, v)}`)
      .join("; ");
  }
  return String(value);
}

// The database stores JSON keys in its own order; show them in a fixed, readable one.
const FIELD_ORDER = Object.keys(FIELD_LABELS);
const rank = (key: string) => (FIELD_ORDER.includes(key) ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length);

/** An event's before or after as label and value pairs; ids and internal fields are left out. */
export function auditFields(value: unknown): Array<{ label: string; value: string }> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .sort(([a], [b]) => rank(a) - rank(b))
    .filter(([key]) => !/(^id$|Id$|Ids$|^version$|^rev$)/.test(key))
    .map(([key, v]) => ({ label: FIELD_LABELS[key] ?? humanize(key), value: formatValue(key, v) }));
}
