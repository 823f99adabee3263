// PURE: how far the desk's independent reviewers agree. Each claim with two or more reviews is
// a count of reviews per rating; only those counts come in, never who gave which rating.
//
// Two measures. Percent agreement: the share of claims on which every review gave the same
// rating. Fleiss' kappa (Fleiss 1971): agreement corrected for what the raters' overall mix of
// ratings would give by chance; 1 is perfect agreement, 0 no better than chance. The classic
// formula assumes the same number of raters on every claim, so kappa is computed over the claims
// with the most common number of reviews (the smaller number when two are equally common).

/** One claim: how many of its reviews gave each rating key. */
export type RatingCounts = Readonly<Record<string, number>>;

export type AgreementSummary = {
  /** Claims with two or more reviews. */
  claims: number;
  /** Of those, claims on which every review gave the same rating. */
  unanimous: number;
  /** unanimous / claims, or null under MIN_CLAIMS. */
  percentAgreement: number | null;
  /** Fleiss' kappa over the claims with exactly `raters` reviews; null under MIN_CLAIMS. */
  kappa: { raters: number; claims: number; value: number | null } | null;
};

/** Fewer claims than this say nothing about a desk's agreement. */
export const MIN_CLAIMS = 2;

const total = (claim: RatingCounts) => Object.values(claim).reduce((sum, n) => sum + n, 0);
const isUnanimous = (claim: RatingCounts) => Object.values(claim).filter((n) => n > 0).length === 1;

/** Share of claims (each with two or more ratings) on which all ratings are the same; null for none. */
export function percentAgreement(claims: readonly RatingCounts[]): number | null {
  if (claims.length === 0) return null;
  return claims.filter(isUnanimous).length / claims.length;
}

/**
 * Fleiss' kappa for claims that each have the same number n >= 2 of ratings. Null when it is not
 * defined: no claims, or every rating in one category (chance agreement is then 1).
 */
export function fleissKappa(claims: readonly RatingCounts[]): number | null {
  const first = claims[0];
  if (!first) return null;
  const n = total(first);
  if (n < 2 || claims.some((c) => total(c) !== n)) throw new Error("Fleiss' kappa needs the same number (two or more) of ratings on every claim.");
  const N = claims.length;
  // P_i: the share of agreeing rater pairs on claim i; P-bar their mean.
  const meanPairAgreement = claims.reduce((sum, c) => sum + (Object.values(c).reduce((s, k) => s + k * k, 0) - n) / (n * (n - 1)), 0) / N;
  // p_j: the share of all ratings in category j; P_e = sum of p_j squared.
  const byCategory = new Map<string, number>();
  for (const c of claims) for (const [key, k] of Object.entries(c)) byCategory.set(key, (byCategory.get(key) ?? 0) + k);
  const chance = [...byCategory.values()].reduce((sum, k) => sum + (k / (N * n)) ** 2, 0);
  if (chance >= 1 - 1e-12) return null;
  return (meanPairAgreement - chance) / (1 - chance);
}

/** The most common number of ratings per claim (the smaller on a tie); null for no claims. */
export function modalRaterCount(claims: readonly RatingCounts[]): number | null {
  const frequency = new Map<number, number>();
  for (const c of claims) frequency.set(total(c), (frequency.get(total(c)) ?? 0) + 1);
  let best: [number, number] | null = null;
  for (const [raters, count] of frequency) {
    if (!best || count > best[1] || (count === best[1] && raters < best[0])) best = [raters, count];
  }
  return best ? best[0] : null;
}

/** Both measures over the claims with two or more ratings (others are ignored). */
export function summarizeAgreement(all: readonly RatingCounts[]): AgreementSummary {
  const claims = all.filter((c) => total(c) >= 2);
  const unanimous = claims.filter(isUnanimous).length;
  if (claims.length < MIN_CLAIMS) return { claims: claims.length, unanimous, percentAgreement: null, kappa: null };
  const raters = modalRaterCount(claims) ?? 2;
  const covered = claims.filter((c) => total(c) === raters);
  return {
    claims: claims.length,
    unanimous,
    percentAgreement: percentAgreement(claims),
    kappa: covered.length < MIN_CLAIMS ? null : { raters, claims: covered.length, value: fleissKappa(covered) },
  };
}
