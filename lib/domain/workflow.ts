// PURE: the claim workflow as a state machine. Every status change a person can make is one row of
// TRANSITIONS: where from, where to, the policy action (and so the roles) it takes, whether it
// needs a reason, and what must be true first. Research and publishing also move claims on their
// own, through `statusAfter`. The server enforces all of it; the UI asks `transitionsFor` only to
// offer the steps it would accept, and to say why a step is not possible yet.
import type { Action, MayTake } from "@/lib/auth/policy";
import { FORBIDDEN_MESSAGE } from "@/lib/errors";

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

/** What the machine needs to know about a claim to decide a step. */
export type ClaimFacts = { status: ClaimStatus; sourceCount: number; reviewCount: number };

type Transition = {
  from: readonly ClaimStatus[];
  to: ClaimStatus;
  label: string;
  /** The policy action whose roles may take this step. */
  action: Action;
  /** A dismissal or a reopening says why, and the claim shows it. */
  needsReason: boolean;
  /** Why the step is not possible yet, or null. */
  blocker?: (claim: ClaimFacts) => string | null;
};

const needsSource = (claim: ClaimFacts) => (claim.sourceCount === 0 ? "Add at least one source before sending the claim to review." : null);

export const TRANSITIONS: readonly Transition[] = [
  { from: ["DETECTED"], to: "QUEUED", label: "Queue for checking", action: "claim:triage", needsReason: false },
  { from: ["DISMISSED"], to: "QUEUED", label: "Restore to the queue", action: "claim:triage", needsReason: false },
  { from: ["RESEARCHING"], to: "QUEUED", label: "Back to the queue", action: "claim:triage", needsReason: false },
  { from: ["QUEUED", "REOPENED"], to: "RESEARCHING", label: "Start research", action: "claim:research", needsReason: false },
  { from: ["IN_REVIEW"], to: "RESEARCHING", label: "Needs more research", action: "claim:research", needsReason: false },
  { from: ["RESEARCHING", "REOPENED"], to: "IN_REVIEW", label: "Send to review", action: "claim:research", needsReason: false, blocker: needsSource },
  { from: ["PUBLISHED"], to: "REOPENED", label: "Reopen for a correction", action: "claim:reopen", needsReason: true },
  { from: ["DETECTED", "QUEUED", "RESEARCHING", "IN_REVIEW", "REOPENED"], to: "DISMISSED", label: "Dismiss", action: "claim:triage", needsReason: true },
];

/** The statuses a verdict can be published from: a claim in review, or reopened for a correction. */
export const PUBLISHABLE_FROM: readonly ClaimStatus[] = ["IN_REVIEW", "REOPENED"];

export function findTransition(from: ClaimStatus, to: ClaimStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return findTransition(from, to) !== undefined;
}

export type TransitionOption = { to: ClaimStatus; label: string; needsReason: boolean; blocker: string | null };

/**
 * The steps out of the claim's status that someone allowed to take `mayTake` actions could take,
 * each with the reason it is not possible yet (or null). Steps their role forbids are left out.
 */
export function transitionsFor(claim: ClaimFacts, mayTake: MayTake): TransitionOption[] {
  return TRANSITIONS.filter((t) => t.from.includes(claim.status) && mayTake(t.action)).map((t) => ({
    to: t.to,
    label: t.label,
    needsReason: t.needsReason,
    blocker: t.blocker?.(claim) ?? null,
  }));
}

/**
 * Why a person may not move this claim to `to`, or null when they may. Order: the machine (is
 * there such a step), the role, the step's own condition, the reason it needs.
 */
export function transitionRefusal(
  claim: ClaimFacts,
  to: ClaimStatus,
  mayTake: MayTake,
  reason: string | null | undefined,
): { field?: "reason"; message: string; forbidden?: true } | null {
  const transition = findTransition(claim.status, to);
  if (!transition) {
    if (to === "PUBLISHED") return { message: "A claim is published by publishing its verdict." };
    return { message: `A claim that is ${STATUS_LABELS[claim.status].toLowerCase()} cannot move to ${STATUS_LABELS[to].toLowerCase()}.` };
  }
  if (!mayTake(transition.action)) return { message: FORBIDDEN_MESSAGE, forbidden: true };
  const blocker = transition.blocker?.(claim);
  if (blocker) return { message: blocker };
  if (transition.needsReason && !reason?.trim()) {
    return { field: "reason", message: to === "DISMISSED" ? "Say why the claim is dismissed." : "Say what the correction is about." };
  }
  return null;
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
