import "server-only";
import type { Role } from "@/lib/auth/policy";
import { parseRatingScale, type Rating } from "@/lib/domain/rating-scale";
import { getDb } from "./client";

export type WorkspaceMembership = {
  workspace: { id: string; slug: string; name: string; ratingScale: Rating[]; minSourcesToPublish: number };
  role: Role;
};

/** The caller's membership in the workspace with this slug, read fresh on every request. */
export async function getMembership(slug: string, userId: string): Promise<WorkspaceMembership | null> {
  const membership = await getDb().membership.findFirst({
    where: { userId, workspace: { slug } },
    select: {
      role: true,
      workspace: { select: { id: true, slug: true, name: true, ratingScale: true, minSourcesToPublish: true } },
    },
  });
  if (!membership) return null;
  return {
    role: membership.role,
    workspace: { ...membership.workspace, ratingScale: parseRatingScale(membership.workspace.ratingScale) },
  };
}

export async function listWorkspacesForUser(userId: string) {
  const rows = await getDb().membership.findMany({
    where: { userId },
    orderBy: { workspace: { name: "asc" } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}
