// PURE: schema.org ClaimReview JSON-LD for the published claims of an article, from the same
// ReportData every other report format is built from. Only published verdicts appear.
import { ordinalRating, type Rating } from "@/lib/domain/rating-scale";
import type { ReportData } from "@/lib/domain/report";

export type ClaimReviewContext = {
  /** Who publishes the fact-checks: the workspace's organisation (its name when unset). */
  publisher: { name: string; url: string | null };
  ratingScale: readonly Rating[];
  /** Where the reviews are read: the public share link, else the article's report page. */
  reviewUrl: string;
  /** When each claim's first verdict was published (corrections keep that date). */
  firstPublishedAt?: ReadonlyMap<string, Date>;
};

type Thing = { "@type": string; [property: string]: unknown };
export type ClaimReviewJsonLd = Thing & { "@context": "https://schema.org"; "@type": "ClaimReview" };

// A claimant is a person unless the name reads like an institution.
const ORGANIZATION_WORDS =
  /\b(department|ministry|agency|administration|office|bureau|commission|committee|council|government|party|campaign|association|institute|university|foundation|corporation|company|inc|ltd|llc|union|police|court|senate|congress|white house|authority)\b/i;

export function claimantType(name: string): "Person" | "Organization" {
  return ORGANIZATION_WORDS.test(name) ? "Organization" : "Person";
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function organization(publisher: ClaimReviewContext["publisher"]): Thing {
  return { "@type": "Organization", name: publisher.name, ...(publisher.url ? { url: publisher.url } : {}) };
}

function appearance(article: ReportData["article"]): Thing {
  return {
    "@type": "CreativeWork",
    headline: article.title,
    ...(article.url ? { url: article.url } : {}),
    ...(article.author ? { author: { "@type": claimantType(article.author), name: article.author } } : {}),
    ...(article.outlet ? { publisher: { "@type": "Organization", name: article.outlet } } : {}),
    ...(article.publishedAt ? { datePublished: day(article.publishedAt) } : {}),
  };
}

function rating(scale: readonly Rating[], verdict: NonNullable<ReportData["claims"][number]["verdict"]>): Thing {
  const ordinal = ordinalRating(scale, verdict.rating);
  return {
    "@type": "Rating",
    alternateName: verdict.ratingLabel,
    ...(ordinal ? { ratingValue: ordinal.value, bestRating: ordinal.best, worstRating: ordinal.worst } : {}),
  };
}

/** One ClaimReview per claim with a published verdict, in the article's order. */
export function buildClaimReviews(report: ReportData, context: ClaimReviewContext): ClaimReviewJsonLd[] {
  const author = organization(context.publisher);
  const appears = appearance(report.article);
  return report.claims.flatMap((claim) => {
    const verdict = claim.verdict;
    if (!verdict || claim.status !== "PUBLISHED") return [];
    const first = context.firstPublishedAt?.get(claim.id) ?? verdict.publishedAt;
    const corrected = first.getTime() !== verdict.publishedAt.getTime();
    const review: ClaimReviewJsonLd = {
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `${context.reviewUrl}#claim-${encodeURIComponent(claim.id)}`,
      claimReviewed: claim.statement,
      reviewBody: verdict.summary,
      reviewRating: rating(context.ratingScale, verdict),
      author,
      datePublished: first.toISOString(),
      ...(corrected ? { dateModified: verdict.publishedAt.toISOString() } : {}),
      itemReviewed: {
        "@type": "Claim",
        ...(claim.claimant ? { author: { "@type": claimantType(claim.claimant), name: claim.claimant } } : {}),
        ...(report.article.publishedAt ? { datePublished: day(report.article.publishedAt) } : {}),
        appearance: appears,
      },
    };
    return [review];
  });
}

/**
 * JSON-LD text safe inside an HTML <script> element: no "<", ">" or "&" (so no "</script>" or
 * "<!--"), and no line separators that older parsers treat as line ends.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
