import { z } from "zod";

// The Security page's filters (a GET form) and the API's query: anything unreadable is ignored.
export const securityFilterSchema = z.object({
  kind: z.string().regex(/^[a-z_.]{1,40}$/).optional().catch(undefined),
  person: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
  before: z.string().regex(/^\d{1,18}$/).optional().catch(undefined),
});
export type SecurityFilterInput = z.infer<typeof securityFilterSchema>;
