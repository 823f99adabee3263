import "server-only";
import { summarizeAgreement, type RatingCounts } from "@/lib/domain/agreement";
import { summarizeTimeToVerdict, type DashboardData, type MemberWork, type Period, type VerdictCount } from "@/lib/domain/dashboard";
import type { Rating } from "@/lib/domain/rating-scale";
import { CLAIM_STATUSES, STATUS_LABELS } from "@/lib/domain/workflow";
import { getDb } from "./client";

// The desk dashboard's figures for one workspace and period. Everything is counted in
// PostgreSQL (GROUP BY, DISTINCT ON), so the work grows with the number of groups, not of rows;
// only the per-claim durations and rating counts come back row by row, and those only for the
// claims with a verdict or two reviews in the period. Reviews' ratings leave this module only
// as counts per claim: who gave which rating never does.

// Open ends of a period as bounds the queries can always use.
const BEGINNING = new Date("1970-01-01T00:00:00Z");
const END_OF_TIME = new Date("9999-12-31T00:00:00Z");

export async function getDashboard(workspaceId: string, scale: readonly Rating[], period: Period): Promise<DashboardData> {
  const db = getDb();
  const lo = period.from ?? BEGINNING;
  const hi = period.to ?? END_OF_TIME;
  const inPeriod = { gte: lo, lt: hi };

  const [anyClaim, statusGroups, verdictRows, durationRows, agreementRows, reviewGroups, sourceGroups, decisionGroups, members] = await Promise.all([
    db.claim.findFirst({ where: { workspaceId }, select: { id: true } }),
    // Claims detected (or added by hand) in the period, by the status they have now.
    db.claim.groupBy({ by: ["status"], where: { workspaceId, createdAt: inPeriod }, _count: { _all: true } }),
    // Each claim's latest verdict published in the period, counted by rating.
    db.$queryRaw<Array<{ rating: string; count: number }>>`
      SELECT "rating", count(*)::int AS "count" FROM (
        SELECT DISTINCT ON ("claimId") "claimId", "rating" FROM "Decision"
        WHERE "workspaceId" = ${workspaceId} AND "createdAt" >= ${lo} AND "createdAt" < ${hi}
        ORDER BY "claimId", "createdAt" DESC, "id" DESC
      ) AS "latest" GROUP BY "rating"`,
    // Detection to first verdict, for the claims whose first verdict falls in the period.
    db.$queryRaw<Array<{ seconds: number }>>`
      SELECT EXTRACT(EPOCH FROM ("first"."at" - c."createdAt"))::float8 AS "seconds"
      FROM (SELECT "claimId", min("createdAt") AS "at" FROM "Decision" WHERE "workspaceId" = ${workspaceId} GROUP BY "claimId") AS "first"
      JOIN "Claim" c ON c."id" = "first"."claimId" AND c."workspaceId" = ${workspaceId}
      WHERE "first"."at" >= ${lo} AND "first"."at" < ${hi}`,
    // Ratings per claim, as counts, for the claims with two or more reviews whose latest review
    // was submitted in the period.
    db.$queryRaw<Array<{ claimId: string; rating: string; count: number }>>`
      SELECT r."claimId", r."rating", count(*)::int AS "count" FROM "Review" r
      JOIN (
        SELECT "claimId" FROM "Review" WHERE "workspaceId" = ${workspaceId}
        GROUP BY "claimId" HAVING count(*) >= 2 AND max("createdAt") >= ${lo} AND max("createdAt") < ${hi}
      ) AS "reviewed" ON "reviewed"."claimId" = r."claimId"
      WHERE r."workspaceId" = ${workspaceId}
      GROUP BY r."claimId", r."rating"`,
    db.review.groupBy({ by: ["reviewerId"], where: { workspaceId, createdAt: inPeriod }, _count: { _all: true } }),
    db.source.groupBy({ by: ["addedById"], where: { workspaceId, createdAt: inPeriod }, _count: { _all: true } }),
    db.decision.groupBy({ by: ["approvedById"], where: { workspaceId, createdAt: inPeriod }, _count: { _all: true } }),
    // Everyone who can do the work counted here, so a member with nothing done shows as zero.
    db.membership.findMany({ where: { workspaceId, disabledAt: null, role: { not: "VIEWER" } }, select: { user: { select: { id: true, name: true } } } }),
  ]);

  const statusCount = new Map(statusGroups.map((g) => [g.status, g._count._all]));
  const statuses = CLAIM_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: statusCount.get(status) ?? 0 }));

  const perClaim = new Map<string, Record<string, number>>();
  for (const row of agreementRows) {
    const counts = perClaim.get(row.claimId) ?? {};
    counts[row.rating] = row.count;
    perClaim.set(row.claimId, counts);
  }

  return {
    hasClaims: anyClaim !== null,
    statuses,
    claimsInPeriod: statuses.reduce((sum, s) => sum + s.count, 0),
    verdicts: verdictCounts(scale, verdictRows),
    verdictsInPeriod: verdictRows.reduce((sum, r) => sum + r.count, 0),
    timeToVerdict: summarizeTimeToVerdict(durationRows.map((r) => r.seconds)),
    agreement: summarizeAgreement([...perClaim.values()] as RatingCounts[]),
    work: await memberWork(workspaceId, members.map((m) => m.user), {
      reviews: reviewGroups.map((g) => [g.reviewerId, g._count._all]),
      sources: sourceGroups.map((g) => [g.addedById, g._count._all]),
      verdicts: decisionGroups.map((g) => [g.approvedById, g._count._all]),
    }),
  };
}

