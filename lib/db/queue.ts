import "server-only";
import { parseRatingScale, ratingLabel } from "@/lib/domain/rating-scale";
import { reusedVerdictState } from "@/lib/domain/reuse";
import { CLAIM_STATUSES, type ClaimStatus } from "@/lib/domain/workflow";
import { getDb } from "./client";
import { meetsTwoFactorRequirement } from "./two-factor";

export type QueueItem = {
  claimId: string;
  statement: string;
  status: ClaimStatus;
  assignedAt: Date;
  article: { id: string; title: string };
  workspace: { slug: string; name: string };
};

/**
 * Everything assigned to this person, across articles and the workspaces where they are still an
 * active member (an archived workspace's claims drop out): by workflow status, oldest assignment
 * first within each.
 */
export async function listMyQueue(userId: string): Promise<QueueItem[]> {
  const rows = await getDb().claimAssignee.findMany({
    where: { userId, claim: { workspace: { archivedAt: null, memberships: { some: { userId, disabledAt: null } }, ...meetsTwoFactorRequirement(userId) } } },
    orderBy: { createdAt: "asc" },
    take: 1000,
    select: {
      createdAt: true,
      claim: {
        select: {
          id: true,
          statement: true,
          status: true,
          article: { select: { id: true, title: true } },
          workspace: { select: { slug: true, name: true } },
        },
      },
    },
  });
  const order = (status: ClaimStatus) => CLAIM_STATUSES.indexOf(status);
  return rows
    .map((r) => ({ claimId: r.claim.id, statement: r.claim.statement, status: r.claim.status, assignedAt: r.createdAt, article: r.claim.article, workspace: r.claim.workspace }))
    .sort((a, b) => order(a.status) - order(b.status) || a.assignedAt.getTime() - b.assignedAt.getTime());
}

/** A claim whose newest decision copies an original's verdict that the original no longer stands by. */
export type OutdatedReuseItem = {
  claimId: string;
  statement: string;
  status: ClaimStatus;
  article: { id: string; title: string };
  workspace: { slug: string; name: string };
  /** The verdict the claim shows, and when it was reused. */
  reused: { rating: string; ratingLabel: string; at: Date };
  original: { id: string; articleId: string; statement: string };
  /** What became of the original: reopened (a correction under way), or corrected with a newer verdict. */
  change: { reopened: boolean; latest: { rating: string; ratingLabel: string; at: Date } | null };
  assignees: Array<{ id: string; name: string }>;
};

type OutdatedRow = {
  id: string;
  workspaceId: string;
  statement: string;
  status: ClaimStatus;
  articleId: string;
  articleTitle: string;
  rating: string;
  reusedAt: Date;
  sourceId: string;
  originalId: string;
  originalArticleId: string;
  originalStatement: string;
  originalStatus: string;
  latestId: string | null;
  latestRating: string | null;
  latestAt: Date | null;
};

/**
 * The queue's "Reused verdict out of date" filter: in every workspace where this person is still
 * an active member (as for their own queue), the claims whose newest decision was reused from an
 * original that has since been reopened or corrected, whoever they are assigned to, oldest reuse
 * first. The same rule as the claim panel (`reusedVerdictState`); each workspace's rows only.
 */
export async function listOutdatedReuses(userId: string, options: { limit?: number } = {}): Promise<OutdatedReuseItem[]> {
  const db = getDb();
  const workspaces = await db.workspace.findMany({
    where: { archivedAt: null, memberships: { some: { userId, disabledAt: null } }, ...meetsTwoFactorRequirement(userId) },
    select: { id: true, slug: true, name: true, ratingScale: true },
  });
  if (workspaces.length === 0) return [];
  const ids = workspaces.map((w) => w.id);
  // From the reused decisions (their own index), kept only when newest on their claim and their
  // source is no longer the original's published verdict.
  const rows = await db.$queryRaw<OutdatedRow[]>`
    SELECT c."id", c."workspaceId", c."statement", c."status"::text AS "status", c."articleId", a."title" AS "articleTitle",
      d."rating", d."createdAt" AS "reusedAt", s."id" AS "sourceId",
      o."id" AS "originalId", o."articleId" AS "originalArticleId", o."statement" AS "originalStatement", o."status"::text AS "originalStatus",
      n."id" AS "latestId", n."rating" AS "latestRating", n."createdAt" AS "latestAt"
    FROM "Decision" d
    JOIN "Claim" c ON c."id" = d."claimId" AND c."workspaceId" = d."workspaceId"
    JOIN "Article" a ON a."id" = c."articleId" AND a."workspaceId" = c."workspaceId"
    JOIN "Decision" s ON s."id" = d."reusedFromDecisionId" AND s."workspaceId" = d."workspaceId"
    JOIN "Claim" o ON o."id" = s."claimId" AND o."workspaceId" = s."workspaceId"
    LEFT JOIN LATERAL (
      SELECT x."id", x."rating", x."createdAt" FROM "Decision" x
      WHERE x."workspaceId" = o."workspaceId" AND x."claimId" = o."id" ORDER BY x."createdAt" DESC, x."id" DESC LIMIT 1
    ) n ON true
    WHERE d."workspaceId" = ANY(${ids}::text[]) AND d."reusedFromDecisionId" IS NOT NULL
      AND d."id" = (SELECT y."id" FROM "Decision" y WHERE y."workspaceId" = c."workspaceId" AND y."claimId" = c."id" ORDER BY y."createdAt" DESC, y."id" DESC LIMIT 1)
      AND (o."status" <> 'PUBLISHED' OR n."id" IS DISTINCT FROM s."id")
    ORDER BY d."createdAt" ASC, c."id" ASC
    LIMIT ${options.limit ?? 500}`;
  if (rows.length === 0) return [];
  const assignees = await db.claimAssignee.findMany({
    where: { claimId: { in: rows.map((r) => r.id) }, claim: { workspaceId: { in: ids } } },
    orderBy: { createdAt: "asc" },
    select: { claimId: true, user: { select: { id: true, name: true } } },
  });
  const byWorkspace = new Map(workspaces.map((w) => [w.id, { ...w, scale: parseRatingScale(w.ratingScale) }]));
  const items: OutdatedReuseItem[] = [];
  for (const r of rows) {
    const workspace = byWorkspace.get(r.workspaceId);
    if (!workspace) continue;
    const state = reusedVerdictState({
      id: r.sourceId,
      claim: { status: r.originalStatus, decisions: r.latestId && r.latestRating && r.latestAt ? [{ id: r.latestId, rating: r.latestRating, createdAt: r.latestAt }] : [] },
    });
    if (state.current) continue;
    const label = (key: string) => ratingLabel(workspace.scale, key) ?? key;
    items.push({
      claimId: r.id,
      statement: r.statement,
      status: r.status,
      article: { id: r.articleId, title: r.articleTitle },
      workspace: { slug: workspace.slug, name: workspace.name },
      reused: { rating: r.rating, ratingLabel: label(r.rating), at: r.reusedAt },
      original: { id: r.originalId, articleId: r.originalArticleId, statement: r.originalStatement },
      change: { reopened: state.reopened, latest: state.latest ? { rating: state.latest.rating, ratingLabel: label(state.latest.rating), at: state.latest.createdAt } : null },
      assignees: assignees.filter((a) => a.claimId === r.id).map((a) => a.user),
    });
  }
  return items;
}
