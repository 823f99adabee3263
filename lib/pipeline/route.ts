import "server-only";
import { requestPrincipal } from "@/lib/auth/principal";
import { appErrorResponse, errorResponse } from "@/lib/api/v1/endpoint";
import { AppError } from "@/lib/errors";
import { clientOf } from "@/lib/http/request-client";
import { runOperation, type Operation } from "./operation";
import { enforceRateLimits } from "./rate-limits";

type RouteContext = { params: Promise<Record<string, string>> };

/**
 * A route handler outside /api/v1 (a file download for the browser) on the same pipeline as
 * server actions and the API: the principal, the operation's schema over the query string and
 * the path's parameters, membership, the policy, then the operation, which answers with a
 * Response. Refusals take the API's error shape; rate limits are the API's.
 */
// The operations differ in input; the pipeline checks each against its own schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function operationRoute(operation: Operation<any, Response>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const client = clientOf(request.headers);
      const principal = await requestPrincipal(request, client);
      await enforceRateLimits("api", principal, client);
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const input = { ...query, ...((await context.params) ?? {}) };
      return await runOperation(operation, principal, input, "WEB", request, client);
    } catch (error) {
      if (error instanceof AppError) return appErrorResponse(error);
      console.error("Unexpected error in a route", error);
      return errorResponse(new AppError("INTERNAL", "Something went wrong. Try again in a moment."));
    }
  };
}
