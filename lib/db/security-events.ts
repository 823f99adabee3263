import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./client";

/** What can happen; the admin's Security page words each kind (components/settings/security-text.ts). */
export type SecurityEventKind =
  | "signin.failed"
  | "signin.throttled"
  | "signin.succeeded"
  | "session.ended"
  | "sessions.revoked"
  | "password.changed"
  | "password.reset"
  | "totp.enabled"
  | "totp.disabled"
  | "totp.recovery_used"
  | "totp.failed"
  | "totp.recovery_regenerated"
  | "totp.requirement_changed"
  | "action.refused"
  | "rate.limited"
  | "token.used"
  | "token.created"
  | "token.revoked";

export type SecurityEventInput = {
  kind: SecurityEventKind;
  userId?: string | null;
  workspaceId?: string | null;
  email?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: Prisma.InputJsonValue | null;
};

/**
 * Records one security event in its own statement, outside any request transaction (a refused
 * request rolls back everything else). Recording never fails the request it describes: a write
 * error is logged and swallowed.
 */
export async function recordSecurityEvent(event: SecurityEventInput): Promise<void> {
  try {
    await getDb().securityEvent.create({
      data: {
        kind: event.kind,
        userId: event.userId ?? null,
        workspaceId: event.workspaceId ?? null,
        email: event.email ? event.email.slice(0, 320) : null,
        ip: event.ip ?? null,
        userAgent: event.userAgent ?? null,
        detail: event.detail ?? undefined,
      },
    });
  } catch (error) {
    console.error("Could not record a security event", event.kind, error);
  }
}
