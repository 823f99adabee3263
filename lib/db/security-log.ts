import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./client";

// The admins' view of security events: what happened in a workspace (refused actions), and what
// happened to the accounts of its current members outside any workspace (sign-ins, passwords,
// two-factor, tokens, rate limits). An event another workspace recorded stays that workspace's,
// even about a person who is a member of both.

export const SECURITY_PAGE_SIZE = 50;

export type SecurityFilter = {
  kind?: string;
  userId?: string;
  /** Cursor: events with a smaller id than this one. */
  before?: bigint;
};

export type SecurityRow = {
  id: string;
  kind: string;
  createdAt: Date;
  person: { id: string; name: string; email: string } | null;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: unknown;
};

/** The events an admin of this workspace may see. */
export function securityScope(workspaceId: string): Prisma.SecurityEventWhereInput {
  return { OR: [{ workspaceId }, { workspaceId: null, user: { memberships: { some: { workspaceId } } } }] };
}

export async function listSecurityEvents(workspaceId: string, filter: SecurityFilter, pageSize = SECURITY_PAGE_SIZE): Promise<{ rows: SecurityRow[]; nextCursor: string | null }> {
  const events = await getDb().securityEvent.findMany({
    where: {
      AND: [
        securityScope(workspaceId),
        filter.kind ? { kind: filter.kind } : {},
        filter.userId ? { userId: filter.userId } : {},
        filter.before !== undefined ? { id: { lt: filter.before } } : {},
      ],
    },
    orderBy: { id: "desc" },
    take: pageSize + 1,
    select: { id: true, kind: true, createdAt: true, email: true, ip: true, userAgent: true, detail: true, user: { select: { id: true, name: true, email: true } } },
  });
  const page = events.slice(0, pageSize);
  return {
    rows: page.map((e) => ({ id: e.id.toString(), kind: e.kind, createdAt: e.createdAt, person: e.user, email: e.email, ip: e.ip, userAgent: e.userAgent, detail: e.detail })),
    nextCursor: events.length > pageSize ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

/** The people the "Who" filter offers: the workspace's members. */
export async function listSecurityPeople(workspaceId: string): Promise<Array<{ id: string; name: string }>> {
  return getDb().user.findMany({ where: { memberships: { some: { workspaceId } } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
