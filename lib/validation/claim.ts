import { z } from "zod";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { id, version } from "./fields";

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

export type CreateClaimInput = z.infer<typeof createClaimSchema>;
export type ChangeClaimStatusInput = z.infer<typeof changeClaimStatusSchema>;
