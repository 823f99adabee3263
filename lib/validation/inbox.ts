import { z } from "zod";
import { id } from "./fields";

/** One line of the person's own inbox. */
export const notificationIdSchema = z.object({ notificationId: id("notification") });

/** The inbox's filter in the address; anything else reads as "all". */
export const inboxQuerySchema = z.object({ show: z.enum(["all", "unread"]).catch("all").default("all") });
