import "server-only";
import { reportFileName, type ReportData } from "@/lib/domain/report";
import { AppError } from "@/lib/errors";
import { buildClaimReviews, type ClaimReviewContext } from "./claim-review";
import { renderCsv } from "./csv";
import { AUDIENCES, reportDocument, type Audience, type ReportDocument } from "./document";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";
import { renderPdf } from "./pdf";

// The report in every format, from the one model (lib/domain/report ReportData) through one
// audience's document (./document). A format is one entry of REPORT_FORMATS.

/** Every format the API and the report page offer (ClaimReview for the reader's report only). */
export const REPORT_FORMAT_IDS = ["md", "json", "csv", "html", "pdf", "claimreview"] as const;
export type ReportFormatId = (typeof REPORT_FORMAT_IDS)[number];

export type ReportFormat = {
  id: ReportFormatId;
  label: string;
  extension: string;
  contentType: string;
  /** The audiences it exists for (both when absent). */
  audiences?: readonly Audience[];
  render: (document: ReportDocument, data: ReportData, extras: RenderExtras) => string | Uint8Array | Promise<string | Uint8Array>;
};

/** What a format needs beyond the report: ClaimReview names its publisher and where it is read. */
export type RenderExtras = { claimReview?: ClaimReviewContext };

function renderClaimReview(data: ReportData, extras: RenderExtras): string {
  if (!extras.claimReview) throw new AppError("INTERNAL", "ClaimReview needs its publisher and address.");
  return `${JSON.stringify(buildClaimReviews(data, extras.claimReview), null, 2)}\n`;
}

export const REPORT_FORMATS: readonly ReportFormat[] = [
  { id: "pdf", label: "PDF", extension: "pdf", contentType: "application/pdf", render: (d) => renderPdf(d) },
  { id: "html", label: "HTML", extension: "html", contentType: "text/html; charset=utf-8", render: (d) => renderHtml(d) },
  { id: "md", label: "Markdown", extension: "md", contentType: "text/markdown; charset=utf-8", render: (d) => renderMarkdown(d) },
  { id: "csv", label: "CSV", extension: "csv", contentType: "text/csv; charset=utf-8", render: (d) => renderCsv(d) },
  { id: "json", label: "JSON", extension: "json", contentType: "application/json; charset=utf-8", render: (d) => `${JSON.stringify(d, null, 2)}\n` },
  // schema.org ClaimReview for search engines and fact-check aggregators: published verdicts only.
  { id: "claimreview", label: "ClaimReview JSON-LD", extension: "jsonld", contentType: "application/ld+json; charset=utf-8", audiences: ["reader"], render: (_d, data, extras) => renderClaimReview(data, extras) },
];

export const reportFormat = (id: ReportFormatId) => REPORT_FORMATS.find((f) => f.id === id);

/** The formats offered to one audience, in the order the report page lists them. */
export const formatsFor = (audience: Audience) => REPORT_FORMATS.filter((f) => !f.audiences || f.audiences.includes(audience));

export type RenderedReport = { body: string | Uint8Array; contentType: string; filename: string };

export async function renderReport(data: ReportData, options: { format: ReportFormatId; audience: Audience } & RenderExtras): Promise<RenderedReport> {
  const format = reportFormat(options.format);
  if (!format) throw new AppError("INVALID_INPUT", `The ${options.format} format is not available on this server.`);
  if (format.audiences && !format.audiences.includes(options.audience)) {
    throw new AppError("INVALID_INPUT", `The ${format.label} format exists only for the ${format.audiences.join(" and ")} audience.`);
  }
  const document = reportDocument(data, options.audience);
  const body = await format.render(document, data, { claimReview: options.claimReview });
  const suffix = options.audience === "desk" ? "-desk" : "";
  return { body, contentType: format.contentType, filename: reportFileName(data.article.title, `${format.extension}`).replace(/\.[^.]+$/, `${suffix}.${format.extension}`) };
}

export { AUDIENCES, reportDocument, type Audience, type ReportDocument };
