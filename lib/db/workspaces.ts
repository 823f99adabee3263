import "server-only";
import type { Role } from "@/lib/auth/policy";
import { parseRatingScale, type Rating } from "@/lib/domain/rating-scale";
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

export async function listWorkspacesForUser(userId: string) {
  const rows = await getDb().membership.findMany({
    where: { userId, disabledAt: null },
    orderBy: { workspace: { name: "asc" } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}
