// Facts from the schema.org vocabulary (https://schema.org, version 29), for the ClaimReview
// tests: for each type, the properties we may emit (its own and inherited from CreativeWork,
// Review, Intangible and Thing) and the types their values may take. `required` lists what the
// fact-check markup needs (Google's ClaimReview guidelines and the list).

export type ExpectedType = "Text" | "URL" | "Number" | "Date" | "DateTime" | "ClaimReview" | "Rating" | "Claim" | "CreativeWork" | "Organization" | "Person" | "Thing";

export type TypeDefinition = { properties: Record<string, readonly ExpectedType[]>; required: readonly string[] };

const personOrOrganization = ["Organization", "Person"] as const;
const dateOrDateTime = ["Date", "DateTime"] as const;

export const SCHEMA_ORG: Record<"ClaimReview" | "Rating" | "Claim" | "CreativeWork" | "Organization" | "Person", TypeDefinition> = {
  ClaimReview: {
    properties: {
      claimReviewed: ["Text"], // ClaimReview
      reviewRating: ["Rating"], // Review
      reviewBody: ["Text"], // Review
      itemReviewed: ["Thing"], // Review
      url: ["URL"], // Thing
      name: ["Text"], // Thing
      author: personOrOrganization, // CreativeWork
      datePublished: dateOrDateTime, // CreativeWork
      dateModified: dateOrDateTime, // CreativeWork
      headline: ["Text"], // CreativeWork
    },
    required: ["claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed"],
  },
  Rating: {
    properties: {
      alternateName: ["Text"], // Thing
      ratingValue: ["Number", "Text"],
      bestRating: ["Number", "Text"],
      worstRating: ["Number", "Text"],
      ratingExplanation: ["Text"],
      author: personOrOrganization,
    },
    required: ["alternateName"],
  },
  Claim: {
    properties: {
      appearance: ["CreativeWork"], // Claim
      firstAppearance: ["CreativeWork"], // Claim
      claimInterpreter: personOrOrganization, // Claim
      author: personOrOrganization, // CreativeWork
      datePublished: dateOrDateTime, // CreativeWork
      name: ["Text"], // Thing
      url: ["URL"], // Thing
    },
    required: ["appearance"],
  },
  CreativeWork: {
    properties: {
      url: ["URL"], // Thing
      name: ["Text"], // Thing
      headline: ["Text"],
      author: personOrOrganization,
      publisher: personOrOrganization,
      datePublished: dateOrDateTime,
    },
    required: ["headline"],
  },
  Organization: {
    properties: { name: ["Text"], url: ["URL"], sameAs: ["URL"], alternateName: ["Text"] },
    required: ["name"],
  },
  Person: {
    properties: { name: ["Text"], url: ["URL"], sameAs: ["URL"], alternateName: ["Text"] },
    required: ["name"],
  },
};

/** schema.org subtypes: a value of the key type is also a value of each listed type. */
export const SUBTYPE_OF: Record<string, readonly ExpectedType[]> = {
  ClaimReview: ["Thing", "CreativeWork"],
  Rating: ["Thing"],
  Claim: ["Thing", "CreativeWork"],
  CreativeWork: ["Thing"],
  Organization: ["Thing"],
  Person: ["Thing"],
};
