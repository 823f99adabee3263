// PURE: a desk's rating scale, an ordered list the reviewers choose from.
// A retired rating stays on the scale so published decisions keep their label, but nobody can
// choose it any more.
export type Rating = { key: string; label: string; retired?: boolean; unranked?: boolean };

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
  if (ratings.length === 0) return [...DEFAULT_RATING_SCALE];
  return ratings.map((r) => ({
    key: r.key,
    label: r.label,
    ...(r.retired === true ? { retired: true } : {}),
    ...(typeof r.unranked === "boolean" ? { unranked: r.unranked } : {}),
  }));
}

/** The ratings people can choose now, in the desk's order. */
export function activeRatings(scale: readonly Rating[]): Rating[] {
  return scale.filter((r) => !r.retired);
}

export function findRating(scale: readonly Rating[], key: string): Rating | undefined {
  return scale.find((r) => r.key === key);
}

/** A rating someone may choose for a new review or decision: on the scale and not retired. */
export function findActiveRating(scale: readonly Rating[], key: string): Rating | undefined {
  return scale.find((r) => r.key === key && !r.retired);
}

export function ratingLabel(scale: readonly Rating[], key: string | null | undefined): string | null {
  if (!key) return null;
  return findRating(scale, key)?.label ?? key;
}

// Verdicts that say something other than "how true": they sit outside the ordered scale.
const UNRANKED_KEYS: ReadonlySet<string> = new Set(["misleading", "unproven", "unverifiable", "unsupported", "no-evidence", "satire", "needs-context"]);

const isRanked = (r: Rating) => (r.unranked === undefined ? !UNRANKED_KEYS.has(r.key) : !r.unranked);

/**
 * The ordinal part of a scale, best first (the scale's own order), as 1-based values where the
 * best is highest: { value, best, worst }. Retired ratings keep their place so published values
 * never shift. Null for a rating outside the order, or when fewer than two ratings are ranked.
 */
export function ordinalRating(scale: readonly Rating[], key: string): { value: number; best: number; worst: number } | null {
  const ranked = scale.filter(isRanked);
  const index = ranked.findIndex((r) => r.key === key);
  if (ranked.length < 2 || index < 0) return null;
  return { value: ranked.length - index, best: ranked.length, worst: 1 };
}
