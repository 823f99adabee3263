import { z } from "zod";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { MAX_NAME, id, optionalText, requiredText, version } from "./fields";

export const createClaimSchema = z
  .object({
    articleId: id("article"),
    start: z.coerce.number({ error: "Select some words in the article first." }).int().min(0),
    end: z.coerce.number({ error: "Select some words in the article first." }).int().min(0),
  })
  .refine((v) => v.end > v.start, { message: "Select some words in the article first.", path: ["start"] });

export const changeClaimStatusSchema = z.object({
  claimId: id("claim"),
  status: z.enum(CLAIM_STATUSES, { error: "Choose a status." }),
  version,
  // Required by the workflow for a dismissal or a reopening; the server says so at the field.
  reason: optionalText("Reason", 500),
});

/** Queue or dismiss many detected claims of one article at once (triage). */
export const bulkTriageSchema = z.object({
  articleId: id("article"),
  status: z.enum(["QUEUED", "DISMISSED"], { error: "Choose queue or dismiss." }),
  claimIds: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(id("claim")).min(1, "Select at least one claim.").max(1000, "Select at most 1,000 claims at a time."),
  ),
  reason: optionalText("Reason", 500),
});

/** Give a claim to reviewers, or take it back. */
export const assignClaimSchema = z.object({
  claimId: id("claim"),
  userId: id("member"),
  assign: z.enum(["assign", "unassign"], { error: "Choose assign or unassign." }),
});

/** The statement as checked and who made it; the quote in the article never changes here. */
export const updateClaimSchema = z.object({
  claimId: id("claim"),
  version,
  statement: requiredText("Statement", 2000),
  claimant: optionalText("Claimant", MAX_NAME),
});

/** A claim's editable fields as its form shows them (the conflict view compares these). */
export const claimFormValues = (claim: { statement: string; claimant: string | null }) => ({ statement: claim.statement, claimant: claim.claimant ?? "" });

export type UpdateClaimInput = z.infer<typeof updateClaimSchema>;
export type CreateClaimInput = z.infer<typeof createClaimSchema>;
export type ChangeClaimStatusInput = z.infer<typeof changeClaimStatusSchema>;
export type BulkTriageInput = z.infer<typeof bulkTriageSchema>;
export type AssignClaimInput = z.infer<typeof assignClaimSchema>;

/** The highlight threshold as editors type it: a whole percentage. */
export const highlightThresholdSchema = z.object({
  threshold: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ error: "Enter a percentage from 0 to 100." })
      .int("Enter a whole percentage.")
      .min(0, "Enter a percentage from 0 to 100.")
      .max(100, "Enter a percentage from 0 to 100."),
  ),
});
