import "server-only";
import { statusAfter } from "@/lib/domain/workflow";
import { conflict, notFound } from "@/lib/errors";
import { sourceFormValues, type CreateSourceInput, type SourceFields, type UpdateSourceInput } from "@/lib/validation/source";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";
import { lockClaim, setClaimStatus } from "./claims";

const sourceData = (input: SourceFields) => ({
  url: input.url,
  title: input.title,
  publisher: input.publisher ?? null,
  kind: input.kind,
  stance: input.stance,
  quotation: input.quotation ?? null,
  publishedAt: input.publishedAt ?? null,
  accessedAt: input.accessedAt ?? null,
});

/** What the audit trail keeps of a source, before and after a change. */
const auditView = (s: { url: string; title: string; kind: string; stance: string }) => ({ url: s.url, title: s.title, kind: s.kind, stance: s.stance });

/** Who added a source, for the policy's ownership rule; null when it is not in this workspace. */
export async function getSourceOwner(workspaceId: string, sourceId: string) {
  return getDb().source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true, addedById: true, claimId: true } });
}

export async function createSource(ctx: Ctx, input: CreateSourceInput) {
  return getDb().$transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx.workspaceId, input.claimId);
    const data = sourceData(input);
    const source = await tx.source.create({
      data: { ...data, workspaceId: ctx.workspaceId, claimId: claim.id, addedById: ctx.userId },
      select: { id: true },
    });
    await recordEvent(tx, ctx, { action: "source.added", entityType: "source", entityId: source.id, articleId: claim.articleId, claimId: claim.id, after: auditView(data) });
    const next = statusAfter("source-added", claim.status);
    if (next !== claim.status) await setClaimStatus(tx, ctx, claim, next, "source added");
    return { id: source.id, articleId: claim.articleId };
  });
}

const sourceSelect = {
  id: true,
  claimId: true,
  version: true,
  url: true,
  title: true,
  publisher: true,
  kind: true,
  stance: true,
  quotation: true,
  publishedAt: true,
  accessedAt: true,
} as const;

/**
 * Locks the source's claim, then reads the source: two people removing or editing one source
 * at once queue on the claim, and the second finds the first one's result instead of failing.
 */
async function lockSource(tx: Tx, workspaceId: string, sourceId: string) {
  const found = await tx.source.findFirst({ where: { id: sourceId, workspaceId }, select: { claimId: true } });
  if (!found) throw notFound("That source");
  const claim = await lockClaim(tx, workspaceId, found.claimId);
  const source = await tx.source.findFirst({ where: { id: sourceId, workspaceId }, select: sourceSelect });
  if (!source) throw notFound("That source");
  return { source, articleId: claim.articleId };
}

export async function updateSource(ctx: Ctx, input: UpdateSourceInput) {
  return getDb().$transaction(async (tx) => {
    const { source: before, articleId } = await lockSource(tx, ctx.workspaceId, input.sourceId);
    if (before.version !== input.version) throw conflict({ version: before.version, fields: sourceFormValues(before) });
    const data = sourceData(input);
    await tx.source.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } } });
    await recordEvent(tx, ctx, {
      action: "source.updated",
      entityType: "source",
      entityId: before.id,
      articleId,
      claimId: before.claimId,
      before: auditView(before),
      after: auditView(data),
    });
    return { id: before.id, articleId, version: before.version + 1 };
  });
}

export async function deleteSource(ctx: Ctx, sourceId: string) {
  return getDb().$transaction(async (tx) => {
    const { source: before, articleId } = await lockSource(tx, ctx.workspaceId, sourceId);
    await tx.source.delete({ where: { id: before.id } });
    await recordEvent(tx, ctx, {
      action: "source.removed",
      entityType: "source",
      entityId: before.id,
      articleId,
      claimId: before.claimId,
      before: auditView(before),
    });
    return { articleId };
  });
}
