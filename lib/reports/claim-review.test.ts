import { describe, expect, it } from "vitest";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import type { ReportData } from "@/lib/domain/report";
import { buildClaimReviews, claimantType, serializeJsonLd, type ClaimReviewContext } from "./claim-review";
import { SCHEMA_ORG, SUBTYPE_OF, type ExpectedType } from "./schema-org.fixture";

type Claim = ReportData["claims"][number];

const claim = (overrides: Partial<Claim> = {}): Claim => ({
  id: "c1",
  quote: "Crossings fell by half.",
  statement: "Border crossings fell by half in 2024.",
  claimant: "Sen. Ana Cárdenas",
  status: "PUBLISHED",
  verdict: { rating: "mostly-true", ratingLabel: "Mostly true", summary: "Close to the official count.", publishedAt: new Date("2024-03-04T15:30:00Z"), approvedBy: "Edna Editor" },
  sources: [],
  ...overrides,
});

const report = (claims: Claim[]): ReportData => ({
  workspace: "City Desk",
  generatedAt: new Date("2024-03-05T09:00:00Z"),
  article: { id: "a1", title: "Border concessions", outlet: "Test Wire", author: "R. Porter", url: "https://example.com/border", publishedAt: new Date("2024-03-01T00:00:00Z") },
  claims,
});

