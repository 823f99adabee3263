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