/** The desk's active ratings in its order (zeros included), then retired or unknown ones that were used. */
function verdictCounts(scale: readonly Rating[], rows: ReadonlyArray<{ rating: string; count: number }>): VerdictCount[] {
  const counts = new Map(rows.map((r) => [r.rating, r.count]));
  const onScale = scale.filter((r) => !r.retired || counts.has(r.key)).map((r) => ({ rating: r.key, label: r.label, retired: r.retired === true, count: counts.get(r.key) ?? 0 }));
  const known = new Set(scale.map((r) => r.key));
  const unknown = rows.filter((r) => !known.has(r.rating)).map((r) => ({ rating: r.rating, label: r.rating, retired: true, count: r.count }));
  return [...onScale, ...unknown.sort((a, b) => a.label.localeCompare(b.label))];
}

type Tally = ReadonlyArray<[string | null, number]>;

async function memberWork(workspaceId: string, members: ReadonlyArray<{ id: string; name: string }>, tallies: { reviews: Tally; sources: Tally; verdicts: Tally }): Promise<MemberWork[]> {
  const byId = new Map<string, MemberWork>(members.map((m) => [m.id, { userId: m.id, name: m.name, reviews: 0, sources: 0, verdicts: 0 }]));
  const missing = new Set<string>();
  for (const key of ["reviews", "sources", "verdicts"] as const) {
    for (const [userId, count] of tallies[key]) {
      if (!userId) continue; // the work of a deleted account, or of Factdesk itself
      const entry = byId.get(userId) ?? { userId, name: "", reviews: 0, sources: 0, verdicts: 0 };
      if (!byId.has(userId)) missing.add(userId);
      entry[key] = count;
      byId.set(userId, entry);
    }
  }
  if (missing.size > 0) {
    // People who did work here and have since left or been disabled keep their figures.
    const former = await getDb().user.findMany({ where: { id: { in: [...missing] }, memberships: { some: { workspaceId } } }, select: { id: true, name: true } });
    const names = new Map(former.map((u) => [u.id, u.name]));
    for (const id of missing) {
      const entry = byId.get(id);
      if (entry) entry.name = names.get(id) ?? "A former member";
    }
  }
  const total = (w: MemberWork) => w.reviews + w.sources + w.verdicts;
  return [...byId.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
}
