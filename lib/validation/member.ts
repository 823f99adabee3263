import { z } from "zod";
import { ROLES } from "@/lib/auth/policy";
import { MAX_NAME, id, optionalText, text } from "./fields";
import { plainName } from "./settings";

// Members and invitations: who is in the workspace, with which role, and how people join.

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

const role = z.enum(ROLES, { error: "Choose a role." });

export const changeRoleSchema = z.object({ userId: id("member"), role });
export const memberSchema = z.object({ userId: id("member") });
export const setMemberDisabledSchema = z.object({
  userId: id("member"),
  disabled: z.enum(["true", "false"], { error: "Choose disable or enable." }).transform((v) => v === "true"),
});

const email = text({ error: "Email is required." }).trim().toLowerCase().max(254, "Email must be at most 254 characters.").pipe(z.email("Enter a valid email address."));

export const createInvitationSchema = z.object({
  role,
  // Only a label for the admins' list: the link works for whoever holds it.
  email: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), email.optional()),
});
export const revokeInvitationSchema = z.object({ invitationId: id("invitation") });

/** The token from an invitation link: 32 random bytes as base64url. */
export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is no longer valid.");

export const acceptAsUserSchema = z.object({ token: invitationToken });

export const acceptAsNewUserSchema = z.object({
  token: invitationToken,
  name: plainName("Name", MAX_NAME),
  email,
  password: text({ error: "Password is required." })
    .min(MIN_PASSWORD, `Password must be at least ${MIN_PASSWORD} characters.`)
    .max(MAX_PASSWORD, `Password must be at most ${MAX_PASSWORD} characters.`),
});

/** The audit log's filters, from the query string; anything malformed is ignored. */
export const auditFilterSchema = z.object({
  actor: optionalText("Who", 64).catch(undefined),
  kind: optionalText("What", 64).catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  before: z.string().regex(/^\d{1,19}$/).optional().catch(undefined),
});

export type AuditFilterInput = z.infer<typeof auditFilterSchema>;
