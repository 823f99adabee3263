// PURE: whether a duplicate's reused verdict is still the one its original stands by.

/** The original's decision a verdict copies, with the original's state and newest decision as they stand now. */
export type ReuseSource = {
  id: string;
  claim: { status: string; decisions: Array<{ id: string; rating: string; createdAt: Date }> };
};

/**
 * `current` while the copied decision is the original's newest and the original is published.
 * Otherwise the original was reopened (`reopened`), or corrected with a newer decision
 * (`latest`): the duplicate still shows the verdict it published, which the original no
 * longer stands by, until someone reuses the new one through the publishing rules.
 */
export type ReusedVerdictState =
  | { current: true }
  | { current: false; reopened: boolean; latest: { id: string; rating: string; createdAt: Date } | null };

export function reusedVerdictState(source: ReuseSource): ReusedVerdictState {
  const newest = source.claim.decisions[0] ?? null;
  if (source.claim.status === "PUBLISHED" && newest?.id === source.id) return { current: true };
  return {
    current: false,
    reopened: source.claim.status !== "PUBLISHED",
    latest: newest && newest.id !== source.id ? newest : null,
  };
}

/** The Prisma selection that `reusedVerdictState` reads, through a decision's `reusedFrom`. */
const T = true as const;
export const REUSE_SOURCE_SELECT = {
  id: T,
  claim: {
    select: {
      id: T,
      articleId: T,
      statement: T,
      status: T,
      article: { select: { title: T } },
      decisions: { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 1, select: { id: T, rating: T, createdAt: T } },
    },
  },
};
