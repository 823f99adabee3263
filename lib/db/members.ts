import "server-only";
import type { Role } from "@/lib/auth/policy";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { recordEvent } from "./audit";
import { getDb } from "./client";

/** Creates the workspace when it does not exist yet; returns its id. */
export async function ensureWorkspace(slug: string, name: string): Promise<{ id: string; created: boolean }> {
  const existing = await getDb().workspace.findFirst({ where: { slug }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const created = await getDb().workspace.create({
    data: { slug, name, ratingScale: [...DEFAULT_RATING_SCALE] },
    select: { id: true },
  });
  return { id: created.id, created: true };
}

type UpsertMemberInput = {
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  /** A new password hash; omitted, an existing user keeps their password. */
  passwordHash?: string;
  /** Who made the change; null for the command line and the seed. */
  actorId: string | null;
};

/**
 * Creates or updates a user and their membership in one workspace, with its audit event.
 * A new user needs a password hash. Re-enables a disabled account.
 */
export async function upsertMember(input: UpsertMemberInput): Promise<{ userId: string; createdUser: boolean }> {
  const email = input.email.trim().toLowerCase();
  return getDb().$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { email }, select: { id: true } });
    if (!existing && !input.passwordHash) throw new Error(`A new user (${email}) needs a password.`);
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { disabledAt: null, ...(input.passwordHash ? { passwordHash: input.passwordHash } : {}) },
          select: { id: true },
        })
      : await tx.user.create({ data: { email, name: input.name, passwordHash: input.passwordHash ?? "" }, select: { id: true } });
    const before = await tx.membership.findFirst({ where: { workspaceId: input.workspaceId, userId: user.id }, select: { role: true } });
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: user.id } },
      create: { workspaceId: input.workspaceId, userId: user.id, role: input.role },
      update: { role: input.role },
    });
    await recordEvent(tx, { workspaceId: input.workspaceId, userId: input.actorId }, {
      action: before ? "member.updated" : "member.added",
      entityType: "member",
      entityId: user.id,
      before: before ? { role: before.role } : null,
      after: { email, role: input.role },
    });
    return { userId: user.id, createdUser: !existing };
  });
}

export async function removeMember(workspaceId: string, userId: string, actorId: string | null): Promise<void> {
  await getDb().$transaction(async (tx) => {
    // One statement finds and removes it: of simultaneous removals, one records the event.
    const [membership] = await tx.$queryRaw<Array<{ role: Role }>>`DELETE FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND "userId" = ${userId} RETURNING "role"::text AS "role"`;
    if (!membership) return;
    await recordEvent(tx, { workspaceId, userId: actorId }, {
      action: "member.removed",
      entityType: "member",
      entityId: userId,
      before: { role: membership.role },
    });
  });
}
