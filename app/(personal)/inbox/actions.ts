"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { requireUser } from "@/lib/auth/guards";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/db/inbox";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { notificationIdSchema } from "@/lib/validation/inbox";

// The inbox belongs to one person, not to a workspace: authenticate, validate, and let lib/db
// scope every statement to the caller's own id (someone else's line simply is not found).

async function inboxAction<S extends z.ZodType>(schema: S, formData: FormData, handler: (input: z.infer<S>, userId: string) => Promise<string>): Promise<ActionResult> {
  const at = Date.now();
  try {
    const user = await requireUser();
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, code: "INVALID_INPUT", message: "That line was not found.", fieldErrors: fieldErrorsOf(parsed.error), at };
    const message = await handler(parsed.data, user.id);
    revalidatePath("/inbox");
    return { ok: true, message, at };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, at };
    console.error("Unexpected error in an inbox action", error);
    return { ok: false, code: "INTERNAL", message: "Something went wrong. Try again in a moment.", fieldErrors: {}, at };
  }
}

export async function markNotificationReadAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return inboxAction(notificationIdSchema, formData, async (input, userId) => {
    await markNotificationRead(userId, input.notificationId);
    return "Marked read.";
  });
}

export async function markAllNotificationsReadAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return inboxAction(z.object({}), formData, async (_input, userId) => {
    const count = await markAllNotificationsRead(userId);
    return count === 1 ? "Marked 1 line read." : `Marked ${count} lines read.`;
  });
}