const context = (overrides: Partial<ClaimReviewContext> = {}): ClaimReviewContext => ({
  publisher: { name: "City Desk Fact Check", url: "https://factcheck.example.org" },
  ratingScale: DEFAULT_RATING_SCALE,
  reviewUrl: "https://desk.example.org/r/abc",
  ...overrides,
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a value fits one schema.org expected type. */
function fits(value: unknown, expected: ExpectedType): boolean {
  switch (expected) {
    case "Text":
      return typeof value === "string" && value.length > 0;
    case "URL":
      return typeof value === "string" && /^https?:\/\//.test(value) && URL.canParse(value);
    case "Number":
      return typeof value === "number" && Number.isFinite(value);
    case "Date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case "DateTime":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
    default: {
      if (!isObject(value) || typeof value["@type"] !== "string") return false;
      const type = value["@type"];
      return type === expected || (SUBTYPE_OF[type] ?? []).includes(expected);
    }
  }
}

/** Every problem with a node and the nodes inside it, checked against the schema.org fixture. */
function problems(node: Record<string, unknown>, path = "$"): string[] {
  const type = node["@type"];
  if (typeof type !== "string" || !(type in SCHEMA_ORG)) return [`${path}: unknown @type ${String(type)}`];
  const definition = SCHEMA_ORG[type as keyof typeof SCHEMA_ORG];
  const found: string[] = [];
  for (const required of definition.required) if (!(required in node)) found.push(`${path}: ${type} lacks ${required}`);
  for (const [property, value] of Object.entries(node)) {
    if (property.startsWith("@")) continue;
    const expected = definition.properties[property];
    if (!expected) {
      found.push(`${path}.${property}: not a property of ${type}`);
      continue;
    }
    if (!expected.some((e) => fits(value, e))) found.push(`${path}.${property}: ${JSON.stringify(value)} is not ${expected.join(" or ")}`);
    if (isObject(value)) found.push(...problems(value, `${path}.${property}`));
  }
  return found;
}

describe("ClaimReview JSON-LD", () => {
  it("describes each published claim with properties schema.org defines, of the right types", () => {
    const reviews = buildClaimReviews(report([claim(), claim({ id: "c2", claimant: "Department of Homeland Security", verdict: { ...claim().verdict!, rating: "unproven", ratingLabel: "Unproven" } })]), context());
    expect(reviews).toHaveLength(2);
    for (const review of reviews) {
      expect(review["@context"]).toBe("https://schema.org");
      expect(problems(review)).toEqual([]);
    }
  });

  it("carries the verdict, the claim, the claimant, the article and the desk", () => {
    const [review] = buildClaimReviews(report([claim()]), context({ firstPublishedAt: new Map([["c1", new Date("2024-03-02T10:00:00Z")]]) }));
    expect(review).toMatchObject({
      "@type": "ClaimReview",
      claimReviewed: "Border crossings fell by half in 2024.",
      url: "https://desk.example.org/r/abc#claim-c1",
      author: { "@type": "Organization", name: "City Desk Fact Check", url: "https://factcheck.example.org" },
      datePublished: "2024-03-02T10:00:00.000Z",
      dateModified: "2024-03-04T15:30:00.000Z",
      reviewBody: "Close to the official count.",
      // The default scale ranks True (5) to False (1); Mostly true is second best.
      reviewRating: { "@type": "Rating", alternateName: "Mostly true", ratingValue: 4, bestRating: 5, worstRating: 1 },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: "Sen. Ana Cárdenas" },
        datePublished: "2024-03-01",
        appearance: { "@type": "CreativeWork", url: "https://example.com/border", headline: "Border concessions" },
      },
    });
  });

  it("gives a rating outside the ordered scale its name only", () => {
    const [review] = buildClaimReviews(report([claim({ verdict: { ...claim().verdict!, rating: "unproven", ratingLabel: "Unproven" } })]), context());
    expect(review?.reviewRating).toEqual({ "@type": "Rating", alternateName: "Unproven" });
  });

  it("honours a scale's own order and unranked marks", () => {
    const scale = [
      { key: "correct", label: "Correct" },
      { key: "wrong", label: "Wrong" },
      { key: "unclear", label: "Unclear", unranked: true },
    ];
    const rate = (rating: string) => buildClaimReviews(report([claim({ verdict: { ...claim().verdict!, rating, ratingLabel: rating } })]), context({ ratingScale: scale }))[0]?.reviewRating;
    expect(rate("correct")).toMatchObject({ ratingValue: 2, bestRating: 2, worstRating: 1 });
    expect(rate("wrong")).toMatchObject({ ratingValue: 1 });
    expect(rate("unclear")).toEqual({ "@type": "Rating", alternateName: "unclear" });
  });

  it("leaves out what is unknown rather than inventing it", () => {
    const bare = report([claim({ claimant: null })]);
    bare.article = { ...bare.article, url: null, author: null, outlet: null, publishedAt: null };
    const [review] = buildClaimReviews(bare, context({ publisher: { name: "City Desk", url: null } }));
    expect(review?.itemReviewed).toEqual({ "@type": "Claim", appearance: { "@type": "CreativeWork", headline: "Border concessions" } });
    expect(review?.author).toEqual({ "@type": "Organization", name: "City Desk" });
    expect(review?.dateModified).toBeUndefined();
    expect(problems(review!)).toEqual([]);
  });

  it("includes only claims with a published verdict", () => {
    const reviews = buildClaimReviews(
      report([claim({ id: "a" }), claim({ id: "b", status: "RESEARCHING", verdict: null }), claim({ id: "c", status: "REOPENED" })]),
      context(),
    );
    expect(reviews.map((r) => r.url)).toEqual(["https://desk.example.org/r/abc#claim-a"]);
  });

  it("names institutions as organisations and people as persons", () => {
    expect(claimantType("Sen. Ana Cárdenas")).toBe("Person");
    expect(claimantType("U.S. Customs and Border Protection Office")).toBe("Organization");
    expect(claimantType("the Biden campaign")).toBe("Organization");
  });
});

describe("serializeJsonLd", () => {
  it("cannot close the script element it is embedded in, and parses back to the same data", () => {
    const hostile = { claimReviewed: `He said "</script><script>alert(1)</script>" & <!-- more \u2028` };
    const text = serializeJsonLd(hostile);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text.toLowerCase()).not.toContain("</script");
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it("is what a page embeds: the reviews of a claim with markup in its words stay inert", () => {
    const reviews = buildClaimReviews(report([claim({ statement: "</SCRIPT><img src=x onerror=alert(1)>" })]), context());
    const html = `<script type="application/ld+json">${serializeJsonLd(reviews)}</script>`;
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(JSON.parse(serializeJsonLd(reviews))).toEqual(reviews);
  });
});
