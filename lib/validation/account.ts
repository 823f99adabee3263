import { z } from "zod";
import { identifier, text } from "./fields";
import { MAX_PASSWORD, MIN_PASSWORD } from "./member";

// PURE: what a person sends from their account's security page. The common-password check needs
// the server's list, so it runs after these (lib/auth/password-policy.ts).

export const changePasswordSchema = z
  .object({
    currentPassword: text({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1000, "That is not your current password."),
    newPassword: text({ error: "Enter a new password." })
      .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters.`)
      .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters.`),
    confirmPassword: text({ error: "Enter the new password again." }),
  })
  .superRefine((value, ctx) => {
    if (value.newPassword !== value.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords do not match." });
  });

/** A session's id as the cookie and the list carry it: 24 random bytes, base64url. */
export const endSessionSchema = z.object({
  sessionId: identifier({ error: "That session was not found." }).regex(/^[A-Za-z0-9_-]{32}$/, "That session was not found."),
});

export const endAllSessionsSchema = z.object({});
