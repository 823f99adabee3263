import "server-only";
import { z } from "zod";
import { reuseOnOutdatedDuplicates } from "@/lib/db/reuse-bulk";
import { defineOperation } from "@/lib/pipeline/operation";
import { MAX_BULK_DUPLICATES, reuseOnDuplicatesSchema } from "@/lib/validation/reuse";
import type { Endpoint } from "./endpoint";

// Following a corrected original on its duplicates, in bulk: the panel's "Reuse this verdict on
// N out-of-date duplicates" as an endpoint (same schema, policy action and lib/db call).

const body = z.object({
  reason: z.string().describe("Why each published duplicate is reopened (every correction says why), at most 500 characters."),
  decisionId: z.string().optional().describe("The original's verdict you saw; if it has a newer one, 409 and nothing is done."),
  duplicates: z
    .array(z.object({ id: z.string(), version: z.number().int().describe("The duplicate's version you read; a newer one skips it.") }))
    .max(MAX_BULK_DUPLICATES)
    .optional()
    .describe(`The duplicates to update (at most ${MAX_BULK_DUPLICATES}); absent: every duplicate whose reused verdict of this claim is out of date now.`),
});

const claimRef = z.object({ claimId: z.string(), articleId: z.string() });
const out = z
  .object({
    updated: z.array(claimRef.extend({ decisionId: z.string().describe("The duplicate's new decision, reused from this claim's verdict.") })),
    skipped: z.array(
      z.object({
        claimId: z.string(),
        articleId: z.string().nullable(),
        statement: z.string().nullable(),
        reason: z.string().describe("Why it was left as it was: reopened by someone, already current, refused by the publishing gate (what is missing), changed meanwhile…"),
      }),
    ),
    message: z.string().describe("The outcome in one sentence, as the web app shows it."),
  })
  .meta({ id: "BulkReuseResult" });

const reuseOnDuplicatesEndpoint: Endpoint = {
  method: "POST",
  path: "/claims/{id}/reuse-decision/duplicates",
  tag: "Decisions",
  summary: "Reuse an original's verdict on its out-of-date duplicates",
  description:
    "On an original whose verdict is published: for each duplicate whose newest decision reused an earlier verdict of it, one at a time and each in its own transaction, exactly as POST /claims/{id}/reuse-decision would. A duplicate whose reused verdict is published is reopened with `reason` and the current verdict published on it as a correction, through the same publishing gate (its sources, reviews, four eyes); if the gate refuses, it stays as it was. A duplicate someone reopened or is working on is skipped, as is one that already reuses this verdict. Answers what was updated and what was skipped, and why. Editors and admins.",
  params: { id: "claimId" },
  body,
  response: out,
  operation: defineOperation({
    action: "decision:publish",
    input: reuseOnDuplicatesSchema,
    scope: (input) => ({ kind: "claim" as const, id: input.claimId }),
    run: async (input, { ctx, may }) => {
      const { updated, skipped, message } = await reuseOnOutdatedDuplicates(ctx, (a) => may(a), input);
      return { updated, skipped, message };
    },
  }),
};

export const REUSE_ENDPOINTS: readonly Endpoint[] = [reuseOnDuplicatesEndpoint];
