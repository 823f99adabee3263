import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_PASSWORD, MIN_PASSWORD } from "@/lib/validation/member";

// The password policy, wherever a person chooses a password (their account page, joining by
// invitation, user:add and user:reset-password): at least MIN_PASSWORD characters, and not one
// of the ~49,000 most common passwords (the list @zxcvbn-ts/language-common ships, MIT), nor one
// of them with digits or symbols added at either end, nor a short pattern repeated, nor the
// person's own email. See docs/decisions/019-sessions.md.

let common: Promise<ReadonlySet<string>> | undefined;

/** The list, loaded (and decompressed, ~50 ms) on first use rather than at start-up. */
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(({ dictionary }) => new Set(dictionary["passwords-common"]));
  return common;
}

export const COMMON_PASSWORD = "This password is on a list of commonly used passwords that attackers try first. Choose something less predictable.";

/** Why this password may not be chosen, or null when it may. */
export async function passwordProblem(password: string, context: { email?: string | null } = {}): Promise<string | null> {
  const length = [...password].length;
  if (length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters.`;
  if (length > MAX_PASSWORD) return `Use at most ${MAX_PASSWORD} characters.`;
  const lower = password.toLowerCase();
  // "Sunshine2024!" is "sunshine" with a year and a symbol: as guessable as the word.
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, "");
  const list = await commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core))) return COMMON_PASSWORD;
  if (/^(.{1,6}?)\1+$/su.test(lower) || new Set(lower).size < 4) return "This password is a short pattern repeated. Choose something less predictable.";
  const email = context.email?.trim().toLowerCase();
  const local = email?.split("@")[0] ?? "";
  if (email && (lower.includes(email) || (local.length >= 4 && core === local))) return "Do not use your email address as your password.";
  if (core === "factdesk") return COMMON_PASSWORD;
  return null;
}

/** INVALID_INPUT with the message beside `field` when the password breaks the policy. */
export async function requireAllowedPassword(password: string, field: string, context: { email?: string | null } = {}): Promise<void> {
  const problem = await passwordProblem(password, context);
  if (problem) throw new AppError("INVALID_INPUT", "Check the highlighted fields.", { [field]: [problem] });
}
