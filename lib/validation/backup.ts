import { z } from "zod";
import { text as safeText } from "./fields";

// A workspace backup file: `{ format: "factdesk-backup", version: 1, ... }` with one array per
// table. Import validates the whole file with this schema (every field typed, sizes bounded)
// and then `checkBackupReferences` (every reference resolves inside the file) before it
// writes anything. Secrets are never in the file: no password hashes, invitation token hashes,
// webhook secrets, share links or API tokens (see docs/decisions/016-workspace-backup.md).

export const BACKUP_FORMAT = "factdesk-backup";
export const BACKUP_VERSION = 1;

const MAX_ROWS = 1_000_000;
const id = safeText().min(1).max(100);
const text = (max: number) => safeText().max(max);
const date = z.iso.datetime({ offset: true });
const optDate = date.nullable();
const optId = id.nullable();
const optText = (max: number) => text(max).nullable();
const int = z.number().int().min(0).max(2_147_483_647);
const bigintText = z.string().regex(/^\d{1,19}$/, "must be a whole number written as text");
const rows = <T extends z.ZodType>(row: T) => z.array(row).max(MAX_ROWS);
const role = z.enum(["ADMIN", "EDITOR", "REVIEWER", "VIEWER"]);
// JSON columns (audit before/after, notification detail): any JSON, bounded by the file size.
const json = z.json().nullable();

export const backupRatingSchema = z.strictObject({ key: text(100).min(1), label: text(200).min(1), retired: z.boolean().optional() });

export const backupWorkspaceSchema = z.strictObject({
  id,
  slug: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: text(200).min(1),
  ratingScale: z.array(backupRatingSchema).min(1).max(100),
  minSourcesToPublish: int,
  minReviewsToPublish: int,
  fourEyes: z.boolean(),
  highlightThreshold: z.number().min(0).max(1),
  organizationName: optText(200),
  organizationUrl: optText(2_000),
  archivedAt: optDate,
  // Added with two-factor sign-in; files made before it have none (not required).
  requireTwoFactor: z.boolean().optional(),
  createdAt: date,
  updatedAt: date,
});

const userRow = z.strictObject({ id, email: z.email().max(320), name: text(200), disabledAt: optDate, createdAt: date, updatedAt: date });
const membershipRow = z.strictObject({ id, userId: id, role, disabledAt: optDate, createdAt: date, updatedAt: date });
const articleRow = z.strictObject({
  id,
  title: text(1_000),
  outlet: optText(1_000),
  author: optText(1_000),
  url: optText(4_000),
  publishedAt: optDate,
  body: text(2_000_000),
  createdById: optId,
  version: int,
  createdAt: date,
  updatedAt: date,
});
const claimRow = z.strictObject({
  id,
  articleId: id,
  quote: text(20_000),
  prefix: text(20_000),
  suffix: text(20_000),
  start: int,
  end: int,
  statement: text(20_000),
  claimant: optText(1_000),
  score: z.number().min(0).max(1).nullable(),
  status: z.enum(["DETECTED", "QUEUED", "RESEARCHING", "IN_REVIEW", "PUBLISHED", "DISMISSED", "REOPENED"]),
  statusReason: optText(5_000),
  origin: z.enum(["DETECTED", "MANUAL"]),
  version: int,
  rev: bigintText,
  createdById: optId,
  createdAt: date,
  updatedAt: date,
  // Absent in files written before duplicate marks existed.
  duplicateOfId: optId.optional(),
  // Absent in files written before article revisions existed.
  anchorConfidence: z.number().min(0).max(1).nullable().optional(),
  anchorMethod: optText(40).optional(),
  orphaned: z.boolean().optional(),
});
const assigneeRow = z.strictObject({ claimId: id, userId: id, assignedById: optId, createdAt: date });
const sourceRow = z.strictObject({
  id,
  claimId: id,
  url: text(4_000),
  title: text(2_000),
  publisher: optText(1_000),
  kind: z.enum(["PRIMARY_DATA", "OFFICIAL_RECORD", "ACADEMIC", "NEWS_REPORT", "EXPERT", "OTHER"]),
  stance: z.enum(["SUPPORTS", "REFUTES", "CONTEXT"]),
  quotation: optText(20_000),
  publishedAt: optDate,
  accessedAt: optDate,
  addedById: optId,
  version: int,
  createdAt: date,
  updatedAt: date,
});
const reviewRow = z.strictObject({
  id,
  claimId: id,
  reviewerId: id,
  rating: text(100),
  rationale: text(50_000),
  confidence: z.number().int().min(0).max(100).nullable(),
  version: int,
  createdAt: date,
  updatedAt: date,
});
// reusedFromDecisionId: the original's decision a duplicate's verdict copies (absent in older files).
const decisionRow = z.strictObject({ id, claimId: id, rating: text(100), summary: text(50_000), approvedById: optId, reusedFromDecisionId: optId.optional(), createdAt: date });
const commentRow = z.strictObject({
  id,
  claimId: id,
  authorId: optId,
  parentId: optId,
  body: text(50_000),
  mentionIds: z.array(id).max(1_000),
  version: int,
  editedAt: optDate,
  createdAt: date,
  updatedAt: date,
});
const articleRevisionRow = z.strictObject({
  id,
  articleId: id,
  number: int,
  body: text(2_000_000),
  note: optText(1_000),
  createdById: optId,
  createdAt: date,
});
const invitationRow = z.strictObject({
  id,
  role,
  email: optText(320),
  createdById: optId,
  expiresAt: date,
  acceptedAt: optDate,
  acceptedById: optId,
  revokedAt: optDate,
  createdAt: date,
});
const notificationRow = z.strictObject({
  id,
  userId: id,
  kind: z.enum(["MENTION", "ASSIGNMENT", "STATUS", "REUSED_VERDICT_OUTDATED"]),
  claimId: optId,
  commentId: optId,
  actorId: optId,
  detail: json,
  readAt: optDate,
  createdAt: date,
});
const eventRow = z.strictObject({
  id: bigintText,
  actorId: optId,
  action: text(100).min(1),
  entityType: text(100).min(1),
  entityId: text(200),
  articleId: optId,
  claimId: optId,
  origin: z.enum(["WEB", "API", "SYSTEM"]),
  before: json,
  after: json,
  createdAt: date,
});
const webhookRow = z.strictObject({
  id,
  url: text(4_000),
  events: z.array(text(100)).max(100),
  description: optText(1_000),
  createdById: optId,
  disabledAt: optDate,
  createdAt: date,
  updatedAt: date,
});

