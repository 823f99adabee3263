import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import { publishedOnly, toPublicReport, type PublicReport } from "@/lib/domain/public-report";
import { AppError, notFound } from "@/lib/errors";
import { buildClaimReviews, type ClaimReviewJsonLd } from "@/lib/reports/claim-review";
import { SHARE_TOKEN_PATTERN } from "@/lib/validation/share-link";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";
import { getClaimReviewPublisher } from "./report-publisher";
import { getArticleReport } from "./reports";

// Public links to an article's published report. The token (32 random bytes, base64url) is shown
// once to the editor who made it; only its SHA-256 is stored, so the table alone opens nothing.
// Every lookup reads the row afresh: revoking takes effect on the next request.

/** Enough for every outlet that republishes a report; a cap keeps a leaked session from minting thousands. */
export const MAX_ACTIVE_LINKS_PER_ARTICLE = 20;

const hashShareToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const shareLinkPath = (token: string) => `/r/${token}`;

export type ShareLinkRow = { id: string; createdAt: Date; createdBy: string | null; expiresAt: Date | null; revokedAt: Date | null };

/** The article, locked: two editors making links at once cannot both pass the cap. */
async function lockArticle(tx: Tx, workspaceId: string, articleId: string): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Article" WHERE "id" = ${articleId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  if (rows.length === 0) throw notFound("That article");
}

export async function createShareLink(ctx: Ctx, mayTake: MayTake, input: { articleId: string; expiresInDays?: number }, now = new Date()): Promise<{ id: string; token: string; createdAt: Date; expiresAt: Date | null }> {
  requireMay(mayTake, "share:manage");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 24 * 60 * 60 * 1000) : null;
  return getDb().$transaction(async (tx) => {
    await lockArticle(tx, ctx.workspaceId, input.articleId);
    const active = await tx.shareLink.count({ where: { workspaceId: ctx.workspaceId, articleId: input.articleId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (active >= MAX_ACTIVE_LINKS_PER_ARTICLE) throw new AppError("CONFLICT", `This article already has ${MAX_ACTIVE_LINKS_PER_ARTICLE} working public links. Revoke one you no longer need first.`);
    const link = await tx.shareLink.create({
      data: { workspaceId: ctx.workspaceId, articleId: input.articleId, tokenHash: hashShareToken(token), createdById: ctx.userId, expiresAt },
      select: { id: true, createdAt: true },
    });
    await recordEvent(tx, ctx, { action: "share_link.created", entityType: "share_link", entityId: link.id, after: { articleId: input.articleId, expiresAt: expiresAt?.toISOString() ?? null } });
    return { id: link.id, token, createdAt: link.createdAt, expiresAt };
  });
}

/** An article's links, newest first, revoked and expired ones included (the list says so). */
export async function listShareLinks(workspaceId: string, articleId: string): Promise<ShareLinkRow[]> {
  const rows = await getDb().shareLink.findMany({
    where: { workspaceId, articleId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, createdById: true, expiresAt: true, revokedAt: true },
  });
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const creators = creatorIds.length ? await getDb().user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(creators.map((u) => [u.id, u.name]));
  return rows.map(({ createdById, ...r }) => ({ ...r, createdBy: createdById ? (names.get(createdById) ?? null) : null }));
}

/** Revokes a link of this workspace at once. Another workspace's link id is simply not found. */
export async function revokeShareLink(ctx: Ctx, mayTake: MayTake, input: { shareLinkId: string; articleId?: string }): Promise<{ articleId: string }> {
  requireMay(mayTake, "share:manage");
  return getDb().$transaction(async (tx) => {
    const link = await tx.shareLink.findFirst({ where: { id: input.shareLinkId, workspaceId: ctx.workspaceId, ...(input.articleId ? { articleId: input.articleId } : {}) }, select: { articleId: true } });
    if (!link) throw notFound("That public link");
    await lockArticle(tx, ctx.workspaceId, link.articleId);
    const { count } = await tx.shareLink.updateMany({ where: { id: input.shareLinkId, workspaceId: ctx.workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new AppError("CONFLICT", "That public link was already revoked.");
    await recordEvent(tx, ctx, { action: "share_link.revoked", entityType: "share_link", entityId: input.shareLinkId, before: { articleId: link.articleId } });
    return { articleId: link.articleId };
  });
}

export type SharedReport = PublicReport & { organization: { name: string; url: string | null }; claimReviews: ClaimReviewJsonLd[] };

/**
 * What the public page shows for a token, or null when it is malformed, unknown, revoked, expired,
 * or its workspace is archived (where nobody could revoke it any more). Callers answer every null
 * with the same 404. `reviewUrl`: the page's own address, for the ClaimReview markup.
 */
export async function getSharedReport(token: string, reviewUrl: string, now = new Date()): Promise<SharedReport | null> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return null;
  const link = await getDb().shareLink.findUnique({
    where: { tokenHash: hashShareToken(token) },
    select: { workspaceId: true, articleId: true, revokedAt: true, expiresAt: true, workspace: { select: { archivedAt: true } } },
  });
  if (!link || link.revokedAt || (link.expiresAt && link.expiresAt <= now) || link.workspace.archivedAt) return null;
  const [report, publisher] = await Promise.all([getArticleReport(link.workspaceId, link.articleId), getClaimReviewPublisher(link.workspaceId, link.articleId)]);
  if (!report || !publisher) return null;
  return {
    ...toPublicReport(report),
    organization: publisher.publisher,
    claimReviews: buildClaimReviews(publishedOnly(report), { ...publisher, reviewUrl }),
  };
}

/** The article a link would open, with how many of its claims are published; null when not in the workspace. */
export async function getShareTarget(workspaceId: string, articleId: string): Promise<{ id: string; title: string; published: number } | null> {
  const article = await getDb().article.findFirst({
    where: { id: articleId, workspaceId },
    select: { id: true, title: true, _count: { select: { claims: { where: { status: "PUBLISHED" } } } } },
  });
  return article ? { id: article.id, title: article.title, published: article._count.claims } : null;
}
