import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ChangeOrigin } from "@/lib/realtime/change";
import { BackupFileError, parseBackup, type Backup } from "@/lib/validation/backup";
import { recordEvent } from "./audit";
import { getDb, type Tx } from "./client";

// Restores a backup (lib/validation/backup.ts) into an EMPTY workspace, all or nothing: one
// transaction that locks the target's row, checks it is empty, and writes every row with its
// id and timestamps. See docs/decisions/016-workspace-backup.md for the choices:
//  - ids are kept, so a file can be restored once per server: if its records already exist here
//    (the original workspace, or an earlier import), the import is refused, never remapped;
//  - audit event ids are kept when free; when some are taken (events are numbered server-wide)
//    the imported trail is renumbered in its original order and claims' revisions follow;
//  - people are matched by email: an existing account is reused; anyone else gets an account
//    with the file's id, no password and disabled, until an operator enables it;
//  - secrets are not in the file: invitations get an unusable token hash (their links are dead),
//    webhooks a new secret, and they come back disabled.

const refuse = (message: string) => new AppError("INVALID_INPUT", message);

/**
 * Bytes of a backup file (JSON, or JSON gzipped) to a validated backup. Larger than `maxBytes`
 * (or, unzipped, than `maxUnzippedBytes`), not JSON, another format or version, a wrong shape or a reference
 * that does not resolve: an INVALID_INPUT AppError saying which.
 */
export function readBackupFile(bytes: Uint8Array, maxBytes: number, maxUnzippedBytes = maxBytes): Backup {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  if (bytes.byteLength > maxBytes) throw refuse(`The backup file is larger than the ${mb(maxBytes)} limit.`);
  let data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data, { maxOutputLength: maxUnzippedBytes });
    } catch (error) {
      const tooBig = error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
      throw refuse(tooBig ? `The unzipped backup is larger than the ${mb(maxUnzippedBytes)} limit.` : "The backup file is gzipped but damaged.");
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString("utf8"));
  } catch {
    throw refuse("The backup file is not valid JSON.");
  }
  try {
    return parseBackup(raw);
  } catch (error) {
    if (error instanceof BackupFileError) throw refuse(error.message);
    throw error;
  }
}

export type ImportTarget =
  /** An existing workspace (the settings page): its id, slug and creation stay its own. */
  | { workspaceId: string }
  /** The command line: this slug, created with the file's id and dates when it does not exist. */
  | { slug: string; createIfMissing: true };

export type ImportResult = {
  workspaceId: string;
  slug: string;
  createdWorkspace: boolean;
  counts: Record<string, number>;
  /** People who had no account on this server: created disabled and without a password. */
  createdUsers: string[];
  /** True when the audit trail's ids were taken here and it was renumbered in order. */
  renumberedEvents: boolean;
};

const CHUNK = 1_000;
async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}
const d = (v: string) => new Date(v);
const dn = (v: string | null) => (v === null ? null : new Date(v));

// Tables the import writes with `insertRows`, and only these (their names go into the SQL).
type BulkTable = "Article" | "ArticleRevision" | "Claim" | "ClaimAssignee" | "Source" | "Review" | "Decision" | "Comment" | "Invitation" | "Notification" | "Event" | "Webhook";
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Inserts rows, 5,000 a statement, as one JSON parameter PostgreSQL turns into the table's row
 * type (jsonb_populate_recordset): the columns are the rows' keys, dates ISO strings in UTC,
 * big integers decimal strings. Tens of times faster than one bound parameter per value.
 */
async function insertRows(tx: Tx, table: BulkTable, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (!IDENTIFIER.test(table) || !columns.every((c) => IDENTIFIER.test(c))) throw new Error(`Unexpected identifier in an import into ${table}`);
  const list = columns.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = JSON.stringify(rows.slice(i, i + 5_000));
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, chunk);
  }
}

/** What makes a workspace not empty, in words, or null when it is empty (the settings page asks). */
export async function workspaceContents(workspaceId: string): Promise<string | null> {
  return contentsOf(getDb(), workspaceId);
}

