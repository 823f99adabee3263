import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./client";

// The admins' view of the audit trail: a workspace's events, newest first, a page at a time.

export const AUDIT_PAGE_SIZE = 50;

/** The kinds of thing an event can be about, as the log's "What" filter offers them. */
export const AUDIT_ENTITY_TYPES = ["article", "claim", "source", "review", "decision", "comment", "member", "invitation", "share_link", "workspace", "user"] as const;

export type AuditFilter = {
  actorId?: string;
  entityType?: string;
  /** Inclusive days, UTC. */
  from?: Date;
  to?: Date;
  /** Cursor: events with a smaller id than this one. */
  before?: bigint;
};

export type AuditRow = {
  id: string;
  action: string;
  entityType: string;
  origin: "WEB" | "API" | "SYSTEM";
  createdAt: Date;
  actor: { id: string; name: string } | null;
  /** Who the event is about, when it is about a person (members, accounts). */
  subject: string | null;
  before: unknown;
  after: unknown;
};

export async function listAuditEvents(workspaceId: string, filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = filter.from;
  if (filter.to) createdAt.lt = new Date(filter.to.getTime() + 24 * 60 * 60 * 1000);
  const events = await getDb().event.findMany({
    where: {
      workspaceId,
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
      ...(filter.from || filter.to ? { createdAt } : {}),
      ...(filter.before !== undefined ? { id: { lt: filter.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: pageSize + 1,
    select: { id: true, action: true, entityType: true, entityId: true, origin: true, createdAt: true, before: true, after: true, actor: { select: { id: true, name: true } } },
  });
  const page = events.slice(0, pageSize);
  const personIds = [...new Set(page.filter((e) => e.entityType === "member" || e.entityType === "user").map((e) => e.entityId))];
  const people = await getDb().user.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return {
    rows: page.map((e) => ({
      id: e.id.toString(),
      action: e.action,
      entityType: e.entityType,
      origin: e.origin,
      createdAt: e.createdAt,
      actor: e.actor,
      subject: names.get(e.entityId) ?? null,
      before: e.before,
      after: e.after,
    })),
    nextCursor: events.length > pageSize ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

/** Everyone who can appear as "who" in the filter: members, and anyone who acted here before they left. */
export async function listAuditActors(workspaceId: string): Promise<Array<{ id: string; name: string }>> {
  const actors = await getDb().event.findMany({ where: { workspaceId, actorId: { not: null } }, distinct: ["actorId"], select: { actorId: true } });
  const ids = actors.map((a) => a.actorId).filter((id): id is string => id !== null);
  return getDb().user.findMany({
    where: { OR: [{ id: { in: ids } }, { memberships: { some: { workspaceId } } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
