// PURE: a desk's rating scale, an ordered list the reviewers choose from.
export type Rating = { key: string; label: string };

export const DEFAULT_RATING_SCALE: readonly Rating[] = [
  { key: "true", label: "True" },
  { key: "mostly-true", label: "Mostly true" },
  { key: "half-true", label: "Half true" },
  { key: "mostly-false", label: "Mostly false" },
  { key: "false", label: "False" },
  { key: "misleading", label: "Misleading" },
  { key: "unproven", label: "Unproven" },
];

/** Reads a scale stored as JSON, falling back to the default when it is malformed. */
export function parseRatingScale(value: unknown): Rating[] {
  if (!Array.isArray(value)) return [...DEFAULT_RATING_SCALE];
  const ratings = value.filter(
    (r): r is Rating => typeof r === "object" && r !== null && typeof r.key === "string" && typeof r.label === "string",
  );
  return ratings.length > 0 ? ratings : [...DEFAULT_RATING_SCALE];
}

export function findRating(scale: readonly Rating[], key: string): Rating | undefined {
  return scale.find((r) => r.key === key);
}

export function ratingLabel(scale: readonly Rating[], key: string | null | undefined): string | null {
  if (!key) return null;
  return findRating(scale, key)?.label ?? key;
}
