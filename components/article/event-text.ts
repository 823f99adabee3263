import type { Rating } from "@/lib/domain/rating-scale";
import { ratingLabel } from "@/lib/domain/rating-scale";
import { STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";

type EventRow = { action: string; before: unknown; after: unknown; actor: { name: string } | null };

const field = (value: unknown, key: string): string | undefined => {
  if (typeof value !== "object" || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
};

const statusLabel = (value: string | undefined) => (value && value in STATUS_LABELS ? STATUS_LABELS[value as ClaimStatus] : value ?? "?");

/** One line of a claim's history, in words. */
export function describeEvent(event: EventRow, scale: readonly Rating[]): string {
  const who = event.actor?.name ?? "Factdesk";
  switch (event.action) {
    case "claim.created":
      return `${who} created this claim`;
    case "claim.updated": {
      const [from, to] = [field(event.before, "statement"), field(event.after, "statement")];
      return from && to && from !== to ? `${who} reworded the claim from “${from}” to “${to}”` : `${who} edited the claim`;
    }
    case "claim.span_changed": {
      const [from, to] = [field(event.before, "quote"), field(event.after, "quote")];
      return from && to ? `${who} changed the claim's words from “${from}” to “${to}”` : `${who} changed the claim's words`;
    }
    case "claim.split":
      return field(event.after, "newClaimId") ? `${who} split the claim in two, keeping “${field(event.after, "quote") ?? ""}”` : `${who} made this claim by splitting “${field(event.before, "quote") ?? ""}”`;
    case "claim.merged":
      return field(event.after, "mergedInto") ? `${who} merged this claim into the one before it` : `${who} merged the next claim, “${field(event.after, "mergedQuote") ?? ""}”, into this one`;
    case "claim.status_changed": {
      const why = field(event.after, "statedReason");
      return `${who} moved it from ${statusLabel(field(event.before, "status"))} to ${statusLabel(field(event.after, "status"))}${why ? `: “${why}”` : ""}`;
    }
    case "claim.assigned":
      return `${who} assigned it to ${field(event.after, "name") ?? "a member"}`;
    case "claim.unassigned":
      return `${who} took it back from ${field(event.before, "name") ?? "a member"}`;
    case "claim.duplicate_marked":
      return `${who} marked it as a duplicate of another claim`;
    case "claim.duplicate_cleared":
      return `${who} cleared its duplicate mark`;
    case "claim.verdict_reused":
      return `${who} reused this verdict on a duplicate`;
    case "claim.original_verdict_changed":
      return field(event.after, "change") === "reopened"
        ? `${who} reopened the original: the verdict reused here is out of date`
        : `${who} corrected the original (${ratingLabel(scale, field(event.after, "rating")) ?? "a new verdict"}): the verdict reused here is out of date`;
    case "comment.created":
      return `${who} commented`;
    case "comment.edited":
      return `${who} edited a comment`;
    case "comment.deleted":
      return `${who} deleted a comment`;
    case "claim.deleted":
      return `${who} deleted the claim “${field(event.before, "statement") ?? field(event.before, "quote") ?? ""}”`;
    case "review.withdrawn":
      return `${who} withdrew a review`;
    case "article.updated":
      return `${who} edited the article's details`;
    case "article.text_replaced":
      return `${who} replaced the article's text`;
    case "article.claims_rescored":
      return `${who} re-scored the claims with the current detector`;
    case "claim.reattached":
      return `${who} re-attached the claim to “${field(event.after, "quote") ?? ""}”`;
    case "article.deleted":
      return `${who} deleted the article “${field(event.before, "title") ?? ""}”`;
    case "source.added":
      return `${who} added the source “${field(event.after, "title") ?? ""}”`;
    case "source.updated":
      return `${who} edited the source “${field(event.after, "title") ?? ""}”`;
    case "source.removed":
      return `${who} removed the source “${field(event.before, "title") ?? ""}”`;
    case "review.submitted":
      return `${who} submitted a review`;
    case "review.updated":
      return `${who} updated their review`;
    case "decision.published":
      return `${who} published the verdict ${ratingLabel(scale, field(event.after, "rating")) ?? ""}${field(event.after, "reusedFromClaimId") ? ", reused from the original" : ""}`;
    case "decision.corrected":
      return `${who} published a correction: ${ratingLabel(scale, field(event.after, "rating")) ?? ""}${field(event.after, "reusedFromClaimId") ? ", reused from the original" : ""}`;
    default:
      return `${who}: ${event.action}`;
  }
}
