"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { requireUser } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import { requireAllowedPassword } from "@/lib/auth/password-policy";
import { acceptInvitation, acceptInvitationAsNewUser } from "@/lib/db/invitations";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { acceptAsNewUserSchema, acceptAsUserSchema } from "@/lib/validation/member";

// Joining through an invitation: the caller is not a member yet, so the link itself is what
// authorizes them. Same order as everywhere else: who is asking, what they sent, then lib/db,
// which uses the link once inside the transaction that adds the membership.

const failure = (error: unknown, at: number): ActionResult => {
  if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, at };
  console.error("Unexpected error accepting an invitation", error);
  return { ok: false, code: "INTERNAL", message: "Something went wrong and nothing was saved. Try again in a moment.", fieldErrors: {}, at };
};

/** A signed-in person joins with the invited role and lands in the workspace. */
export async function joinAsUserAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const at = Date.now();
  let slug: string;
  try {
    const user = await requireUser();
    const parsed = acceptAsUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, code: "NOT_FOUND", message: "This invitation link is no longer valid — ask an admin for a new one.", fieldErrors: {}, at };
    ({ workspaceSlug: slug } = await acceptInvitation(parsed.data.token, user.id));
  } catch (error) {
    return failure(error, at);
  }
  redirect(`/w/${slug}`);
}

/**
 * Someone new creates their account and joins; the form then signs them in with the password
 * they chose. The `secret` is only the workspace's address to go to.
 */
export async function joinAsNewUserAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const at = Date.now();
  try {
    const parsed = acceptAsNewUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      if (fieldErrors.token) return { ok: false, code: "NOT_FOUND", message: "This invitation link is no longer valid — ask an admin for a new one.", fieldErrors: {}, at };
      return { ok: false, code: "INVALID_INPUT", message: "Check the highlighted fields.", fieldErrors, at };
    }
    const { token, name, email, password } = parsed.data;
    await requireAllowedPassword(password, "password", { email });
    const { workspaceSlug } = await acceptInvitationAsNewUser(token, { name, email, passwordHash: await hashPassword(password) });
    return { ok: true, message: "Welcome aboard. Signing you in…", at, secret: `/w/${workspaceSlug}` };
  } catch (error) {
    return failure(error, at);
  }
}