export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: date,
  workspace: backupWorkspaceSchema,
  users: rows(userRow),
  memberships: rows(membershipRow),
  articles: rows(articleRow),
  // Absent in files written before article revisions existed.
  articleRevisions: rows(articleRevisionRow).default([]),
  claims: rows(claimRow),
  claimAssignees: rows(assigneeRow),
  sources: rows(sourceRow),
  reviews: rows(reviewRow),
  decisions: rows(decisionRow),
  comments: rows(commentRow),
  invitations: rows(invitationRow),
  notifications: rows(notificationRow),
  events: rows(eventRow),
  webhooks: rows(webhookRow),
});

export type Backup = z.infer<typeof backupSchema>;
export type BackupTable = Exclude<keyof Backup, "format" | "version" | "exportedAt" | "workspace">;
export const BACKUP_TABLES: readonly BackupTable[] = [
  "users",
  "memberships",
  "articles",
  "articleRevisions",
  "claims",
  "claimAssignees",
  "sources",
  "reviews",
  "decisions",
  "comments",
  "invitations",
  "notifications",
  "events",
  "webhooks",
];

/** A file that is not a backup this version can read: the first problem, in words. */
export class BackupFileError extends Error {}

/**
 * Checks the envelope first so an unknown version or another kind of file gets its own message,
 * then the whole shape, then the references. Throws BackupFileError; returns the typed backup.
 */
export function parseBackup(raw: unknown): Backup {
  const envelope = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(raw);
  if (!envelope.success || envelope.data.format !== BACKUP_FORMAT) throw new BackupFileError(`This is not a Factdesk backup file (expected format "${BACKUP_FORMAT}").`);
  if (envelope.data.version !== BACKUP_VERSION) {
    throw new BackupFileError(`This backup has version ${JSON.stringify(envelope.data.version)}; this Factdesk reads version ${BACKUP_VERSION} only.`);
  }
  const parsed = backupSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.join(".") : "file";
    throw new BackupFileError(`The backup file is malformed at ${where}: ${first?.message ?? "invalid"}.`);
  }
  const problem = checkBackupReferences(parsed.data);
  if (problem) throw new BackupFileError(`The backup file does not hold together: ${problem}.`);
  return parsed.data;
}

function duplicates(values: Iterable<string>): string | null {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return null;
}

