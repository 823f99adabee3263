import { z } from "zod";

/** The queue's filter in the address: my assignments, or reused verdicts out of date; anything else reads as the first. */
export const queueQuerySchema = z.object({ show: z.enum(["assigned", "reused-outdated"]).catch("assigned").default("assigned") });
