import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import { generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, isReplayedTotp, matchTotp, normaliseRecoveryCode, normaliseTotpInput } from "@/lib/auth/two-factor";
import { secretBox } from "@/lib/crypto/secret-box";
import { getTotpKey } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientOf } from "@/lib/http/request-client";
import {
  TWO_FACTOR_REPLAYED_CODE,
  TWO_FACTOR_REQUIRED,
  TWO_FACTOR_UNREADABLE,
  TWO_FACTOR_WRONG_CODE,
} from "@/lib/validation/two-factor";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";
import { reserveSignInAttempt, settleSignInAttempt } from "./login-throttle";
import { recordSecurityEvent } from "./security-events";

// Two-factor sign-in: a person's authenticator secret (encrypted at rest), their one-time
// recovery codes (hashed), the sign-in check, and a workspace's requirement. The arithmetic is in
// lib/auth/two-factor.ts. Every check-then-write locks the person's TwoFactor row, so two
// sign-ins racing with the same code (or recovery code) cannot both succeed.

const box = secretBox("totp-secret-encryption-v1", getTotpKey);

/** Where a request came from, for the security events. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export type TwoFactorStatus =
  | { state: "off" }
  /** Enrolling: the secret is shown until the person confirms a first code. */
  | { state: "pending"; secret: string }
  | { state: "on"; enabledAt: Date; recoveryCodesLeft: number };

export async function getTwoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const row = await getDb().twoFactor.findUnique({ where: { userId }, select: { secretSealed: true, enabledAt: true } });
  if (!row) return { state: "off" };
  if (row.enabledAt) {
    const recoveryCodesLeft = await getDb().recoveryCode.count({ where: { userId, usedAt: null } });
    return { state: "on", enabledAt: row.enabledAt, recoveryCodesLeft };
  }
  const secret = box.open(row.secretSealed);
  return secret ? { state: "pending", secret } : { state: "off" };
}

export async function hasTwoFactor(userId: string): Promise<boolean> {
  return (await getDb().twoFactor.count({ where: { userId, enabledAt: { not: null } } })) > 0;
}

/** Of these people, those who sign in with a second factor (for an admin's member list). */
export async function usersWithTwoFactor(userIds: string[]): Promise<Set<string>> {
  const rows = await getDb().twoFactor.findMany({ where: { userId: { in: userIds }, enabledAt: { not: null } }, select: { userId: true } });
  return new Set(rows.map((r) => r.userId));
}

type LockedRow = { secretSealed: string; enabledAt: Date | null; lastUsedStep: bigint | null };

async function lockRow(tx: Tx, userId: string): Promise<LockedRow | null> {
  const [row] = await tx.$queryRaw<LockedRow[]>`
    SELECT "secretSealed", "enabledAt", "lastUsedStep" FROM "TwoFactor" WHERE "userId" = ${userId} FOR UPDATE`;
  return row ?? null;
}

const ALREADY_ON = "Two-factor sign-in is already on for your account.";
const codeError = (message: string) => new AppError("INVALID_INPUT", message, { code: [message] });

/** Starts (or starts again) enrolment with a new secret; refused when two-factor sign-in is already on. */
export async function beginTwoFactorEnrolment(userId: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    // The person's row serialises two tabs starting at once (the TwoFactor row may not exist yet).
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    const row = await lockRow(tx, userId);
    if (row?.enabledAt) throw new AppError("CONFLICT", ALREADY_ON);
    const secretSealed = box.seal(generateTotpSecret());
    await tx.twoFactor.upsert({ where: { userId }, create: { userId, secretSealed }, update: { secretSealed, lastUsedStep: null } });
  });
}

/** Abandons an enrolment that was never confirmed. */
export async function cancelTwoFactorEnrolment(userId: string): Promise<void> {
  await getDb().twoFactor.deleteMany({ where: { userId, enabledAt: null } });
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) as string })) });
  return codes;
}

/**
 * Confirms enrolment with the first code the app shows: two-factor sign-in is on from now, and
 * the recovery codes come back, this once (only their hashes are kept).
 */
export async function confirmTwoFactorEnrolment(userId: string, code: string, meta: RequestMeta, now = new Date()): Promise<string[]> {
  const codes = await getDb().$transaction(async (tx) => {
    const row = await lockRow(tx, userId);
    if (!row) throw new AppError("CONFLICT", "Start setting up two-factor sign-in first: the set-up was cancelled or has not begun.");
    if (row.enabledAt) throw new AppError("CONFLICT", ALREADY_ON);
    const secret = box.open(row.secretSealed);
    if (!secret) throw new AppError("CONFLICT", "This set-up can no longer be read on the server. Start again.");
    const step = matchTotp(secret, code, now);
    if (step === null) throw codeError("That code does not match. Check that your phone's clock is right and enter the code the app shows now.");
    await tx.twoFactor.update({ where: { userId }, data: { enabledAt: now, lastUsedStep: BigInt(step) } });
    return replaceRecoveryCodes(tx, userId);
  });
  await recordSecurityEvent({ kind: "totp.enabled", userId, ...meta });
  return codes;
}

