// PURE: the vocabulary of the change feed, shared by the writers (lib/db/audit.ts), the
// per-instance hub and the browser.
import { z } from "zod";

export const CHANGE_ORIGINS = ["WEB", "API", "SYSTEM"] as const;
export type ChangeOrigin = (typeof CHANGE_ORIGINS)[number];

/** Every kind of change the audit trail records. */
export const CHANGE_KINDS = [
  "article.imported",
  "article.updated",
  "article.deleted",
  "article.text_replaced",
  "article.claims_rescored",
  "claim.reattached",
  "claim.created",
  "claim.updated",
  "claim.status_changed",
  "claim.assigned",
  "claim.unassigned",
  "claim.deleted",
  "claim.span_changed",
  "claim.split",
  "claim.merged",
  "claim.duplicate_marked",
  "claim.duplicate_cleared",
  "claim.verdict_reused",
  "claim.original_verdict_changed",
  "comment.created",
  "comment.edited",
  "comment.deleted",
  "source.added",
  "source.updated",
  "source.removed",
  "review.submitted",
  "review.updated",
  "review.withdrawn",
  "decision.published",
  "decision.corrected",
  "member.added",
  "member.updated",
  "member.removed",
  "member.disabled",
  "member.enabled",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "share_link.created",
  "share_link.revoked",
  "workspace.created",
  "workspace.updated",
  "workspace.archived",
  "workspace.exported",
  "workspace.imported",
  "user.password_reset",
  "webhook.created",
  "webhook.updated",
  "webhook.secret_rotated",
  "webhook.deleted",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** NOTIFY channels: committed audit events, and presence (who has which article open). */
export const CHANGE_CHANNEL = "factdesk_changes";
export const PRESENCE_CHANNEL = "factdesk_presence";

// A notification only says where to look; the hub reads the events themselves from the table,
// so a lost or forged notification can never inject or skip anything.
const noticeSchema = z.object({ w: z.string().min(1), a: z.string().min(1).nullable(), e: z.string().regex(/^\d+$/) });

export type ChangeNotice = { workspaceId: string; articleId: string | null; eventId: bigint };

export function encodeNotice(notice: ChangeNotice): string {
  return JSON.stringify({ w: notice.workspaceId, a: notice.articleId, e: notice.eventId.toString() });
}

export function decodeNotice(payload: string | undefined): ChangeNotice | null {
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(payload ?? ""));
    if (!parsed.success) return null;
    return { workspaceId: parsed.data.w, articleId: parsed.data.a, eventId: BigInt(parsed.data.e) };
  } catch {
    return null;
  }
}

/** A claim as the list and the highlights show it (the same shape lib/db's list returns). */
export type LiveClaim = {
  id: string;
  quote: string;
  start: number;
  end: number;
  statement: string;
  claimant: string | null;
  score: number | null;
  status: "DETECTED" | "QUEUED" | "RESEARCHING" | "IN_REVIEW" | "PUBLISHED" | "DISMISSED" | "REOPENED";
  origin: "DETECTED" | "MANUAL";
  version: number;
  rev: number;
  sourceCount: number;
  publishedRating: string | null;
};

/** One committed change as a browser on the article receives it. */
export type LiveChange = {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  claimId: string | null;
  origin: ChangeOrigin;
  actor: { id: string; name: string } | null;
  at: string;
  before: unknown;
  after: unknown;
  /** The claim as it stands after this batch of changes, for the list and the highlights. */
  claim: LiveClaim | null;
};

type FeedEventLike = {
  id: bigint;
  action: string;
  entityType: string;
  entityId: string;
  claimId: string | null;
  origin: ChangeOrigin;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actor: { id: string; name: string } | null;
};

/**
 * The change as this viewer may receive it. `seesRatings` comes from the policy
 * (canSeeOthersRatings); without it, a review's before/after, which carry its rating, are
 * left out of the payload altogether, except for the viewer's own review.
 */
export function projectChange(event: FeedEventLike, viewerId: string, seesRatings: boolean, claim: LiveClaim | null): LiveChange {
  const hideValues = event.action.startsWith("review.") && !seesRatings && event.actor?.id !== viewerId;
  return {
    id: event.id.toString(),
    kind: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    claimId: event.claimId,
    origin: event.origin,
    actor: event.actor,
    at: event.createdAt.toISOString(),
    before: hideValues ? null : event.before,
    after: hideValues ? null : event.after,
    claim,
  };
}
