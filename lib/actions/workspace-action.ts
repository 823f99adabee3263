import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { Member } from "@/lib/auth/guards";
import type { Action, Resource } from "@/lib/auth/policy";
import { sessionPrincipal, type Principal } from "@/lib/auth/principal";
import type { Ctx } from "@/lib/db/audit";
import { AppError, type CurrentState, type ErrorCode } from "@/lib/errors";
import { actionClient, type RequestClient } from "@/lib/http/request-client";
import { ValidationError, parseInput, runOperation } from "@/lib/pipeline/operation";
import { enforceRateLimits } from "@/lib/pipeline/rate-limits";

export type ActionResult =
  | { ok: true; message: string; at: number; secret?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors: Record<string, string[]>; at: number; current?: CurrentState };

export type WorkspaceActionFn = (workspaceSlug: string, previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

// `secret`: something shown once to the person who made it (an invitation link), never stored.
type Outcome = { message: string; revalidate?: string | string[]; redirectTo?: string; secret?: string };

/**
 * Server actions of a workspace: the form's fields go through the one request pipeline
 * (lib/pipeline/operation.ts) with the session as principal and the workspace the form belongs
 * to as scope: authenticate, validate, membership, role, ownership (`owner`), then the handler's
 * domain and database work; then revalidation. Errors come back as a typed result for the form.
 * Every action counts against its person's and its address's rate limits first.
 */
export function workspaceAction<S extends z.ZodType>(
  config: { schema: S; action: Action; owner?: (input: z.infer<S>, member: Member) => Promise<Resource> },
  handler: (input: z.infer<S>, member: Member, ctx: Ctx) => Promise<Outcome>,
) {
  const run: WorkspaceActionFn = async (workspaceSlug, _previous, formData) =>
    settle(async () => {
      const principal = await sessionPrincipal();
      const client = await actionClient();
      await enforceRateLimits("action", principal, client);
      return runOperation(
        { action: config.action, input: config.schema, scope: () => ({ workspace: String(workspaceSlug) }), owner: config.owner, run: (input, { member, ctx }) => handler(input, member, ctx) },
        principal,
        Object.fromEntries(formData),
        "WEB",
        undefined,
        client,
      );
    });
  return run;
}

export type PersonalActionFn = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Server actions on a person's own things (their API tokens): signed in, validated, and acting
 * only on rows that belong to the caller (lib/db queries by the caller's id).
 */
export function personalAction<S extends z.ZodType>(config: { schema: S }, handler: (input: z.infer<S>, principal: Principal, client: RequestClient) => Promise<Outcome>) {
  const run: PersonalActionFn = async (_previous, formData) =>
    settle(async () => {
      const principal = await sessionPrincipal();
      const client = await actionClient();
      await enforceRateLimits("action", principal, client);
      return handler(parseInput(config.schema, Object.fromEntries(formData)), principal, client);
    });
  return run;
}

async function settle(work: () => Promise<Outcome>): Promise<ActionResult> {
  const at = Date.now();
  let redirectTo: string | undefined;
  try {
    const outcome = await work();
    const paths = outcome.revalidate === undefined ? [] : [outcome.revalidate].flat();
    for (const path of paths) revalidatePath(path);
    if (!outcome.redirectTo) return { ok: true, message: outcome.message, at, ...(outcome.secret ? { secret: outcome.secret } : {}) };
    redirectTo = outcome.redirectTo;
  } catch (error) {
    if (error instanceof AppError) {
      // A form shows each field's message beside it, and a summary on top.
      const message = error instanceof ValidationError ? "Check the highlighted fields." : error.message;
      return { ok: false, code: error.code, message, fieldErrors: error.fieldErrors, at, ...(error.current ? { current: error.current } : {}) };
    }
    console.error("Unexpected error in a server action", error);
    return { ok: false, code: "INTERNAL", message: "Something went wrong and nothing was saved. Try again in a moment.", fieldErrors: {}, at };
  }
  // Outside the try: redirect() works by throwing, and must not be caught as an error.
  redirect(redirectTo);
}

export const articlePath = (slug: string, articleId: string) => `/w/${slug}/articles/${articleId}`;
