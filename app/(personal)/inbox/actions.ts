"use server";

import { z } from "zod";
import { personalAction } from "@/lib/actions/workspace-action";
import { markAllNotificationsRead, markNotificationRead, ownsNotification } from "@/lib/db/inbox";
import { notFound } from "@/lib/errors";
import { notificationIdSchema } from "@/lib/validation/inbox";

// The inbox belongs to one person, not to a workspace: the pipeline authenticates and validates,
// the policy's `ownsPersonal` decides whose a line is (someone else's is not found), and lib/db
// scopes every statement to the caller's own id as well.

export const markNotificationReadAction = personalAction({ schema: notificationIdSchema }, async (input, { user }) => {
  if (!(await ownsNotification(user.id, input.notificationId))) throw notFound("That inbox line");
  await markNotificationRead(user.id, input.notificationId);
  return { message: "Marked read.", revalidate: "/inbox" };
});

export const markAllNotificationsReadAction = personalAction({ schema: z.object({}) }, async (_input, { user }) => {
  const count = await markAllNotificationsRead(user.id);
  return { message: count === 1 ? "Marked 1 line read." : `Marked ${count} lines read.`, revalidate: "/inbox" };
});
