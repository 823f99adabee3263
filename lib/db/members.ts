import "server-only";
import { requireMay, type MayTake, type Role } from "@/lib/auth/policy";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { AppError } from "@/lib/errors";
import { recordEvent, type Ctx, type SystemCtx } from "./audit";
import { getDb, type Tx } from "./client";
import { recordSecurityEvent } from "./security-events";
import { endUserSessions } from "./sessions";


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
 * A new user needs a password hash. A disabled account stays disabled (re-enabling is its own
 * explicit step) and so does a disabled membership; the result says so.
 */
export async function upsertMember(input: UpsertMemberInput): Promise<{ userId: string; createdUser: boolean; accountDisabled: boolean; membershipDisabled: boolean }> {
  const email = input.email.trim().toLowerCase();
  let endedSessions: number | null = null;
  const result = await getDb().$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { email }, select: { id: true, disabledAt: true } });
    if (!existing && !input.passwordHash) throw new Error(`A new user (${email}) needs a password.`);
    const user = existing
      ? input.passwordHash
        ? await tx.user.update({ where: { id: existing.id }, data: { passwordHash: input.passwordHash }, select: { id: true } }).then(async (row) => {
            // A new password set for someone (user:add --password) ends every session they have.
            endedSessions = await endUserSessions(row.id, "password-reset", { tx });
            return row;
          })
        : existing
      : await tx.user.create({ data: { email, name: input.name, passwordHash: input.passwordHash ?? "" }, select: { id: true } });
    const before = await tx.membership.findFirst({ where: { workspaceId: input.workspaceId, userId: user.id }, select: { role: true, disabledAt: true } });
    // The command line obeys the same safeguard as the admin screen: never demote the last admin.
    if (before) await lockMemberForChange(tx, input.workspaceId, user.id, input.actorId, (role) => (role === "ADMIN" && input.role !== "ADMIN" ? "demote" : null));
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
    return { userId: user.id, createdUser: !existing, accountDisabled: existing?.disabledAt != null, membershipDisabled: before?.disabledAt != null };
  });
  if (endedSessions !== null) await recordSecurityEvent({ kind: "password.reset", userId: result.userId, email, detail: { by: "command line", endedSessions } });
  return result;
}

type Change = "demote" | "disable" | "remove";

const LAST_ADMIN: Record<Change, { self: string; other: string }> = {
  demote: { self: "You are the last active admin of this workspace: make someone else an admin before you change your role.", other: "This is the workspace's last active admin: make someone else an admin first." },
  disable: { self: "You are the last active admin of this workspace: make someone else an admin before you disable yourself.", other: "This is the workspace's last active admin: make someone else an admin before disabling them." },
  remove: { self: "You are the last active admin of this workspace: make someone else an admin before you leave.", other: "This is the workspace's last active admin: make someone else an admin before removing them." },
};

/**
 * Loads a member for a change under the workspace row's lock, and refuses one that would leave
 * the workspace without an active admin. The lock makes two admins demoting each other at once
 * run one after the other: the second sees the first's change and is refused.
 */
