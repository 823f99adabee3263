import { randomBytes } from "node:crypto";
import { can, type Action, type Role } from "@/lib/auth/policy";
import { importArticle } from "@/lib/db/articles";
import { getDb } from "@/lib/db/client";
import { saveReview } from "@/lib/db/reviews";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { saveReviewSchema } from "@/lib/validation/review";
import { ensureWorkspace, upsertMember } from "@/lib/db/members";
import { importArticleSchema } from "@/lib/validation/article";

// Integration tests share one database; each builds its own workspace with unique names, so
// tests never see each other's rows.

export const SAMPLE_BODY = [
  "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
  "The U.S. Census Bureau reported that 41 million people lived in poverty last year.",
  "I think we can do better.",
].join("\n");

const unique = () => randomBytes(4).toString("hex");

export async function createTestWorkspace() {
  const suffix = unique();
  const workspace = await ensureWorkspace(`ws-${suffix}`, `Workspace ${suffix}`);
  const ids = {} as Record<Lowercase<Role>, string>;
  for (const role of ["ADMIN", "EDITOR", "REVIEWER", "VIEWER"] as const) {
    const { userId } = await upsertMember({
      workspaceId: workspace.id,
      email: `${role.toLowerCase()}-${suffix}@factdesk.test`,
      name: `${role.toLowerCase()} ${suffix}`,
      role,
      passwordHash: "not-a-real-hash",
      actorId: null,
    });
    ids[role.toLowerCase() as Lowercase<Role>] = userId;
  }
  return { id: workspace.id, slug: `ws-${suffix}`, users: ids };
}

export type TestWorkspace = Awaited<ReturnType<typeof createTestWorkspace>>;

/** A workspace to act in and another to prove that nothing crosses between them. */
export async function createWorkspacePair(): Promise<[TestWorkspace, TestWorkspace]> {
  return [await createTestWorkspace(), await createTestWorkspace()];
}

export async function createTestArticle(workspaceId: string, userId: string | null, body = SAMPLE_BODY) {
  const input = importArticleSchema.parse({ title: `Article ${unique()}`, outlet: "Test Wire", body });
  return importArticle({ workspaceId, userId }, input);
}

/** The context a lib/db write gets when this member acts through the web UI. */
export const actingAs = (workspace: TestWorkspace, role: Lowercase<Role>) => ({ workspaceId: workspace.id, userId: workspace.users[role], origin: "WEB" as const });

/** The policy's answer for one role, as lib/db's workflow functions take it. */
export const mayAs = (role: Role) => (action: Action) => can({ userId: "policy-probe", role }, action);

/**
 * Brings a claim to where an editor who did not review it may publish under the default rules:
 * the workspace's reviewer has reviewed it (so it is in review). Returns its version now.
 */
export async function reviewedByReviewer(workspace: TestWorkspace, claimId: string, rating = "mostly-true"): Promise<number> {
  await saveReview(actingAs(workspace, "reviewer"), DEFAULT_RATING_SCALE, saveReviewSchema.parse({ claimId, rating, rationale: "Checked against the primary data.", confidence: "2", version: "" }));
  const claim = await getDb().claim.findFirstOrThrow({ where: { id: claimId, workspaceId: workspace.id }, select: { version: true } });
  return claim.version;
}

/** A dismissal as an editor makes it, with its reason. */
export const dismissal = (claim: { id: string; version: number }) => ({ claimId: claim.id, status: "DISMISSED" as const, version: claim.version, reason: "Opinion, not a checkable claim." });
