import "server-only";
import type { z } from "zod";
import { requestPrincipal, type Principal } from "@/lib/auth/principal";
import { getRateLimits } from "@/lib/env";
import { AppError, STATUS_BY_CODE } from "@/lib/errors";
import { clientOf } from "@/lib/http/request-client";
import { RateLimitedError, enforceRateLimits, rateLimitHeaders } from "@/lib/pipeline/rate-limits";
import type { ScopedKind } from "@/lib/db/scope";
import { memberFor, parseInput, runOperation, type Operation } from "@/lib/pipeline/operation";

// /api/v1 on top of the one request pipeline. An endpoint is an operation (action, input
// schema, scope, handler) plus how HTTP carries it: method, path, which path parameters and
// query fields feed the input, the body, and the answer's schema. The same definitions produce
// the route handlers (app/api/v1/**/route.ts) and the OpenAPI document.

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type Endpoint = {
  method: Method;
  /** OpenAPI-style path under /api/v1, e.g. "/claims/{id}/sources". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Path parameter -> the operation input's field it fills (e.g. { id: "claimId" }). */
  params?: Record<string, string>;
  /** The query fields, documented; they feed the operation's input. */
  query?: z.ZodObject;
  /** The JSON body, documented (derived from the operation's own schema). */
  body?: z.ZodType;
  /**
   * A file upload instead of a JSON body: `read` turns the multipart request into the operation's
   * raw input (refusing what it cannot take), `form` documents its parts.
   */
  upload?: { read: (request: Request) => Promise<Record<string, unknown>>; form: z.ZodObject };
  /** The answer (JSON); absent for 204 and for endpoints that answer with a file or a stream. */
  response?: z.ZodType;
  /** Files or streams: their content types, for the document. */
  produces?: string[];
  status?: 200 | 201 | 204;
  /** Not in the public document: the browser's own plumbing (live stream, presence). */
  internal?: boolean;
  /** PATCH: the item's current fields, under which the body's fields are laid. */
  current?: (principal: Principal, id: string) => Promise<Record<string, string>>;
} & (
  | {
      // The operations differ in input and output; the pipeline checks each against its own schema.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      operation: Operation<any, any>;
      personal?: never;
    }
  | {
      /** About the caller, not a workspace (their workspaces): validated, then run for them alone. */
      personal: { input: z.ZodType; run: (input: never, principal: Principal) => Promise<unknown> };
      operation?: never;
    }
);

export const API_PREFIX = "/api/v1";

const NO_STORE = { "Cache-Control": "no-store" };

export function errorResponse(error: AppError, extraHeaders: Record<string, string> = {}): Response {
  const fields = Object.keys(error.fieldErrors).length > 0 ? { fields: error.fieldErrors } : {};
  const current = error.current ? { current: error.current } : {};
  return Response.json({ error: { code: error.code, message: error.message, ...fields, ...current } }, { status: STATUS_BY_CODE[error.code], headers: { ...NO_STORE, ...extraHeaders } });
}

/** Requests a minute for each API token (FACTDESK_API_RATE_LIMIT), as the reference states it. */
export const apiRateLimit = () => getRateLimits().apiPerToken;

/** A refused or failed request as JSON; a rate-limited one says when to try again (Retry-After). */
export function appErrorResponse(error: AppError, extraHeaders: Record<string, string> = {}): Response {
  if (error instanceof RateLimitedError) return errorResponse(error, { ...extraHeaders, ...rateLimitHeaders(error.hit), "Retry-After": String(error.hit.retryAfterSeconds) });
  return errorResponse(error, extraHeaders);
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === "") return {};
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("INVALID_INPUT", "Send the request body as JSON (Content-Type: application/json).");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("INVALID_INPUT", "The request body must be a JSON object.");
  // null means "no value": it clears an optional field (a PATCH's current value included).
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === null ? undefined : v]));
}

/** The input an endpoint's operation validates: query, then body, then path parameters on top. */
async function inputOf(endpoint: Endpoint, request: Request, params: Record<string, string>, principal: Principal) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const body = endpoint.method === "GET" || endpoint.method === "DELETE" ? {} : endpoint.upload ? await endpoint.upload.read(request) : await readBody(request);
  const fromPath = Object.fromEntries(Object.entries(endpoint.params ?? {}).map(([param, field]) => [field, params[param]]));
  let base: Record<string, string> = {};
  if (endpoint.current && typeof params.id === "string") base = await endpoint.current(principal, params.id);
  return { ...query, ...base, ...body, ...fromPath };
}

async function runPersonal(personal: NonNullable<Endpoint["personal"]>, principal: Principal, raw: unknown) {
  return personal.run(parseInput(personal.input, raw) as never, principal);
}

type RouteContext = { params: Promise<Record<string, string>> };

/** The Next route handler for one endpoint: authenticate, rate-limit, then the pipeline. */
export function handlerFor(endpoint: Endpoint) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let limits: Record<string, string> = {};
    try {
      const client = clientOf(request.headers);
      const principal = await requestPrincipal(request, client);
      limits = rateLimitHeaders(await enforceRateLimits("api", principal, client));
      const input = await inputOf(endpoint, request, (await context.params) ?? {}, principal);
      const result: unknown = endpoint.operation ? await runOperation(endpoint.operation, principal, input, "API", request, client) : await runPersonal(endpoint.personal, principal, input);
      if (result instanceof Response) {
        // Files and streams answer for a signed-in caller too: never kept by a shared cache.
        for (const [k, v] of Object.entries({ ...NO_STORE, ...limits })) if (!result.headers.has(k) || k in limits) result.headers.set(k, v);
        return result;
      }
      if (endpoint.status === 204) return new Response(null, { status: 204, headers: { ...NO_STORE, ...limits } });
      return Response.json(result, { status: endpoint.status ?? 200, headers: { ...NO_STORE, ...limits } });
    } catch (error) {
      if (error instanceof AppError) return appErrorResponse(error, limits);
      console.error("Unexpected error in an API route", error);
      return errorResponse(new AppError("INTERNAL", "Something went wrong. Try again in a moment."), limits);
    }
  };
}

/** The current fields of an item for PATCH, read as its member; NOT_FOUND for anyone else. */
export function currentFields(kind: ScopedKind, read: (workspaceId: string, id: string) => Promise<Record<string, string> | null>, label: string) {
  return async (principal: Principal, id: string) => {
    const member = await memberFor(principal, { kind, id });
    const fields = await read(member.workspace.id, id);
    if (!fields) throw new AppError("NOT_FOUND", `${label} was not found.`);
    return fields;
  };
}

/** The route handler for one method of one documented path; a path without it is a bug. */
export function routeHandler(endpoints: readonly Endpoint[], path: string, method: Method) {
  const endpoint = endpoints.find((e) => e.path === path && e.method === method);
  if (!endpoint) throw new Error(`No ${method} ${path} among the API's endpoints.`);
  return handlerFor(endpoint);
}
