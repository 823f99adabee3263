import "server-only";
import { statusAfter } from "@/lib/domain/workflow";
import { conflict, notFound } from "@/lib/errors";
import type { CreateSourceInput, SourceFields, UpdateSourceInput } from "@/lib/validation/source";
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
    await recordEvent(tx, ctx, { action: "source.added", entityType: "source", entityId: source.id, claimId: claim.id, after: auditView(data) });
    const next = statusAfter("source-added", claim.status);
    if (next !== claim.status) await setClaimStatus(tx, ctx, claim, next, "source added");
    return { id: source.id, articleId: claim.articleId };
  });
}

async function findSource(tx: Tx, workspaceId: string, sourceId: string) {
  const source = await tx.source.findFirst({
    where: { id: sourceId, workspaceId },
    select: { id: true, claimId: true, version: true, url: true, title: true, kind: true, stance: true, claim: { select: { articleId: true } } },
  });
  if (!source) throw notFound("That source");
  return source;
}

export async function updateSource(ctx: Ctx, input: UpdateSourceInput) {
  return getDb().$transaction(async (tx) => {
    const before = await findSource(tx, ctx.workspaceId, input.sourceId);
    const data = sourceData(input);
    const updated = await tx.source.updateMany({
      where: { id: before.id, workspaceId: ctx.workspaceId, version: input.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw conflict();
    await recordEvent(tx, ctx, {
      action: "source.updated",
      entityType: "source",
      entityId: before.id,
      claimId: before.claimId,
      before: auditView(before),
      after: auditView(data),
    });
    return { id: before.id, articleId: before.claim.articleId };
  });
}

export async function deleteSource(ctx: Ctx, sourceId: string) {
  return getDb().$transaction(async (tx) => {
    const before = await findSource(tx, ctx.workspaceId, sourceId);
    await tx.source.delete({ where: { id: before.id } });
    await recordEvent(tx, ctx, {
      action: "source.removed",
      entityType: "source",
      entityId: before.id,
      claimId: before.claimId,
      before: auditView(before),
    });
    return { articleId: before.claim.articleId };
  });
}
