import "server-only";
import type { Role } from "@/lib/auth/policy";
import { parseRatingScale, type Rating } from "@/lib/domain/rating-scale";
import { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./client";

export type WorkspaceMembership = {
  workspace: {
    id: string;
    slug: string;
    name: string;
    ratingScale: Rating[];
    minSourcesToPublish: number;
    minReviewsToPublish: number;
    fourEyes: boolean;
    highlightThreshold: number;
    archivedAt: Date | null;
    requireTwoFactor: boolean;
  };
  role: Role;
};

const WORKSPACE_FIELDS = {
  id: true,
  slug: true,
  name: true,
  ratingScale: true,
  minSourcesToPublish: true,
  minReviewsToPublish: true,
  fourEyes: true,
  highlightThreshold: true,
  archivedAt: true,
  requireTwoFactor: true,
} as const;

/**
 * The caller's membership in the workspace with this slug, read fresh on every request: a member
 * an admin disabled is refused from their next request on.
 */
export async function getMembership(slug: string, userId: string): Promise<WorkspaceMembership | null> {
  const membership = await getDb().membership.findFirst({
    where: { userId, disabledAt: null, workspace: { slug } },
    select: { role: true, workspace: { select: WORKSPACE_FIELDS } },
  });
  if (!membership) return null;
  return {
    role: membership.role,
    workspace: { ...membership.workspace, ratingScale: parseRatingScale(membership.workspace.ratingScale) },
  };
}

/** What every signed-in page reads about its person besides the account (lib/auth/guards.ts). */
export type PageMemberships = { memberships: WorkspaceMembership[]; hasTwoFactor: boolean; unread: number };

/** A membership row as `PAGE_MEMBERSHIP_COLUMNS` selects it (null workspace fields: no membership, in a left join). */
export type PageMembershipRow = Omit<WorkspaceMembership["workspace"], "ratingScale" | "id"> & { id: string | null; ratingScale: unknown; role: Role; unread: number; hasTwoFactor: boolean };

/**
 * The columns of one membership of `userId` (as m) with its workspace (as w): the workspace's
 * rules, the person's unread inbox lines there and whether they sign in with a second factor.
 */
export const pageMembershipColumns = (userId: string) => Prisma.sql`
  m."role"::text AS "role", w."id", w."slug", w."name", w."ratingScale", w."minSourcesToPublish", w."minReviewsToPublish",
  w."fourEyes", w."highlightThreshold", w."archivedAt", w."requireTwoFactor",
  (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = ${userId} AND n."workspaceId" = w."id" AND n."readAt" IS NULL) AS "unread",
  EXISTS (SELECT 1 FROM "TwoFactor" t WHERE t."userId" = ${userId} AND t."enabledAt" IS NOT NULL) AS "hasTwoFactor"`;

/**
 * The memberships, the two-factor flag and the unread count, by the inbox's rule (lib/db/inbox.ts
 * countUnread: active memberships of workspaces that are not archived and whose two-factor
 * requirement the person meets). Rows without a workspace (a left join's) are left out.
 */
export function pageMembershipsFromRows(rows: PageMembershipRow[]): PageMemberships {
  // The same for every row; with no membership there is nothing it would open.
  const hasTwoFactor = rows[0]?.hasTwoFactor ?? false;
  const memberships: WorkspaceMembership[] = [];
  let unread = 0;
  for (const row of rows) {
    if (row.id === null) continue;
    const { id, slug, name, minSourcesToPublish, minReviewsToPublish, fourEyes, highlightThreshold, archivedAt, requireTwoFactor } = row;
    memberships.push({ role: row.role, workspace: { id, slug, name, ratingScale: parseRatingScale(row.ratingScale), minSourcesToPublish, minReviewsToPublish, fourEyes, highlightThreshold, archivedAt, requireTwoFactor } });
    if (archivedAt === null && (!requireTwoFactor || hasTwoFactor)) unread += row.unread;
  }
  return { memberships, hasTwoFactor, unread };
}

/**
 * A person's memberships with the workspaces in one statement (the query builder sends one for
 * the memberships and one for their workspaces), with their two-factor flag and unread count.
 * Pages read these with the session (lib/db/users.ts getActiveUserForPage).
 */
export async function readMembershipsForPage(userId: string): Promise<PageMemberships> {
  const rows = await getDb().$queryRaw<PageMembershipRow[]>`
    SELECT ${pageMembershipColumns(userId)}
    FROM "Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId"
    WHERE m."userId" = ${userId} AND m."disabledAt" IS NULL
    ORDER BY w."name" ASC, w."id" ASC`;
  return pageMembershipsFromRows(rows);
}

/** The workspaces someone works in; archived ones stay reachable by address but leave the list. */
export async function listWorkspacesForUser(userId: string) {
  const rows = await getDb().membership.findMany({
    where: { userId, disabledAt: null, workspace: { archivedAt: null } },
    orderBy: { workspace: { name: "asc" } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}

/** Active members who can take on a claim (reviewers, editors, admins), by name. */
export async function listAssignableMembers(workspaceId: string): Promise<Array<{ id: string; name: string; role: Role }>> {
  const rows = await getDb().membership.findMany({
    where: { workspaceId, disabledAt: null, role: { not: "VIEWER" }, user: { disabledAt: null } },
    orderBy: { user: { name: "asc" } },
    select: { role: true, user: { select: { id: true, name: true } } },
  });
  return rows.map((r) => ({ id: r.user.id, name: r.user.name, role: r.role }));
}

/** Archived workspaces this person administers: the way back to restoring one. */
export async function listArchivedWorkspacesAdministeredBy(userId: string) {
  const rows = await getDb().membership.findMany({
    where: { userId, role: "ADMIN", disabledAt: null, workspace: { archivedAt: { not: null } } },
    orderBy: { workspace: { name: "asc" } },
    select: { workspace: { select: { slug: true, name: true } } },
  });
  return rows.map((r) => r.workspace);
}
