"use server";

import type { Member } from "@/lib/auth/guards";
import { articlePath, workspaceAction } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { bulkTriage, changeClaimStatus, createManualClaim, setClaimAssignee, updateClaim } from "@/lib/db/claims";
import { publishDecision, saveReview } from "@/lib/db/reviews";
import { createSource, deleteSource, getSourceOwner, updateSource } from "@/lib/db/sources";
import { STATUS_LABELS } from "@/lib/domain/workflow";
import { notFound } from "@/lib/errors";
import { assignClaimSchema, bulkTriageSchema, changeClaimStatusSchema, createClaimSchema, highlightThresholdSchema, updateClaimSchema } from "@/lib/validation/claim";
import { setHighlightThreshold } from "@/lib/db/settings";
import { adjustClaimSpan, mergeClaims, splitClaim } from "@/lib/db/claim-spans";
import { adjustSpanSchema, mergeClaimsSchema, splitClaimSchema } from "@/lib/validation/claim-span";
import { publishDecisionSchema, saveReviewSchema } from "@/lib/validation/review";
import { createSourceSchema, deleteSourceSchema, updateSourceSchema } from "@/lib/validation/source";

// Thin: each action names its schema and policy action; the wrapper authenticates, validates and
// authorizes; lib/db does the work in a transaction with its audit event.

export const createClaimAction = workspaceAction({ schema: createClaimSchema, action: "claim:create" }, async (input, member, ctx) => {
  const claim = await createManualClaim(ctx, input);
  const path = articlePath(member.workspace.slug, input.articleId);
  return { message: "Claim added.", revalidate: path, redirectTo: `${path}?claim=${claim.id}` };
});

// Reviewers take some workflow steps (research, send to review), editors the rest: the role check
// here is the lowest of them, and the workflow asks the policy for the step itself.
export const changeClaimStatusAction = workspaceAction({ schema: changeClaimStatusSchema, action: "claim:research" }, async (input, member, ctx) => {
  const { articleId } = await changeClaimStatus(ctx, (a) => can(member.actor, a), input);
  return { message: `Moved to ${STATUS_LABELS[input.status].toLowerCase()}.`, revalidate: articlePath(member.workspace.slug, articleId) };
});

export const bulkTriageAction = workspaceAction({ schema: bulkTriageSchema, action: "claim:triage" }, async (input, member, ctx) => {
  const { changed, skipped } = await bulkTriage(ctx, (a) => can(member.actor, a), input);
  const verb = input.status === "QUEUED" ? "Queued" : "Dismissed";
  const rest = skipped > 0 ? ` ${skipped} ${skipped === 1 ? "was" : "were"} past triage and stayed as ${skipped === 1 ? "it was" : "they were"}.` : "";
  const path = articlePath(member.workspace.slug, input.articleId);
  return { message: `${verb} ${changed} ${changed === 1 ? "claim" : "claims"}.${rest}`, revalidate: [path, `${path}/triage`] };
});

export const assignClaimAction = workspaceAction({ schema: assignClaimSchema, action: "claim:assign" }, async (input, member, ctx) => {
  const { articleId } = await setClaimAssignee(ctx, (a) => can(member.actor, a), input);
  return { message: input.assign === "assign" ? "Assigned." : "Unassigned.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const updateClaimAction = workspaceAction({ schema: updateClaimSchema, action: "claim:edit" }, async (input, member, ctx) => {
  const { articleId } = await updateClaim(ctx, input);
  return { message: "Claim saved.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const createSourceAction = workspaceAction({ schema: createSourceSchema, action: "source:create" }, async (input, member, ctx) => {
  const { articleId } = await createSource(ctx, input);
  return { message: "Source added.", revalidate: articlePath(member.workspace.slug, articleId) };
});

// Reviewers change only the sources they added: the pipeline loads the owner, the policy decides.
const sourceOwner = async (input: { sourceId: string }, member: Member) => {
  const source = await getSourceOwner(member.workspace.id, input.sourceId);
  if (!source) throw notFound("That source");
  return { ownerId: source.addedById };
};

export const updateSourceAction = workspaceAction({ schema: updateSourceSchema, action: "source:update", owner: sourceOwner }, async (input, member, ctx) => {
  const { articleId } = await updateSource(ctx, input);
  return { message: "Source saved.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const deleteSourceAction = workspaceAction({ schema: deleteSourceSchema, action: "source:delete", owner: sourceOwner }, async (input, member, ctx) => {
  const { articleId } = await deleteSource(ctx, input.sourceId);
  return { message: "Source removed.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const saveReviewAction = workspaceAction({ schema: saveReviewSchema, action: "review:write" }, async (input, member, ctx) => {
  const { articleId } = await saveReview(ctx, member.workspace.ratingScale, input);
  return { message: "Your review is saved.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const publishDecisionAction = workspaceAction({ schema: publishDecisionSchema, action: "decision:publish" }, async (input, member, ctx) => {
  const { articleId } = await publishDecision(ctx, input);
  return { message: "Verdict published.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const setHighlightThresholdAction = workspaceAction({ schema: highlightThresholdSchema, action: "claim:triage" }, async (input, member, ctx) => {
  await setHighlightThreshold(ctx, (a) => can(member.actor, a), input.threshold / 100);
  return { message: `Highlighting detected claims from ${input.threshold}% up.`, revalidate: `/w/${member.workspace.slug}` };
});

// Which words a claim covers: editors, and never a published claim (lib/db/claim-spans.ts).
export const adjustClaimSpanAction = workspaceAction({ schema: adjustSpanSchema, action: "claim:span" }, async (input, member, ctx) => {
  const { articleId, changed } = await adjustClaimSpan(ctx, input);
  return { message: changed ? "The claim's words are changed." : "The claim already covers those words.", revalidate: articlePath(member.workspace.slug, articleId) };
});

export const splitClaimAction = workspaceAction({ schema: splitClaimSchema, action: "claim:span" }, async (input, member, ctx) => {
  const { articleId, newClaimId } = await splitClaim(ctx, input);
  const path = articlePath(member.workspace.slug, articleId);
  return { message: "Split in two: the words after the cut are a new claim.", revalidate: path, redirectTo: `${path}?claim=${newClaimId}` };
});

export const mergeClaimsAction = workspaceAction({ schema: mergeClaimsSchema, action: "claim:span" }, async (input, member, ctx) => {
  const { articleId } = await mergeClaims(ctx, input);
  const path = articlePath(member.workspace.slug, articleId);
  return { message: "Merged with the next claim.", revalidate: path, redirectTo: `${path}?claim=${input.claimId}` };
});
