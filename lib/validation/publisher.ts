import { z } from "zod";
import { httpUrl, optionalText } from "./fields";

// The publisher named on published fact-checks (the public page and ClaimReview's author).

export const MAX_ORGANIZATION_NAME = 200;

export const publisherSchema = z.object({
  organizationName: optionalText("Organisation name", MAX_ORGANIZATION_NAME).refine((v) => v === undefined || !/[<>]/.test(v), "Organisation name cannot contain < or >."),
  organizationUrl: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), httpUrl("Organisation website").optional()),
});

export type PublisherInput = z.infer<typeof publisherSchema>;
