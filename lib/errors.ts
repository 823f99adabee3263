// Errors the application means to show. Anything else is a bug and reaches users only as a
// generic message; its details go to the server log.
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID_INPUT" | "CONFLICT" | "RATE_LIMITED" | "TOO_LARGE" | "UNSUPPORTED_TYPE" | "INTERNAL";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  // An uploaded file over its limit, and a request body of a kind the endpoint does not take.
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  INTERNAL: 500,
};

/**
 * What a refused stale save is compared with: the thing as it stands now, its version and its
 * values under the names of the form's (and the API's) fields.
 */
export type CurrentState = { version: number; fields: Record<string, string> };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Messages for individual form fields, keyed by field name. */
    readonly fieldErrors: Record<string, string[]> = {},
    /** With CONFLICT: the current version, so the person can compare and choose. */
    readonly current?: CurrentState,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const FORBIDDEN_MESSAGE = "Your role in this workspace does not allow that.";
export const forbidden = () => new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
/** A change refused because its workspace is archived (read-only until an admin restores it). */
export const archivedWorkspace = () => new AppError("FORBIDDEN", "This workspace is archived: it can be read, but nothing in it can change. An admin can restore it in Settings.");
export const notFound = (what = "That item") => new AppError("NOT_FOUND", `${what} was not found.`);
const STALE = "Someone else changed this claim while you were working on it. Check what changed above, then save again: your text is still here.";

/** A save made from an outdated copy; with `current`, the person can compare and choose. */
export const conflict = (current?: CurrentState, message = current ? "Someone else saved a newer version while you were editing." : STALE) => new AppError("CONFLICT", message, {}, current);