/** What makes a workspace not empty, in words, or null when it is empty. */
async function contentsOf(tx: Tx | PrismaClient, workspaceId: string): Promise<string | null> {
  const where = { workspaceId };
  // One after another: inside a transaction they share one connection.
  const articles = await tx.article.count({ where });
  const invitations = await tx.invitation.count({ where });
  const notifications = await tx.notification.count({ where });
  const webhooks = await tx.webhook.count({ where });
  const shareLinks = await tx.shareLink.count({ where });
  // Its creation and its members are all a new workspace's history holds.
  const events = await tx.event.count({ where: { workspaceId, entityType: { notIn: ["workspace", "member"] } } });
  const found = (
    [
      [articles, "article", "articles"],
      [invitations, "invitation", "invitations"],
      [notifications, "notification", "notifications"],
      [webhooks, "webhook", "webhooks"],
      [shareLinks, "share link", "share links"],
      [events, "recorded change", "recorded changes"],
    ] as const
  ).filter(([n]) => n > 0);
  return found.length ? found.map(([n, one, many]) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`).join(", ") : null;
}

/** The workspace that already holds one of the file's records, if any. */
async function collision(tx: Tx, b: Backup): Promise<string | null> {
  const tables: Array<[string, Array<{ id: string }>]> = [
    ["Article", b.articles],
    ["ArticleRevision", b.articleRevisions],
    ["Claim", b.claims],
    ["Source", b.sources],
    ["Review", b.reviews],
    ["Decision", b.decisions],
    ["Comment", b.comments],
    ["Membership", b.memberships],
    ["Invitation", b.invitations],
    ["Notification", b.notifications],
    ["Webhook", b.webhooks],
  ];
  for (const [table, rows] of tables) {
    if (rows.length === 0) continue;
    // One array parameter, however many ids (the table names are the constants above).
    const [found] = await tx.$queryRawUnsafe<Array<{ slug: string }>>(
      `SELECT w."slug" FROM "${table}" t JOIN "Workspace" w ON w."id" = t."workspaceId" WHERE t."id" = ANY($1::text[]) LIMIT 1`,
      rows.map((r) => r.id),
    );
    if (found) return found.slug;
  }
  return null;
}

export async function importWorkspace(
  backup: Backup,
  target: ImportTarget,
  actor: { userId: string; origin: ChangeOrigin } | null,
  db: PrismaClient = getDb(),
): Promise<ImportResult> {
  return db.$transaction(
    async (tx) => {
      // 1. The target, locked: nothing else writes to it until this commits or rolls back.
      let workspaceId: string;
      let slug: string;
      let createdWorkspace = false;
      const slugOrId = "workspaceId" in target ? { id: target.workspaceId } : { slug: target.slug };
      const [locked] = await tx.$queryRaw<Array<{ id: string; slug: string }>>`
        SELECT "id", "slug" FROM "Workspace" WHERE ${"id" in slugOrId ? Prisma.sql`"id" = ${slugOrId.id}` : Prisma.sql`"slug" = ${slugOrId.slug}`} FOR UPDATE`;
      if (locked) {
        ({ id: workspaceId, slug } = locked);
        const contents = await contentsOf(tx, workspaceId);
        if (contents) throw new AppError("CONFLICT", `A backup is restored into an empty workspace only; "${slug}" already has ${contents}. Create a new workspace and import there.`);
      } else if ("createIfMissing" in target) {
        const idTaken = await tx.workspace.findUnique({ where: { id: backup.workspace.id }, select: { slug: true } });
        if (idTaken) throw new AppError("CONFLICT", `This backup's workspace already exists on this server as "${idTaken.slug}": a backup is restored once per server (its ids are kept).`);
        const w = backup.workspace;
        await tx.workspace.create({
          data: { id: w.id, slug: target.slug, name: w.name, ratingScale: w.ratingScale, createdAt: d(w.createdAt), updatedAt: d(w.updatedAt) },
        });
        workspaceId = w.id;
        slug = target.slug;
        createdWorkspace = true;
      } else {
        throw new AppError("NOT_FOUND", "That workspace was not found.");
      }

      // 2. The same records cannot exist twice on one server: refuse rather than remap.
      const holder = await collision(tx, backup);
      if (holder) {
        throw new AppError("CONFLICT", `The records in this backup already exist on this server (in workspace "${holder}"). A backup keeps its ids, so it is restored once per server: restore it on another server.`);
      }

      // 3. People, by email: an account here is reused; anyone else is created disabled.
      const userMap = new Map<string, string>();
      const existing = await tx.user.findMany({ where: { email: { in: backup.users.map((u) => u.email.toLowerCase()) } }, select: { id: true, email: true } });
      const byEmail = new Map(existing.map((u) => [u.email.toLowerCase(), u.id]));
      // Through the settings page, a workspace's admin restores: a file naming someone who has an
      // account here but is not in this workspace would make them a member, and credit them with
      // reviews and verdicts, without their say. Only the operator's command line may do that.
      if (actor) {
        const members = new Set((await tx.membership.findMany({ where: { workspaceId }, select: { userId: true } })).map((m) => m.userId));
        const outsiders = existing.filter((u) => u.id !== actor.userId && !members.has(u.id)).map((u) => u.email);
        if (outsiders.length > 0) {
          const named = outsiders.slice(0, 5).join(", ") + (outsiders.length > 5 ? ` and ${outsiders.length - 5} more` : "");
          throw new AppError(
            "FORBIDDEN",
            `This backup names people who have accounts on this server but are not members of this workspace: ${named}. Invite them to this workspace first, or ask the server's operator to restore it with npm run workspace:import.`,
          );
        }
      }
      const idsTaken = new Set((await tx.user.findMany({ where: { id: { in: backup.users.map((u) => u.id) } }, select: { id: true } })).map((u) => u.id));
      const createdUsers: string[] = [];
      const now = new Date();
      const newUsers = [];
      for (const u of backup.users) {
        const found = byEmail.get(u.email.toLowerCase());
        if (found) {
          userMap.set(u.id, found);
          continue;
        }
        const id = idsTaken.has(u.id) ? `c${randomUUID().replace(/-/g, "")}` : u.id;
        userMap.set(u.id, id);
        createdUsers.push(u.email);
        // "!" is never an argon2 hash: nobody signs in until an operator sets a password.
        newUsers.push({ id, email: u.email.toLowerCase(), name: u.name, passwordHash: "!", disabledAt: u.disabledAt ? d(u.disabledAt) : now, createdAt: d(u.createdAt), updatedAt: d(u.updatedAt) });
      }
      await insertChunks(newUsers, (data) => tx.user.createMany({ data }));
      const user = (id: string) => userMap.get(id) ?? id;
      const userOrNull = (id: string | null) => (id === null ? null : user(id));

      // 4. Settings: everything but the target's own id, slug, name and creation.
      const w = backup.workspace;
      const settings = {
        // A workspace someone made and named for the restore keeps its name.
        ...(createdWorkspace ? { name: w.name } : {}),
        ratingScale: w.ratingScale,
        minSourcesToPublish: w.minSourcesToPublish,
        minReviewsToPublish: w.minReviewsToPublish,
        fourEyes: w.fourEyes,
        highlightThreshold: w.highlightThreshold,
        organizationName: w.organizationName,
        organizationUrl: w.organizationUrl,
        ...(w.requireTwoFactor === undefined ? {} : { requireTwoFactor: w.requireTwoFactor }),
      };

      // 5. Members: the file's, replacing the target's rows for the same people.
      const memberUserIds = backup.memberships.map((m) => user(m.userId));
      await tx.membership.deleteMany({ where: { workspaceId, userId: { in: memberUserIds } } });
      await insertChunks(backup.memberships, (rows) =>
        tx.membership.createMany({
          data: rows.map((m) => ({ id: m.id, workspaceId, userId: user(m.userId), role: m.role, disabledAt: dn(m.disabledAt), createdAt: d(m.createdAt), updatedAt: d(m.updatedAt) })),
        }),
      );
      // Whoever restores it stays an active admin of it.
      if (actor) {
        const mine = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: actor.userId } } });
        if (!mine) await tx.membership.create({ data: { workspaceId, userId: actor.userId, role: "ADMIN" } });
        else if (mine.role !== "ADMIN" || mine.disabledAt) await tx.membership.update({ where: { id: mine.id }, data: { role: "ADMIN", disabledAt: null } });
      }

      // 6. Event ids: kept when free here, else the imported trail is renumbered in order.
      const eventIds = backup.events.map((e) => BigInt(e.id));
      const [serial] = await tx.$queryRaw<Array<{ seq: string }>>`SELECT pg_get_serial_sequence('"Event"', 'id') AS "seq"`;
      const seq = serial?.seq ?? '"Event_id_seq"';
      const taken = eventIds.length ? await tx.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS "n" FROM "Event" WHERE "id" = ANY(${eventIds.map(String)}::bigint[])` : [{ n: BigInt(0) }];
      const renumberedEvents = Number(taken[0]?.n ?? 0) > 0;
      const eventMap = new Map<bigint, bigint>();
      if (renumberedEvents) {
        // New numbers after every id in use (the sequence may lag rows written with their own ids).
        await tx.$queryRaw`SELECT setval(${seq}::regclass, GREATEST((SELECT max("id") FROM "Event"), pg_sequence_last_value(${seq}::regclass), 1))`;
        const fresh = await tx.$queryRaw<Array<{ id: bigint }>>`SELECT nextval(${seq}::regclass) AS "id" FROM generate_series(1, ${eventIds.length}::int)`;
        const ordered = [...eventIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const newIds = fresh.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        ordered.forEach((old, i) => eventMap.set(old, newIds[i]!));
      } else if (eventIds.length) {
        // Move the sequence past the file's ids first, so no other writer takes one meanwhile.
        const max = eventIds.reduce((a, b) => (a > b ? a : b));
        await tx.$queryRaw`SELECT setval(${seq}::regclass, GREATEST(${max.toString()}::bigint, pg_sequence_last_value(${seq}::regclass), 1))`;
      }
      const eventId = (id: bigint) => eventMap.get(id) ?? id;

      // 7. The rows, parents first, each with its id and timestamps (one statement per chunk).
      const t = (v: string) => new Date(v).toISOString();
      const tn = (v: string | null) => (v === null ? null : t(v));
      await insertRows(tx, "Article", backup.articles.map((a) => ({ ...a, workspaceId, createdById: userOrNull(a.createdById), publishedAt: tn(a.publishedAt), createdAt: t(a.createdAt), updatedAt: t(a.updatedAt) })));
      await insertRows(tx, "ArticleRevision", backup.articleRevisions.map((r) => ({ ...r, workspaceId, createdById: userOrNull(r.createdById), createdAt: t(r.createdAt) })));
      await insertRows(tx, "Claim", backup.claims.map((c) => ({ ...c, workspaceId, duplicateOfId: null, rev: eventId(BigInt(c.rev)).toString(), createdById: userOrNull(c.createdById), createdAt: t(c.createdAt), updatedAt: t(c.updatedAt) })));
      // Duplicate marks once every claim is in (an original may come later in the file).
      const marks = backup.claims.filter((c) => c.duplicateOfId).map((c) => ({ id: c.id, duplicateOfId: c.duplicateOfId }));
      if (marks.length > 0) {
        await tx.$executeRaw`UPDATE "Claim" c SET "duplicateOfId" = m."duplicateOfId" FROM jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) AS m("id" text, "duplicateOfId" text) WHERE c."id" = m."id" AND c."workspaceId" = ${workspaceId}`;
      }
      await insertRows(tx, "ClaimAssignee", backup.claimAssignees.map((a) => ({ claimId: a.claimId, userId: user(a.userId), assignedById: userOrNull(a.assignedById), createdAt: t(a.createdAt) })));
      await insertRows(
        tx,
        "Source",
        backup.sources.map((r) => ({ ...r, workspaceId, addedById: userOrNull(r.addedById), publishedAt: tn(r.publishedAt), accessedAt: tn(r.accessedAt), createdAt: t(r.createdAt), updatedAt: t(r.updatedAt) })),
      );
      await insertRows(tx, "Review", backup.reviews.map((r) => ({ ...r, workspaceId, reviewerId: user(r.reviewerId), createdAt: t(r.createdAt), updatedAt: t(r.updatedAt) })));
      await insertRows(tx, "Decision", backup.decisions.map((r) => ({ ...r, workspaceId, approvedById: userOrNull(r.approvedById), reusedFromDecisionId: null, createdAt: t(r.createdAt) })));
      // Reused verdicts once every decision is in (the original's may come later in the file).
      const reuses = backup.decisions.filter((d) => d.reusedFromDecisionId).map((d) => ({ id: d.id, reusedFromDecisionId: d.reusedFromDecisionId }));
      if (reuses.length > 0) {
        await tx.$executeRaw`UPDATE "Decision" d SET "reusedFromDecisionId" = m."reusedFromDecisionId" FROM jsonb_to_recordset(${JSON.stringify(reuses)}::jsonb) AS m("id" text, "reusedFromDecisionId" text) WHERE d."id" = m."id" AND d."workspaceId" = ${workspaceId}`;
      }
      await insertRows(
        tx,
        "Comment",
        threadOrder(backup.comments).map((c) => ({
          ...c,
          workspaceId,
          authorId: userOrNull(c.authorId),
          mentionIds: c.mentionIds.map(user),
          editedAt: tn(c.editedAt),
          createdAt: t(c.createdAt),
          updatedAt: t(c.updatedAt),
        })),
      );
      await insertRows(
        tx,
        "Invitation",
        backup.invitations.map((i) => ({
          ...i,
          workspaceId,
          // The hash of a token nobody was ever given: the old link stays dead.
          tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
          createdById: userOrNull(i.createdById),
          acceptedById: userOrNull(i.acceptedById),
          expiresAt: t(i.expiresAt),
          acceptedAt: tn(i.acceptedAt),
          revokedAt: tn(i.revokedAt),
          createdAt: t(i.createdAt),
        })),
      );
      await insertRows(tx, "Notification", backup.notifications.map((n) => ({ ...n, workspaceId, userId: user(n.userId), actorId: userOrNull(n.actorId), readAt: tn(n.readAt), createdAt: t(n.createdAt) })));
      await insertRows(tx, "Event", backup.events.map((e) => ({ ...e, id: eventId(BigInt(e.id)).toString(), workspaceId, actorId: userOrNull(e.actorId), createdAt: t(e.createdAt) })));
      await insertRows(
        tx,
        "Webhook",
        backup.webhooks.map((h) => ({
          ...h,
          workspaceId,
          // A new secret nobody has seen, and disabled until an admin sets the receiver up again.
          secret: randomBytes(32).toString("hex"),
          createdById: userOrNull(h.createdById),
          disabledAt: h.disabledAt ? t(h.disabledAt) : now.toISOString(),
          createdAt: t(h.createdAt),
          updatedAt: t(h.updatedAt),
        })),
      );

      const counts = Object.fromEntries(
        (["users", "memberships", "articles", "claims", "claimAssignees", "sources", "reviews", "decisions", "comments", "invitations", "notifications", "events", "webhooks"] as const).map((t) => [t, backup[t].length]),
      );
      // 8. The import's own audit line (after the imported trail), then the settings, last,
      //    so an archived backup's archive date lands after the line that says it arrived.
      await recordEvent(tx, { workspaceId, userId: actor?.userId ?? null, origin: actor?.origin ?? "SYSTEM" }, {
        action: "workspace.imported",
        entityType: "workspace",
        entityId: workspaceId,
        after: { exportedAt: backup.exportedAt, fromWorkspace: backup.workspace.slug, ...counts, renumberedEvents, createdUsers: createdUsers.length },
      });
      await tx.workspace.update({
        where: { id: workspaceId },
        data: { ...settings, archivedAt: dn(w.archivedAt), ...(createdWorkspace ? { updatedAt: d(w.updatedAt) } : {}) },
      });
      return { workspaceId, slug, createdWorkspace, counts, createdUsers, renumberedEvents };
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}

/** Comments with every reply after the comment it answers (replies point at their parent). */
function threadOrder(comments: Backup["comments"]): Backup["comments"] {
  const byParent = new Map<string | null, Backup["comments"]>();
  for (const c of comments) {
    const siblings = byParent.get(c.parentId) ?? [];
    siblings.push(c);
    byParent.set(c.parentId, siblings);
  }
  const out: Backup["comments"] = [];
  const queue = [...(byParent.get(null) ?? [])];
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i]!;
    out.push(c);
    queue.push(...(byParent.get(c.id) ?? []));
  }
  // A cycle (a never-reached reply) is left for the database to refuse, with the rest.
  if (out.length < comments.length) {
    const placed = new Set(out);
    out.push(...comments.filter((c) => !placed.has(c)));
  }
  return out;
}
