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
