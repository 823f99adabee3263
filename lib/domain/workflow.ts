// PURE: the claim workflow. Editors move claims by hand along MANUAL_TRANSITIONS; research and
// publishing move them automatically through `statusAfter`.
export const CLAIM_STATUSES = ["DETECTED", "QUEUED", "RESEARCHING", "IN_REVIEW", "PUBLISHED", "DISMISSED", "REOPENED"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  DETECTED: "Detected",
  QUEUED: "Queued",
  RESEARCHING: "Researching",
  IN_REVIEW: "In review",
  PUBLISHED: "Published",
  DISMISSED: "Dismissed",
  REOPENED: "Reopened",
};

const MANUAL_TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  DETECTED: ["QUEUED", "DISMISSED"],
  QUEUED: ["RESEARCHING", "DISMISSED"],
  RESEARCHING: ["QUEUED", "IN_REVIEW", "DISMISSED"],
  IN_REVIEW: ["RESEARCHING", "DISMISSED"],
  PUBLISHED: ["REOPENED"],
  DISMISSED: ["REOPENED"],
  REOPENED: ["QUEUED", "RESEARCHING", "DISMISSED"],
};

export const TRANSITION_LABELS: Partial<Record<ClaimStatus, string>> = {
  QUEUED: "Queue for checking",
  RESEARCHING: "Start research",
  IN_REVIEW: "Send to review",
  DISMISSED: "Dismiss",
  REOPENED: "Reopen",
};

export function allowedTransitions(from: ClaimStatus): readonly ClaimStatus[] {
  return MANUAL_TRANSITIONS[from];
}

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return MANUAL_TRANSITIONS[from].includes(to);
}

export type WorkflowEvent = "source-added" | "review-submitted" | "decision-published";

/**
 * The status a claim moves to when work happens on it. Work never revives a dismissed claim,
 * and a published claim stays published until an editor reopens it.
 */
export function statusAfter(event: WorkflowEvent, current: ClaimStatus): ClaimStatus {
  if (event === "decision-published") return "PUBLISHED";
  if (current === "DISMISSED" || current === "PUBLISHED") return current;
  if (event === "source-added") {
    return current === "DETECTED" || current === "QUEUED" || current === "REOPENED" ? "RESEARCHING" : current;
  }
  return current === "IN_REVIEW" ? current : "IN_REVIEW";
}

/** Why a verdict cannot be published yet, or null when it can. */
export function publishBlocker(input: { status: ClaimStatus; sourceCount: number; minSources: number }): string | null {
  if (input.status === "DISMISSED") return "A dismissed claim cannot be published. Reopen it first.";
  if (input.sourceCount < input.minSources) {
    return `This desk publishes only with at least ${input.minSources} source${input.minSources === 1 ? "" : "s"}; this claim has ${input.sourceCount}.`;
  }
  return null;
}
