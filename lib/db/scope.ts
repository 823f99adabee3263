import "server-only";
import { getDb } from "./client";

/** The kinds of thing a request can name by id; each knows its workspace. */
export const SCOPED_KINDS = ["article", "claim", "source", "review", "decision", "comment"] as const;
export type ScopedKind = (typeof SCOPED_KINDS)[number];

/**
 * The slug of the workspace that holds this thing, if the user is an active member there; null
 * otherwise, so that outsiders cannot tell "not yours" from "does not exist".
 */
export async function findWorkspaceSlugOf(kind: ScopedKind, id: string, userId: string): Promise<string | null> {
  const db = getDb();
  const where = { id, workspace: { memberships: { some: { userId, disabledAt: null } } } };
  const select = { workspace: { select: { slug: true } } } as const;
  const row =
    kind === "article" ? await db.article.findFirst({ where, select })
    : kind === "claim" ? await db.claim.findFirst({ where, select })
    : kind === "source" ? await db.source.findFirst({ where, select })
    : kind === "review" ? await db.review.findFirst({ where, select })
    : kind === "decision" ? await db.decision.findFirst({ where, select })
    : await db.comment.findFirst({ where, select });
  return row?.workspace.slug ?? null;
}
