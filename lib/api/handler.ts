import "server-only";
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/guards";
import type { SessionUser } from "@/lib/db/users";
import { AppError, STATUS_BY_CODE, type CurrentState, type ErrorCode } from "@/lib/errors";

/** `{"error":{code,message}}`; a stale write's 409 also carries `current` (version and fields). */
export function jsonError(code: ErrorCode, message: string, status = STATUS_BY_CODE[code], current?: CurrentState): NextResponse {
  return NextResponse.json({ error: { code, message, ...(current ? { current } : {}) } }, { status, headers: { "Cache-Control": "no-store" } });
}

type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper for /api/v1 handlers: it authenticates, hands the handler the user and the
 * route params, and turns AppErrors into `{"error":{code,message}}` with the matching status.
 * The handler validates its input, authorizes through the guards and queries by workspace.
 */
export function apiRoute<P>(handler: (request: Request, input: { user: SessionUser; params: P }) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const user = await requireUser();
      return await handler(request, { user, params: await context.params });
    } catch (error) {
      if (error instanceof AppError) return jsonError(error.code, error.message, undefined, error.current);
      console.error("Unexpected error in an API route", error);
      return jsonError("INTERNAL", "Something went wrong. Try again in a moment.");
    }
  };
}