async function lockMemberForChange(tx: Tx, workspaceId: string, userId: string, actorId: string | null, changeFor: (role: Role) => Change | null) {
  await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${workspaceId} FOR NO KEY UPDATE`;
  const member = await tx.membership.findFirst({
    where: { workspaceId, userId },
    select: { role: true, disabledAt: true, user: { select: { name: true, email: true, disabledAt: true } } },
  });
  if (!member) throw new AppError("NOT_FOUND", "That person is not a member of this workspace.");
  const activeAdmin = member.role === "ADMIN" && member.disabledAt === null && member.user.disabledAt === null;
  const change = changeFor(member.role);
  if (change && activeAdmin) {
    const others = await tx.membership.count({ where: { workspaceId, role: "ADMIN", disabledAt: null, userId: { not: userId }, user: { disabledAt: null } } });
    if (others === 0) throw new AppError("CONFLICT", LAST_ADMIN[change][userId === actorId ? "self" : "other"]);
  }
  return member;
}

const requireManage = (mayTake: MayTake) => requireMay(mayTake, "member:manage");

export type MemberRow = { userId: string; name: string; email: string; role: Role; disabled: boolean; accountDisabled: boolean; joinedAt: Date };

/** Everyone in the workspace, disabled members included, by name. */
export async function listMembers(workspaceId: string): Promise<MemberRow[]> {
  const rows = await getDb().membership.findMany({
    where: { workspaceId },
    orderBy: [{ user: { name: "asc" } }, { createdAt: "asc" }],
    select: { role: true, disabledAt: true, createdAt: true, user: { select: { id: true, name: true, email: true, disabledAt: true } } },
  });
  return rows.map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role, disabled: r.disabledAt !== null, accountDisabled: r.user.disabledAt !== null, joinedAt: r.createdAt }));
}

export async function changeMemberRole(ctx: Ctx, mayTake: MayTake, input: { userId: string; role: Role }): Promise<void> {
  requireManage(mayTake);
  await getDb().$transaction(async (tx) => {
    const member = await lockMemberForChange(tx, ctx.workspaceId, input.userId, ctx.userId, (role) => (role === "ADMIN" && input.role !== "ADMIN" ? "demote" : null));
    if (member.role === input.role) return;
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: input.userId } }, data: { role: input.role } });
    await recordEvent(tx, ctx, { action: "member.updated", entityType: "member", entityId: input.userId, before: { role: member.role }, after: { role: input.role } });
  });
}

/** Disables a member in this workspace (they are refused from their next request on), or re-enables them. */
export async function setMemberDisabled(ctx: Ctx, mayTake: MayTake, input: { userId: string; disabled: boolean }): Promise<void> {
  requireManage(mayTake);
  await getDb().$transaction(async (tx) => {
    const member = await lockMemberForChange(tx, ctx.workspaceId, input.userId, ctx.userId, () => (input.disabled ? "disable" : null));
    if ((member.disabledAt !== null) === input.disabled) return;
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: input.userId } }, data: { disabledAt: input.disabled ? new Date() : null } });
    await recordEvent(tx, ctx, {
      action: input.disabled ? "member.disabled" : "member.enabled",
      entityType: "member",
      entityId: input.userId,
      before: { status: input.disabled ? "active" : "disabled" },
      after: { status: input.disabled ? "disabled" : "active" },
    });
  });
}

/** Removes a member through the admin screen: the membership goes, the account and its history stay. */
export async function removeMemberAsAdmin(ctx: Ctx, mayTake: MayTake, input: { userId: string }): Promise<void> {
  requireManage(mayTake);
  const removed = await removeMembership(ctx, input.userId);
  if (!removed) throw new AppError("NOT_FOUND", "That person is not a member of this workspace.");
}

/** Removes a membership (the user row is never deleted); false when there was none. */
async function removeMembership(ctx: Ctx | SystemCtx, userId: string): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const exists = await tx.membership.findFirst({ where: { workspaceId: ctx.workspaceId, userId }, select: { id: true } });
    if (!exists) return false;
    const member = await lockMemberForChange(tx, ctx.workspaceId, userId, ctx.userId, () => "remove").catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") return null; // removed by someone else meanwhile
      throw error;
    });
    if (!member) return false;
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } } });
    await recordEvent(tx, ctx, { action: "member.removed", entityType: "member", entityId: userId, before: { role: member.role, name: member.user.name, email: member.user.email } });
    return true;
  });
}

/** For the command line and tests: removes a membership if there is one, refusing the last admin. */
export async function removeMember(workspaceId: string, userId: string, actorId: string | null): Promise<boolean> {
  return removeMembership({ workspaceId, userId: actorId, origin: actorId ? "WEB" : "SYSTEM" }, userId);
}

// Account-level operations for the command line. An account is never deleted; disabling it
// signs the person out everywhere at their next request. Each workspace they belong to
// records the change, so its admins see it in their audit log.

export type AccountRow = { id: string; email: string; name: string; disabled: boolean; memberships: Array<{ slug: string; role: Role; disabled: boolean }> };

export async function listAccounts(workspaceSlug?: string): Promise<AccountRow[]> {
  const rows = await getDb().user.findMany({
    where: workspaceSlug ? { memberships: { some: { workspace: { slug: workspaceSlug } } } } : {},
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      memberships: { where: workspaceSlug ? { workspace: { slug: workspaceSlug } } : {}, orderBy: { workspace: { slug: "asc" } }, select: { role: true, disabledAt: true, workspace: { select: { slug: true } } } },
    },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    disabled: u.disabledAt !== null,
    memberships: u.memberships.map((m) => ({ slug: m.workspace.slug, role: m.role, disabled: m.disabledAt !== null })),
  }));
}

async function workspaceIdsOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { userId }, select: { workspaceId: true } });
  return rows.map((r) => r.workspaceId);
}

/** Disables or re-enables an account; null when no account has this email, else whether it changed. */
export async function setAccountDisabled(email: string, disabled: boolean): Promise<{ changed: boolean } | null> {
  return getDb().$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<Array<{ id: string; disabledAt: Date | null }>>`SELECT "id", "disabledAt" FROM "User" WHERE "email" = ${email.trim().toLowerCase()} FOR UPDATE`;
    if (!user) return null;
    if ((user.disabledAt !== null) === disabled) return { changed: false };
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
    for (const workspaceId of await workspaceIdsOf(tx, user.id)) {
      await recordEvent(tx, { workspaceId, userId: null, origin: "SYSTEM" }, {
        action: disabled ? "member.disabled" : "member.enabled",
        entityType: "user",
        entityId: user.id,
        before: { account: disabled ? "active" : "disabled" },
        after: { account: disabled ? "disabled" : "active" },
      });
    }
    return { changed: true };
  });
}

/** Replaces an account's password; false when no account has this email. */
export async function resetAccountPassword(email: string, passwordHash: string): Promise<boolean> {
  const reset = await getDb().$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
    if (!user) return null;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // Whoever knew the old password may be signed in with it: every session ends.
    const endedSessions = await endUserSessions(user.id, "password-reset", { tx });
    for (const workspaceId of await workspaceIdsOf(tx, user.id)) {
      await recordEvent(tx, { workspaceId, userId: null, origin: "SYSTEM" }, { action: "user.password_reset", entityType: "user", entityId: user.id });
    }
    return { user, endedSessions };
  });
  if (!reset) return false;
  await recordSecurityEvent({ kind: "password.reset", userId: reset.user.id, email: reset.user.email, detail: { by: "command line", endedSessions: reset.endedSessions } });
  return true;
}
