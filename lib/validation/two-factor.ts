import { z } from "zod";

// PURE: what the two-factor forms send, and the words the sign-in form and the server share.
// The sign-in form can import this file (no server code, no crypto).

/** What sign-in answers when the password is right and a second factor is needed. */
export const TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED";
export const TWO_FACTOR_WRONG_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes.";
export const TWO_FACTOR_REPLAYED_CODE = "That code was already used. Wait for your app to show the next one (a new code comes every 30 seconds).";
export const TWO_FACTOR_UNREADABLE = "Your authenticator secret cannot be read on this server (its encryption key changed). Sign in with a recovery code, then set up two-factor sign-in again.";

export const MAX_CODE_INPUT = 40;

const code = z
  .string({ error: "Enter the 6-digit code from your app." })
  .trim()
  .min(1, "Enter the 6-digit code from your app.")
  .max(MAX_CODE_INPUT, "That is longer than any code.");

/** Confirming enrolment: the first code from the app. */
export const confirmTwoFactorSchema = z.object({
  code: code.regex(/^\d{3}\s?\d{3}$/, "Enter the 6 digits your authenticator app shows, without letters."),
});

/**
 * Turning two-factor sign-in off, or making new recovery codes: proof that the person at the
 * keyboard is the account's owner, their password or a current code (from the app, or a recovery code).
 */
export const twoFactorProofSchema = z
  .object({
    password: z.string().max(1000).optional().default(""),
    code: z.string().trim().max(MAX_CODE_INPUT, "That is longer than any code.").optional().default(""),
  })
  .refine((v) => v.password !== "" || v.code !== "", { message: "Enter your password or a current code.", path: ["password"] });

/** An admin's switch on the Members page. */
export const requireTwoFactorSchema = z.object({
  required: z.enum(["true", "false"], { error: "Choose whether members need two-factor sign-in." }).transform((v) => v === "true"),
});
