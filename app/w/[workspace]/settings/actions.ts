"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { can } from "@/lib/auth/policy";
import { createInvitation, revokeInvitation } from "@/lib/db/invitations";
import { changeMemberRole, removeMemberAsAdmin, setMemberDisabled } from "@/lib/db/members";
import { addRating, createWorkspace, moveRating, renameRating, renameWorkspace, setPublishingRules, setRatingRetired, setWorkspaceArchived } from "@/lib/db/settings";
import { changeRoleSchema, createInvitationSchema, memberSchema, revokeInvitationSchema, setMemberDisabledSchema } from "@/lib/validation/member";
import { addRatingSchema, createWorkspaceSchema, moveRatingSchema, publishingRulesSchema, renameRatingSchema, renameWorkspaceSchema, retireRatingSchema } from "@/lib/validation/settings";
import { setPublisher } from "@/lib/db/report-publisher";
import { publisherSchema } from "@/lib/validation/publisher";
import { setWorkspaceTwoFactorRequired } from "@/lib/db/two-factor";
import { actionClient } from "@/lib/http/request-client";
import { requireTwoFactorSchema } from "@/lib/validation/two-factor";

// Thin: each action names its schema and policy action; the wrapper authenticates, validates and
// authorizes; lib/db asks the policy again and does the work in a transaction with its event.

const settings = (slug: string, page = "") => `/w/${slug}/settings${page}`;

export const renameWorkspaceAction = workspaceAction({ schema: renameWorkspaceSchema, action: "settings:manage" }, async (input, member, ctx) => {
  await renameWorkspace(ctx, (a) => can(member.actor, a), input.name);
  return { message: "Name saved.", revalidate: [settings(member.workspace.slug), `/w/${member.workspace.slug}`] };
});

export const setPublisherAction = workspaceAction({ schema: publisherSchema, action: "settings:manage" }, async (input, member, ctx) => {
  await setPublisher(ctx, (a) => can(member.actor, a), input);
  return { message: "Publisher saved.", revalidate: settings(member.workspace.slug) };
});

export const setPublishingRulesAction = workspaceAction({ schema: publishingRulesSchema, action: "settings:manage" }, async (input, member, ctx) => {
  await setPublishingRules(ctx, (a) => can(member.actor, a), input);
  return { message: "Publishing rules saved.", revalidate: settings(member.workspace.slug) };
});

export const setArchivedAction = workspaceAction(
  { schema: z.object({ archived: z.enum(["true", "false"]).transform((v) => v === "true") }), action: "workspace:archive" },
  async (input, member, ctx) => {
    await setWorkspaceArchived(ctx, (a) => can(member.actor, a), input.archived);
    return { message: input.archived ? "Workspace archived." : "Workspace restored.", revalidate: `/w/${member.workspace.slug}` };
  },
);

export const createWorkspaceAction = workspaceAction({ schema: createWorkspaceSchema, action: "workspace:create" }, async (input, member) => {
  const created = await createWorkspace(member.user.id, (a) => can(member.actor, a), input);
  return { message: "Workspace created.", redirectTo: settings(created.slug) };
});

export const changeRoleAction = workspaceAction({ schema: changeRoleSchema, action: "member:manage" }, async (input, member, ctx) => {
  await changeMemberRole(ctx, (a) => can(member.actor, a), input);
  return { message: "Role changed.", revalidate: settings(member.workspace.slug, "/members") };
});

export const setMemberDisabledAction = workspaceAction({ schema: setMemberDisabledSchema, action: "member:manage" }, async (input, member, ctx) => {
  await setMemberDisabled(ctx, (a) => can(member.actor, a), input);
  return { message: input.disabled ? "Member disabled." : "Member enabled.", revalidate: settings(member.workspace.slug, "/members") };
});

export const removeMemberAction = workspaceAction({ schema: memberSchema, action: "member:manage" }, async (input, member, ctx) => {
  await removeMemberAsAdmin(ctx, (a) => can(member.actor, a), input);
  return { message: "Member removed.", revalidate: settings(member.workspace.slug, "/members") };
});

export const createInvitationAction = workspaceAction({ schema: createInvitationSchema, action: "member:manage" }, async (input, member, ctx) => {
  const { token } = await createInvitation(ctx, (a) => can(member.actor, a), input);
  return { message: "Invitation link created.", revalidate: settings(member.workspace.slug, "/invitations"), secret: `/invite/${token}` };
});

export const revokeInvitationAction = workspaceAction({ schema: revokeInvitationSchema, action: "member:manage" }, async (input, member, ctx) => {
  await revokeInvitation(ctx, (a) => can(member.actor, a), input.invitationId);
  return { message: "Invitation revoked.", revalidate: settings(member.workspace.slug, "/invitations") };
});

const ratingsPath = (slug: string) => settings(slug, "/ratings");

export const addRatingAction = workspaceAction({ schema: addRatingSchema, action: "settings:manage" }, async (input, member, ctx) => {
  await addRating(ctx, (a) => can(member.actor, a), input.label);
  return { message: "Rating added.", revalidate: ratingsPath(member.workspace.slug) };
});

export const renameRatingAction = workspaceAction({ schema: renameRatingSchema, action: "settings:manage" }, async (input, member, ctx) => {
  await renameRating(ctx, (a) => can(member.actor, a), input);
  return { message: "Label saved.", revalidate: `/w/${member.workspace.slug}` };
});

export const moveRatingAction = workspaceAction({ schema: moveRatingSchema, action: "settings:manage" }, async (input, member, ctx) => {
  await moveRating(ctx, (a) => can(member.actor, a), input);
  return { message: "Order saved.", revalidate: ratingsPath(member.workspace.slug) };
});

export const retireRatingAction = workspaceAction({ schema: retireRatingSchema, action: "settings:manage" }, async (input, member, ctx) => {
  await setRatingRetired(ctx, (a) => can(member.actor, a), input);
  return { message: input.retired ? "Rating retired." : "Rating back in use.", revalidate: ratingsPath(member.workspace.slug) };
});

export const setTwoFactorRequiredAction = workspaceAction({ schema: requireTwoFactorSchema, action: "two-factor:require" }, async (input, member, ctx) => {
  await setWorkspaceTwoFactorRequired(ctx, (a) => can(member.actor, a), input.required, await actionClient());
  return {
    message: input.required ? "Two-factor sign-in is now required. Members without it are asked to set it up at their next page." : "Two-factor sign-in is no longer required.",
    revalidate: settings(member.workspace.slug, "/members"),
  };
});
