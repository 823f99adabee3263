import { z } from "zod";
import { id, requiredText, version } from "./fields";

/** The most duplicates one bulk request takes on; the panel says when there are more. */
export const MAX_BULK_DUPLICATES = 200;

// A form sends the duplicates it showed as "id:version,id:version"; the API sends a list.
function duplicatesFromForm(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value.trim() === "") return undefined;
  return value
    .split(",")
    .filter((pair) => pair.trim() !== "")
    .map((pair) => {
      const [claimId = "", seen = ""] = pair.split(":");
      return { id: claimId, version: seen };
    });
}

/**
 * Reusing an original's current verdict on its duplicates whose reused verdict is out of date:
 * the original (`claimId`), its verdict the person saw (`decisionId`: a newer one is a conflict),
 * the reason each published duplicate is reopened with (every correction says why), and
 * optionally the duplicates the person saw with their versions (absent: all of them now).
 */
export const reuseOnDuplicatesSchema = z.object({
  claimId: id("claim"),
  decisionId: z.preprocess((v) => (v === "" || v === null ? undefined : v), id("decision").optional()),
  reason: requiredText("Reason", 500),
  duplicates: z
    .preprocess(
      duplicatesFromForm,
      z
        .array(z.object({ id: id("claim"), version }))
        .min(1, "Choose at least one duplicate.")
        .max(MAX_BULK_DUPLICATES, `At most ${MAX_BULK_DUPLICATES} duplicates at a time.`),
    )
    .optional(),
});

export type ReuseOnDuplicatesInput = z.infer<typeof reuseOnDuplicatesSchema>;
