import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { requireMay, type MayTake, type Role } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";

// Invitation links: the token is shown once to the admin who made it and only its SHA-256 is
// stored, so the table alone lets nobody join. A link works once, for seven days, until revoked.


export const INVITATION_DAYS = 7;
export const INVALID_INVITATION = "This invitation link is no longer valid — ask an admin for a new one.";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const requireManage = (mayTake: MayTake) => {
  requireMay(mayTake, "member:manage");
};

export async function createInvitation(ctx: Ctx, mayTake: MayTake, input: { role: Role; email?: string }): Promise<{ id: string; token: string; expiresAt: Date }> {
  requireManage(mayTake);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  return getDb().$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: { workspaceId: ctx.workspaceId, tokenHash: hashToken(token), role: input.role, email: input.email ?? null, createdById: ctx.userId, expiresAt },
      select: { id: true },
    });
    await recordEvent(tx, ctx, { action: "invitation.created", entityType: "invitation", entityId: invitation.id, after: { role: input.role, email: input.email ?? null, expiresAt: expiresAt.toISOString() } });
    return { id: invitation.id, token, expiresAt };
  });
}

/** Links not yet used, revoked or expired, newest first. */
export async function listPendingInvitations(workspaceId: string) {
  const rows = await getDb().invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, email: true, createdById: true, createdAt: true, expiresAt: true },
  });
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const creators = await getDb().user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } });
  const names = new Map(creators.map((u) => [u.id, u.name]));
  return rows.map(({ createdById, ...r }) => ({ ...r, createdBy: createdById ? (names.get(createdById) ?? null) : null }));
}

export async function revokeInvitation(ctx: Ctx, mayTake: MayTake, invitationId: string): Promise<void> {
  requireManage(mayTake);
  await getDb().$transaction(async (tx) => {
    const [revoked] = await tx.$queryRaw<Array<{ role: Role; email: string | null }>>`
      UPDATE "Invitation" SET "revokedAt" = now()
      WHERE "id" = ${invitationId} AND "workspaceId" = ${ctx.workspaceId} AND "acceptedAt" IS NULL AND "revokedAt" IS NULL
      RETURNING "role"::text AS "role", "email"`;
    if (!revoked) throw new AppError("NOT_FOUND", "That invitation was already used or revoked.");
    await recordEvent(tx, ctx, { action: "invitation.revoked", entityType: "invitation", entityId: invitationId, before: { role: revoked.role, email: revoked.email } });
  });
}

/** What the invite page shows: the workspace and role of a usable link, or null. */
export async function findInvitation(token: string): Promise<{ workspaceName: string; workspaceSlug: string; role: Role } | null> {
  const invitation = await getDb().invitation.findFirst({
    where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, workspace: { archivedAt: null } },
    select: { role: true, workspace: { select: { name: true, slug: true } } },
  });
  return invitation ? { workspaceName: invitation.workspace.name, workspaceSlug: invitation.workspace.slug, role: invitation.role } : null;
}

/**
 * Uses the link, in one statement that only one caller can win: of two simultaneous accepts,
 * the second finds it already used. The caller's transaction rolls it back on any refusal.
 */
async function consumeInvitation(tx: Tx, token: string) {
  const [invitation] = await tx.$queryRaw<Array<{ id: string; workspaceId: string; role: Role; slug: string }>>`
    UPDATE "Invitation" AS i SET "acceptedAt" = now()
    FROM "Workspace" AS w
    WHERE i."tokenHash" = ${hashToken(token)} AND w."id" = i."workspaceId" AND w."archivedAt" IS NULL
      AND i."acceptedAt" IS NULL AND i."revokedAt" IS NULL AND i."expiresAt" > now()
    RETURNING i."id", i."workspaceId", i."role"::text AS "role", w."slug"`;
  if (!invitation) throw new AppError("NOT_FOUND", INVALID_INVITATION);
  return invitation;
}

type Consumed = Awaited<ReturnType<typeof consumeInvitation>>;

async function join(tx: Tx, invitation: Consumed, user: { id: string; email: string }): Promise<{ workspaceSlug: string; role: Role }> {
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
  const existing = await tx.membership.findFirst({ where: { workspaceId: invitation.workspaceId, userId: user.id }, select: { disabledAt: true } });
  if (existing?.disabledAt) throw new AppError("FORBIDDEN", "An admin disabled your membership of this workspace; an invitation cannot re-enable it. Ask them to enable you again.");
  if (existing) throw new AppError("CONFLICT", "You are already a member of this workspace.");
  await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role } });
  const ctx: Ctx = { workspaceId: invitation.workspaceId, userId: user.id, origin: "WEB" };
  await recordEvent(tx, ctx, { action: "invitation.accepted", entityType: "invitation", entityId: invitation.id, after: { role: invitation.role } });
  await recordEvent(tx, ctx, { action: "member.added", entityType: "member", entityId: user.id, after: { email: user.email, role: invitation.role } });
  return { workspaceSlug: invitation.slug, role: invitation.role };
}

/** A signed-in person joins with the invited role. A disabled account is refused, never re-enabled. */
export async function acceptInvitation(token: string, userId: string): Promise<{ workspaceSlug: string; role: Role }> {
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId }, select: { id: true, email: true, disabledAt: true } });
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    if (user.disabledAt) throw new AppError("FORBIDDEN", "This account is disabled. Ask your administrator to enable it; an invitation cannot.");
    return join(tx, await consumeInvitation(tx, token), user);
  });
}

/**
 * Someone without an account creates one and joins. An email that already has an account is
 * refused at the field: its owner signs in first, then opens the link again.
 */
export async function acceptInvitationAsNewUser(token: string, input: { name: string; email: string; passwordHash: string }): Promise<{ workspaceSlug: string; role: Role }> {
  const email = input.email.trim().toLowerCase();
  const taken = () => new AppError("INVALID_INPUT", "An account with this email already exists: sign in first, then open this link again.", { email: ["An account with this email already exists: sign in first, then open this link again."] });
  try {
    return await getDb().$transaction(async (tx) => {
      // The link first: without a valid one, nobody learns whether an email has an account.
      const invitation = await consumeInvitation(tx, token);
      if (await tx.user.findFirst({ where: { email }, select: { id: true } })) throw taken();
      const user = await tx.user.create({ data: { email, name: input.name, passwordHash: input.passwordHash }, select: { id: true, email: true } });
      return join(tx, invitation, user);
    });
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002") throw taken();
    throw error;
  }
}
