import "server-only";
import { PRESENCE_CHANNEL } from "@/lib/realtime/change";
import { PRESENCE_WINDOW_SECONDS, type PresenceActivity, type PresenceEntry } from "@/lib/realtime/presence";
import { getDb } from "./client";

// Presence is not part of the audit trail: it records no change to the desk's work, only who is
// looking, and it expires by itself. Rows are per browser tab; a tab belongs to one user.

type PresenceInput = {
  workspaceId: string;
  articleId: string;
  userId: string;
  tabId: string;
  claimId: string | null;
  activity: PresenceActivity | null;
};

/**
 * Records that this tab has the article open (on a claim, perhaps writing something), and
 * tells every instance. A claim id that is not in this article is stored as none; a tab id
 * that belongs to someone else is left alone.
 */
export async function touchPresence(input: PresenceInput): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO "Presence" ("tabId", "workspaceId", "articleId", "userId", "claimId", "activity", "seenAt")
      VALUES (${input.tabId}, ${input.workspaceId}, ${input.articleId}, ${input.userId},
        (SELECT "id" FROM "Claim" WHERE "id" = ${input.claimId} AND "articleId" = ${input.articleId} AND "workspaceId" = ${input.workspaceId}),
        ${input.activity}, now())
      ON CONFLICT ("tabId") DO UPDATE SET "articleId" = EXCLUDED."articleId", "workspaceId" = EXCLUDED."workspaceId",
        "claimId" = EXCLUDED."claimId", "activity" = EXCLUDED."activity", "seenAt" = now()
      WHERE "Presence"."userId" = EXCLUDED."userId"`,
    db.$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${input.articleId})`,
  ]);
}

/** The tab closed its stream: it is gone at once for everyone. */
export async function removePresence(userId: string, tabId: string): Promise<void> {
  const db = getDb();
  const removed = await db.presence.findFirst({ where: { tabId, userId }, select: { articleId: true } });
  if (!removed) return;
  await db.$transaction([
    db.presence.deleteMany({ where: { tabId, userId } }),
    db.$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${removed.articleId})`,
  ]);
}

/** Who has the article open now: tabs heard from within the presence window, newest first. */
export async function listPresence(workspaceId: string, articleId: string): Promise<PresenceEntry[]> {
  const since = new Date(Date.now() - PRESENCE_WINDOW_SECONDS * 1000);
  const rows = await getDb().presence.findMany({
    where: { workspaceId, articleId, seenAt: { gt: since }, user: { disabledAt: null, memberships: { some: { workspaceId } } } },
    orderBy: [{ seenAt: "desc" }],
    select: { tabId: true, userId: true, claimId: true, activity: true, user: { select: { name: true } } },
  });
  return rows.map((r) => ({ tabId: r.tabId, userId: r.userId, name: r.user.name, claimId: r.claimId, activity: r.activity === "review" || r.activity === "source" || r.activity === "claim" ? r.activity : null }));
}

/** Forgets tabs long gone (their rows are already invisible); run now and then by each instance. */
export async function prunePresence(): Promise<void> {
  await getDb().presence.deleteMany({ where: { seenAt: { lt: new Date(Date.now() - 10 * 60 * 1000) } } });
}
