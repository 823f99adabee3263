import "server-only";
import type { z } from "zod";
import { authorize, authorizeRole, refuseWithoutTwoFactor, requireMember, type Member } from "@/lib/auth/guards";
import { can, type Action, type Resource } from "@/lib/auth/policy";
import type { Principal } from "@/lib/auth/principal";
import type { Ctx } from "@/lib/db/audit";
import type { ChangeOrigin } from "@/lib/realtime/change";
import { findWorkspaceSlugOf, type ScopedKind } from "@/lib/db/scope";
import { recordSecurityEvent } from "@/lib/db/security-events";
import type { RequestClient } from "@/lib/http/request-client";
import { AppError, FORBIDDEN_MESSAGE, notFound } from "@/lib/errors";
import { NUL_MESSAGE, fieldErrorsOf, findNul, hasNul, isNotFoundIssue } from "@/lib/validation/fields";

// THE request pipeline. Server actions (lib/actions/workspace-action.ts) and every /api/v1
// handler (lib/api/v1/endpoint.ts) run the same steps through `runOperation`:
//   authenticate (the adapter resolves the principal: a session or an API token)
//   -> validate (the operation's zod schema)
//   -> find the workspace the request acts in, and the caller's membership there (404 if none)
//   -> authorize the role (and a token's scope) through the policy
//   -> load the owner of the thing when the action has ownership rules, and authorize again
//   -> the operation's domain and database work (a transaction with its audit event)
// and turn refusals into the same AppErrors, so an action and its API twin cannot disagree.

/** Where a request acts: a workspace by slug, or the workspace of a thing named by id. */
export type Scope = { workspace: string } | { kind: ScopedKind; id: string };

const NOT_FOUND_LABEL: Record<ScopedKind, string> = {
  article: "That article",
  claim: "That claim",
  source: "That source",
  review: "That review",
  decision: "That decision",
  comment: "That comment",
};

export type OperationContext = {
  principal: Principal;
  member: Member;
  /** For lib/db writes: who, where, and through what. */
  ctx: Ctx;
  /** The policy's answer for this caller, for checks the database work makes itself. */
  may: (action: Action, resource?: Resource) => boolean;
  /** The HTTP request, for API operations that answer with a stream (headers, disconnects). */
  request?: Request;
};

export type Operation<S extends z.ZodType, R> = {
  /** The policy action: checked for the role (and token scope) before anything is loaded. */
  action: Action;
  input: S;
  scope: (input: z.infer<S>) => Scope;
  /**
   * For actions with ownership rules (a reviewer's own source, anyone's own comment or review):
   * who owns the thing (throwing NOT_FOUND when it is not in the workspace). The policy decides.
   */
  owner?: (input: z.infer<S>, member: Member) => Promise<Resource>;
  run: (input: z.infer<S>, context: OperationContext) => Promise<R>;
};

export function defineOperation<S extends z.ZodType, R>(operation: Operation<S, R>): Operation<S, R> {
  return operation;
}

/** Input that failed its schema: the message names the first problem; `fieldErrors` has them all. */
export class ValidationError extends AppError {
  constructor(error: z.ZodError) {
    const first = error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
    super("INVALID_INPUT", `${where}${first?.message ?? "Invalid request."}`, fieldErrorsOf(error));
  }
}

/** The refusal for input that failed its schema; an id holding a NUL names nothing: NOT_FOUND. */
export const invalidInput = (error: z.ZodError): AppError => (error.issues.some(isNotFoundIssue) ? notFound() : new ValidationError(error));

/**
 * Validate with the operation's schema, then make sure no NUL reached any string the schema let
 * through (PostgreSQL cannot store one): schemas build their strings from lib/validation/fields,
 * and this backstop catches any that does not.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const nulAt = findNul(parsed.data);
  if (nulAt) {
    const key = nulAt.join(".") || "form";
    throw new AppError("INVALID_INPUT", `${key}: ${NUL_MESSAGE}`, { [key]: [NUL_MESSAGE] });
  }
  return parsed.data as z.infer<S>;
}

/** The caller's membership where the request acts; NOT_FOUND for anyone who is not a member. */
export async function memberFor(principal: Principal, scope: Scope): Promise<Member> {
  let slug: string;
  // An address or id with a NUL names nothing (and PostgreSQL could not even look for it).
  if (hasNul("workspace" in scope ? scope.workspace : scope.id)) throw notFound("workspace" in scope ? "That workspace" : NOT_FOUND_LABEL[scope.kind]);
  if ("workspace" in scope) {
    slug = scope.workspace;
  } else {
    const found = await findWorkspaceSlugOf(scope.kind, scope.id, principal.user.id);
    if (!found) throw notFound(NOT_FOUND_LABEL[scope.kind]);
    slug = found;
  }
  const member = await requireMember(principal.user, slug);
  if (principal.kind === "session") await refuseWithoutTwoFactor(member);
  return principal.kind === "token" ? { ...member, actor: { ...member.actor, scope: principal.token.scope } } : member;
}

export async function runOperation<S extends z.ZodType, R>(
  operation: Operation<S, R>,
  principal: Principal,
  raw: unknown,
  origin: ChangeOrigin,
  request?: Request,
  client?: RequestClient,
): Promise<R> {
  const input = parseInput(operation.input, raw);
  const member = await memberFor(principal, operation.scope(input));
  try {
    authorizeRole(member, operation.action);
    if (operation.owner) {
      authorize(member, operation.action, await operation.owner(input, member));
    }
  } catch (error) {
    // A member refused by the policy for their role, scope or ownership (not an archived
    // workspace's refusal, nor someone outside the workspace: that is NOT_FOUND, and a stranger's
    // guesses are no event of this workspace's).
    if (error instanceof AppError && error.code === "FORBIDDEN" && error.message === FORBIDDEN_MESSAGE) {
      await recordSecurityEvent({
        kind: "action.refused",
        userId: principal.user.id,
        workspaceId: member.workspace.id,
        ip: client?.ip ?? null,
        userAgent: client?.userAgent ?? null,
        detail: { action: operation.action, role: member.actor.role, through: origin, ...(principal.kind === "token" ? { tokenScope: principal.token.scope } : {}) },
      });
    }
    throw error;
  }
  const ctx: Ctx = { workspaceId: member.workspace.id, userId: principal.user.id, origin };
  return operation.run(input, { principal, member, ctx, may: (action, resource) => can(member.actor, action, resource), request });
}
