import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { authorizeRole, requireMember, requireUser, type Member } from "@/lib/auth/guards";
import type { Action } from "@/lib/auth/policy";
import type { Ctx } from "@/lib/db/audit";
import { AppError, type CurrentState, type ErrorCode } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/fields";

export type ActionResult =
  | { ok: true; message: string; at: number; secret?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors: Record<string, string[]>; at: number; current?: CurrentState };

export type WorkspaceActionFn = (workspaceSlug: string, previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

// `secret`: something shown once to the person who made it (an invitation link), never stored.
type Outcome = { message: string; revalidate?: string | string[]; redirectTo?: string; secret?: string };

/**
 * The one wrapper for workspace server actions, in the house order: authenticate, validate,
 * authorize (membership and role; handlers whose action has ownership rules call `authorize`
 * with the loaded resource), then the handler's domain and database work, then revalidation.
 * Errors come back as a typed result for the form.
 */
export function workspaceAction<S extends z.ZodType>(
  config: { schema: S; action: Action },
  handler: (input: z.infer<S>, member: Member, ctx: Ctx) => Promise<Outcome>,
) {
  const run: WorkspaceActionFn = async (workspaceSlug, _previous, formData) => {
    const at = Date.now();
    let redirectTo: string | undefined;
    try {
      const user = await requireUser();
      const parsed = config.schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        return { ok: false, code: "INVALID_INPUT", message: "Check the highlighted fields.", fieldErrors, at };
      }
      const member = await requireMember(user, String(workspaceSlug));
      authorizeRole(member, config.action);
      const outcome = await handler(parsed.data, member, { workspaceId: member.workspace.id, userId: user.id, origin: "WEB" });
      const paths = outcome.revalidate === undefined ? [] : [outcome.revalidate].flat();
      for (const path of paths) revalidatePath(path);
      if (!outcome.redirectTo) return { ok: true, message: outcome.message, at, ...(outcome.secret ? { secret: outcome.secret } : {}) };
      redirectTo = outcome.redirectTo;
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, at, ...(error.current ? { current: error.current } : {}) };
      console.error("Unexpected error in a server action", error);
      return { ok: false, code: "INTERNAL", message: "Something went wrong and nothing was saved. Try again in a moment.", fieldErrors: {}, at };
    }
    // Outside the try: redirect() works by throwing, and must not be caught as an error.
    redirect(redirectTo);
  };
  return run;
}

export const articlePath = (slug: string, articleId: string) => `/w/${slug}/articles/${articleId}`;
