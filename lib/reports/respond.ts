import "server-only";
import { z } from "zod";
import type { Member } from "@/lib/auth/guards";
import type { Action } from "@/lib/auth/policy";
import { getClaimReviewPublisher } from "@/lib/db/report-publisher";
import { getArticleReport } from "@/lib/db/reports";
import { forbidden, notFound } from "@/lib/errors";
import { AUDIENCES } from "./document";
import { REPORT_FORMATS, REPORT_FORMAT_IDS, renderReport } from "./index";

/** The report download's query: which format, for whom. Unknown values answer 400. */
export const reportQuery = z.object({
  format: z
    .enum(REPORT_FORMAT_IDS, { error: `format must be one of ${REPORT_FORMAT_IDS.join(", ")}.` })
    .default("md")
    .describe(`The file format: ${REPORT_FORMAT_IDS.join(", ")}. Markdown when absent.`),
  audience: z
    .enum(AUDIENCES, { error: "audience must be reader or desk." })
    .default("reader")
    .describe("reader: published verdicts only, nothing internal (the default). desk: every claim with its status, assignees, reviews and rationales."),
});

/** Every content type the report can answer with, for the API reference. */
export const REPORT_CONTENT_TYPES = [...new Set(REPORT_FORMATS.map((f) => f.contentType.split(";")[0]!))];

/**
 * The report as a download. The reader's report needs only membership (workspace:read); the
 * desk's, with its reviews and internal notes, needs report:export (the policy decides who).
 */
export async function reportResponse(member: Member, may: (action: Action) => boolean, input: { articleId: string } & z.infer<typeof reportQuery>, baseUrl: string): Promise<Response> {
  if (input.audience === "desk" && !may("report:export")) throw forbidden();
  const data = await getArticleReport(member.workspace.id, input.articleId, member.actor);
  if (!data) throw notFound("That article");
  // ClaimReview names the desk as publisher and the report page as where the review is read.
  const publisher = input.format === "claimreview" ? await getClaimReviewPublisher(member.workspace.id, input.articleId) : null;
  const reviewUrl = `${baseUrl}/w/${member.workspace.slug}/articles/${input.articleId}/report`;
  const report = await renderReport(data, { format: input.format, audience: input.audience, ...(publisher ? { claimReview: { ...publisher, reviewUrl } } : {}) });
  return new Response(typeof report.body === "string" ? report.body : new Uint8Array(report.body), {
    headers: {
      "Content-Type": report.contentType,
      "Content-Disposition": `attachment; filename="${report.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
