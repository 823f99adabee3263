import { z } from "zod";
import { id, version } from "./fields";

const offset = (what: string) => z.coerce.number({ error: `Give the ${what} as a position in the text.` }).int(`Give the ${what} as a whole position.`).min(0, `The ${what} is outside the article's text.`);

/** New ends for a claim's words, changed from the version the caller saw. */
export const adjustSpanSchema = z
  .object({ claimId: id("claim"), version, start: offset("start"), end: offset("end") })
  .refine((v) => v.end > v.start, { message: "The claim must keep at least one word: the end must come after the start.", path: ["end"] });
export type AdjustSpanInput = z.infer<typeof adjustSpanSchema>;

/** Split a claim at a position inside its words: the words after it become a new claim. */
export const splitClaimSchema = z.object({ claimId: id("claim"), version, at: offset("split position") });
export type SplitClaimInput = z.infer<typeof splitClaimSchema>;

/** Merge a claim with the claim right after it in the same article (both versions as seen). */
export const mergeClaimsSchema = z.object({ claimId: id("claim"), version, nextId: id("claim"), nextVersion: version });
export type MergeClaimsInput = z.infer<typeof mergeClaimsSchema>;