export type SecondFactorCheck = { ok: true; method: "totp" | "recovery"; recoveryCodesLeft?: number } | { ok: false; reason: "wrong" | "replayed" | "unreadable" | "off" };

/**
 * Checks a code from the app (six digits) or a recovery code, and uses it up: the app code's
 * step is remembered (the same code, or an older one, is refused from then on), a recovery code
 * is marked used. Under the row lock, so one code cannot sign in twice at once.
 */
export async function spendSecondFactor(userId: string, input: string, now = new Date()): Promise<SecondFactorCheck> {
  return getDb().$transaction(async (tx) => {
    const row = await lockRow(tx, userId);
    if (!row?.enabledAt) return { ok: false, reason: "off" };
    if (normaliseTotpInput(input) !== null) {
      const secret = box.open(row.secretSealed);
      if (!secret) return { ok: false, reason: "unreadable" };
      const after = row.lastUsedStep === null ? null : Number(row.lastUsedStep);
      const step = matchTotp(secret, input, now, after);
      if (step === null) return { ok: false, reason: isReplayedTotp(secret, input, now, after) ? "replayed" : "wrong" };
      await tx.twoFactor.update({ where: { userId }, data: { lastUsedStep: BigInt(step) } });
      return { ok: true, method: "totp" };
    }
    const hash = normaliseRecoveryCode(input) ? hashRecoveryCode(input) : null;
    if (!hash) return { ok: false, reason: "wrong" };
    const used = await tx.recoveryCode.updateMany({ where: { userId, codeHash: hash, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return { ok: false, reason: "wrong" };
    const recoveryCodesLeft = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    return { ok: true, method: "recovery", recoveryCodesLeft };
  });
}

const REFUSAL_TEXT: Record<"wrong" | "replayed" | "unreadable", string> = {
  wrong: TWO_FACTOR_WRONG_CODE,
  replayed: TWO_FACTOR_REPLAYED_CODE,
  unreadable: TWO_FACTOR_UNREADABLE,
};

/**
 * The second step of sign-in, after a right password (lib/auth/options.ts). Nothing to do for a
 * person without two-factor sign-in. Otherwise a missing code throws TWO_FACTOR_REQUIRED (the form
 * then asks for one), a wrong or replayed one throws its message; either way the attempt the
 * sign-in throttle counted before the password check stays counted, so guessing codes is slowed
 * down exactly like guessing passwords.
 */
export async function requireSecondFactor(user: { id: string; email: string }, credentials: Record<string, unknown> | undefined, headers: Record<string, unknown> | undefined): Promise<void> {
  if (!(await hasTwoFactor(user.id))) return;
  const raw = credentials?.code;
  const code = typeof raw === "string" ? raw.trim().slice(0, 100) : "";
  if (!code) throw new Error(TWO_FACTOR_REQUIRED);
  const meta = clientOf({ get: (name) => (typeof headers?.[name] === "string" ? (headers[name] as string) : null) });
  const result = await spendSecondFactor(user.id, code);
  if (!result.ok) {
    await recordSecurityEvent({ kind: "totp.failed", userId: user.id, email: user.email, ...meta, detail: { reason: result.reason } });
    throw new Error(result.reason === "off" ? TWO_FACTOR_WRONG_CODE : REFUSAL_TEXT[result.reason]);
  }
  if (result.method === "recovery") {
    await recordSecurityEvent({ kind: "totp.recovery_used", userId: user.id, email: user.email, ...meta, detail: { left: result.recoveryCodesLeft ?? 0 } });
  }
}

/**
 * Proof for turning two-factor sign-in off or making new recovery codes: the password, or a
 * current code (app or recovery). Counted in the sign-in throttle like a sign-in, so a borrowed
 * session cannot be used to guess the password.
 */
async function requireProof(userId: string, proof: { password: string; code: string }, meta: RequestMeta): Promise<void> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  const address = meta.ip ?? "unknown";
  const { waitSeconds: wait } = await reserveSignInAttempt(user.email, address);
  if (wait > 0) throw new AppError("RATE_LIMITED", `Too many wrong attempts. Try again in ${wait < 60 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`);
  let ok = false;
  if (proof.password) ok = await verifyPassword(user.passwordHash, proof.password);
  if (!ok && proof.code) {
    const result = await spendSecondFactor(userId, proof.code);
    ok = result.ok;
    if (!ok) await recordSecurityEvent({ kind: "totp.failed", userId, email: user.email, ...meta, detail: { reason: result.ok ? "wrong" : result.reason, during: "confirmation" } });
    if (result.ok && result.method === "recovery") await recordSecurityEvent({ kind: "totp.recovery_used", userId, email: user.email, ...meta, detail: { left: result.recoveryCodesLeft ?? 0 } });
  }
  if (!ok) {
    const message = proof.password ? "That password is not right." : TWO_FACTOR_WRONG_CODE;
    throw new AppError("INVALID_INPUT", message, { [proof.password ? "password" : "code"]: [message] });
  }
  await settleSignInAttempt(user.email, address);
}

/** Turns two-factor sign-in off: the secret and every recovery code are deleted. */
export async function disableTwoFactor(userId: string, proof: { password: string; code: string }, meta: RequestMeta): Promise<void> {
  if (!(await hasTwoFactor(userId))) throw new AppError("CONFLICT", "Two-factor sign-in is already off for your account.");
  await requireProof(userId, proof, meta);
  await getDb().$transaction(async (tx) => {
    await lockRow(tx, userId);
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.twoFactor.deleteMany({ where: { userId } });
  });
  await recordSecurityEvent({ kind: "totp.disabled", userId, ...meta });
}

/** New recovery codes, shown this once; the old ones stop working. */
export async function regenerateRecoveryCodes(userId: string, proof: { password: string; code: string }, meta: RequestMeta): Promise<string[]> {
  if (!(await hasTwoFactor(userId))) throw new AppError("CONFLICT", "Turn on two-factor sign-in first.");
  await requireProof(userId, proof, meta);
  const codes = await getDb().$transaction(async (tx) => {
    const row = await lockRow(tx, userId);
    if (!row?.enabledAt) throw new AppError("CONFLICT", "Two-factor sign-in was turned off meanwhile.");
    return replaceRecoveryCodes(tx, userId);
  });
  await recordSecurityEvent({ kind: "totp.recovery_regenerated", userId, ...meta });
  return codes;
}

/**
 * For the command line (an operator, once they know who is asking): turns two-factor sign-in off
 * for the account with this email. Null when there is no such account; false when it was off.
 */
export async function resetTwoFactorByEmail(email: string): Promise<boolean | null> {
  const user = await getDb().user.findFirst({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) return null;
  const removed = await getDb().$transaction(async (tx) => {
    const row = await lockRow(tx, user.id);
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.twoFactor.deleteMany({ where: { userId: user.id } });
    return row?.enabledAt != null;
  });
  if (removed) await recordSecurityEvent({ kind: "totp.disabled", userId: user.id, detail: { by: "command line" } });
  return removed;
}

// A workspace's requirement.

/**
 * For lists that gather a person's things across workspaces (their queue, their inbox): only
 * workspaces whose two-factor requirement this person meets. What a workspace's pages would not
 * show them, those lists do not show either.
 */
export const meetsTwoFactorRequirement = (userId: string): Prisma.WorkspaceWhereInput => ({
  OR: [{ requireTwoFactor: false }, { memberships: { some: { userId, user: { twoFactor: { is: { enabledAt: { not: null } } } } } } }],
});

export const twoFactorRequiredMessage = (workspaceName: string) =>
  `${workspaceName} requires two-factor sign-in. Set it up under Your account › Two-factor sign-in, then try again.`;

/** An admin's switch: members must have two-factor sign-in to work in this workspace. */
export async function setWorkspaceTwoFactorRequired(ctx: Ctx, mayTake: MayTake, required: boolean, meta: RequestMeta = {}): Promise<void> {
  requireMay(mayTake, "two-factor:require");
  const changed = await getDb().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ requireTwoFactor: boolean }>>`
      SELECT "requireTwoFactor" FROM "Workspace" WHERE "id" = ${ctx.workspaceId} FOR NO KEY UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "That workspace was not found.");
    if (row.requireTwoFactor === required) return false;
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: { requireTwoFactor: required } });
    await recordEvent(tx, ctx, { action: "workspace.updated", entityType: "workspace", entityId: ctx.workspaceId, before: { requireTwoFactor: row.requireTwoFactor }, after: { requireTwoFactor: required } });
    return true;
  });
  if (changed) await recordSecurityEvent({ kind: "totp.requirement_changed", userId: ctx.userId, workspaceId: ctx.workspaceId, ...meta, detail: { required } });
}
