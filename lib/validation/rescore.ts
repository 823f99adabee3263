import { z } from "zod";

/** Re-scoring a workspace's claims: the untouched ones, or (a ticked box) every detected one. */
export const rescoreClaimsSchema = z.object({
  // A checkbox sends "on" when ticked and nothing when not.
  all: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
