import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { requireAllowedPassword } from "@/lib/auth/password-policy";
import { AppError } from "@/lib/errors";
import { getDb } from "./client";
import { endUserSessions } from "./sessions";

/**
 * A person changes their own password: the current one must be right, the new one must meet the
 * policy and differ from it. Every session of theirs ends with the change, the one that made it
 * included (its browser is given a new one, so a copy of its old cookie is worth nothing too).
 * Returns how many sessions ended.
 */
export async function changeOwnPassword(userId: string, input: { currentPassword: string; newPassword: string }): Promise<{ endedSessions: number }> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("INVALID_INPUT", "Check the highlighted fields.", { currentPassword: ["That is not your current password."] });
  }
  await requireAllowedPassword(input.newPassword, "newPassword", { email: user.email });
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw new AppError("INVALID_INPUT", "Check the highlighted fields.", { newPassword: ["That is your current password. Choose a new one."] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return getDb().$transaction(async (tx) => {
    // Written only over the hash that was checked: a change made meanwhile (another browser, a
    // reset) is not silently overwritten.
    const { count } = await tx.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (count === 0) throw new AppError("CONFLICT", "Your password was changed somewhere else a moment ago. Reload the page and try again.");
    return { endedSessions: await endUserSessions(userId, "password-changed", { tx }) };
  });
}