/** The first reference that does not resolve inside the file (or a duplicate key), or null. */
export function checkBackupReferences(b: Backup): string | null {
  const ids = {
    users: new Set(b.users.map((r) => r.id)),
    articles: new Set(b.articles.map((r) => r.id)),
    claims: new Set(b.claims.map((r) => r.id)),
    comments: new Set(b.comments.map((r) => r.id)),
    decisions: new Set(b.decisions.map((r) => r.id)),
  };
  const unique: Array<[string, Iterable<string>]> = [
    ["user id", b.users.map((r) => r.id)],
    ["user email", b.users.map((r) => r.email.toLowerCase())],
    ["membership id", b.memberships.map((r) => r.id)],
    ["member", b.memberships.map((r) => r.userId)],
    ["article id", b.articles.map((r) => r.id)],
    ["article revision id", b.articleRevisions.map((r) => r.id)],
    ["article revision number", b.articleRevisions.map((r) => `${r.articleId}/${r.number}`)],
    ["claim id", b.claims.map((r) => r.id)],
    ["assignment", b.claimAssignees.map((r) => `${r.claimId}/${r.userId}`)],
    ["source id", b.sources.map((r) => r.id)],
    ["review id", b.reviews.map((r) => r.id)],
    ["review of a claim by one reviewer", b.reviews.map((r) => `${r.claimId}/${r.reviewerId}`)],
    ["decision id", b.decisions.map((r) => r.id)],
    ["comment id", b.comments.map((r) => r.id)],
    ["invitation id", b.invitations.map((r) => r.id)],
    ["notification id", b.notifications.map((r) => r.id)],
    ["event id", b.events.map((r) => r.id)],
    ["webhook id", b.webhooks.map((r) => r.id)],
    ["rating key", b.workspace.ratingScale.map((r) => r.key)],
  ];
  for (const [label, values] of unique) {
    const dup = duplicates(values);
    if (dup !== null) return `${label} ${dup} appears twice`;
  }
  const ratings = new Set(b.workspace.ratingScale.map((r) => r.key));
  const refs: Array<[string, Array<{ id?: string; ref: string | null }>, Set<string>]> = [
    ["membership user", b.memberships.map((r) => ({ id: r.id, ref: r.userId })), ids.users],
    ["article creator", b.articles.map((r) => ({ id: r.id, ref: r.createdById })), ids.users],
    ["revision article", b.articleRevisions.map((r) => ({ id: r.id, ref: r.articleId })), ids.articles],
    ["revision author", b.articleRevisions.map((r) => ({ id: r.id, ref: r.createdById })), ids.users],
    ["claim article", b.claims.map((r) => ({ id: r.id, ref: r.articleId })), ids.articles],
    ["claim creator", b.claims.map((r) => ({ id: r.id, ref: r.createdById })), ids.users],
    ["claim duplicate of", b.claims.map((r) => ({ id: r.id, ref: r.duplicateOfId ?? null })), ids.claims],
    ["assignment claim", b.claimAssignees.map((r) => ({ ref: r.claimId })), ids.claims],
    ["assignment user", b.claimAssignees.map((r) => ({ ref: r.userId })), ids.users],
    ["source claim", b.sources.map((r) => ({ id: r.id, ref: r.claimId })), ids.claims],
    ["source author", b.sources.map((r) => ({ id: r.id, ref: r.addedById })), ids.users],
    ["review claim", b.reviews.map((r) => ({ id: r.id, ref: r.claimId })), ids.claims],
    ["reviewer", b.reviews.map((r) => ({ id: r.id, ref: r.reviewerId })), ids.users],
    ["review rating", b.reviews.map((r) => ({ id: r.id, ref: r.rating })), ratings],
    ["decision claim", b.decisions.map((r) => ({ id: r.id, ref: r.claimId })), ids.claims],
    ["decision approver", b.decisions.map((r) => ({ id: r.id, ref: r.approvedById })), ids.users],
    ["decision rating", b.decisions.map((r) => ({ id: r.id, ref: r.rating })), ratings],
    ["decision reused from", b.decisions.map((r) => ({ id: r.id, ref: r.reusedFromDecisionId ?? null })), ids.decisions],
    ["comment claim", b.comments.map((r) => ({ id: r.id, ref: r.claimId })), ids.claims],
    ["comment author", b.comments.map((r) => ({ id: r.id, ref: r.authorId })), ids.users],
    ["comment parent", b.comments.map((r) => ({ id: r.id, ref: r.parentId })), ids.comments],
    ["notification recipient", b.notifications.map((r) => ({ id: r.id, ref: r.userId })), ids.users],
    ["event actor", b.events.map((r) => ({ id: r.id, ref: r.actorId })), ids.users],
  ];
  for (const [label, list, target] of refs) {
    for (const { id: rowId, ref } of list) {
      if (ref !== null && !target.has(ref)) return `${label} ${ref}${rowId ? ` (of ${rowId})` : ""} is not in the file`;
    }
  }
  const articleLength = new Map(b.articles.map((a) => [a.id, a.body.length]));
  for (const c of b.claims) {
    if (c.start > c.end || c.end > (articleLength.get(c.articleId) ?? 0)) return `claim ${c.id} lies outside its article's text`;
  }
  return null;
}
