import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses route params or a query string, or fails with INVALID_INPUT and the first message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("INVALID_INPUT", result.error.issues[0]?.message ?? "Invalid request.");
}

export const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** A JSON request body parsed with its schema. Only JSON is accepted: no form posts from other sites. */
export async function parseJsonBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("INVALID_INPUT", "Send the request body as JSON (Content-Type: application/json).");
  }
  const body: unknown = await request.json().catch(() => {
    throw new AppError("INVALID_INPUT", "The request body is not valid JSON.");
  });
  return parseOrThrow(schema, body);
}
