import "server-only";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import { RULE_LIMITS, type PublishingRules } from "@/lib/domain/publishing";
import { DEFAULT_RATING_SCALE, activeRatings, parseRatingScale, type Rating } from "@/lib/domain/rating-scale";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MAX_RATINGS, type CreateWorkspaceInput } from "@/lib/validation/settings";
import { recordEvent, type Ctx } from "./audit";
import { getDb, type Tx } from "./client";

// An admin's workspace settings: name, publishing rules, archiving, the rating scale, and new
// workspaces. Each write locks the workspace row, so the event's "before" is what it replaced.

const invalid = (field: string, message: string) => new AppError("INVALID_INPUT", message, { [field]: [message] });

async function lockWorkspace(tx: Tx, workspaceId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${workspaceId} FOR NO KEY UPDATE`;
  const workspace = await tx.workspace.findFirst({
    where: { id: workspaceId },
    select: { name: true, slug: true, archivedAt: true, ratingScale: true, minSourcesToPublish: true, minReviewsToPublish: true, fourEyes: true, highlightThreshold: true },
  });
  if (!workspace) throw new AppError("NOT_FOUND", "That workspace was not found.");
  return workspace;
}

export async function renameWorkspace(ctx: Ctx, mayTake: MayTake, name: string): Promise<void> {
  requireMay(mayTake, "settings:manage");
  await getDb().$transaction(async (tx) => {
    const before = await lockWorkspace(tx, ctx.workspaceId);
    if (before.name === name) return;
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: { name } });
    await recordEvent(tx, ctx, { action: "workspace.updated", entityType: "workspace", entityId: ctx.workspaceId, before: { name: before.name }, after: { name } });
  });
}

/** The score below which detected claims are not highlighted in the text: a triage setting, editors and up. */
export async function setHighlightThreshold(ctx: Ctx, mayTake: MayTake, threshold: number): Promise<void> {
  requireMay(mayTake, "claim:triage");
  await getDb().$transaction(async (tx) => {
    const { highlightThreshold } = await lockWorkspace(tx, ctx.workspaceId);
    if (highlightThreshold === threshold) return;
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: { highlightThreshold: threshold } });
    await recordEvent(tx, ctx, { action: "workspace.updated", entityType: "workspace", entityId: ctx.workspaceId, before: { highlightThreshold }, after: { highlightThreshold: threshold } });
  });
}

/** The publishing gate's rules; out-of-range values are refused here too, whatever the caller checked. */
export async function setPublishingRules(ctx: Ctx, mayTake: MayTake, rules: PublishingRules): Promise<void> {
  requireMay(mayTake, "settings:manage");
  const { minSources, minReviews } = RULE_LIMITS;
  if (!Number.isInteger(rules.minSourcesToPublish) || rules.minSourcesToPublish < minSources.min || rules.minSourcesToPublish > minSources.max) {
    throw invalid("minSourcesToPublish", `Independent sources must be between ${minSources.min} and ${minSources.max}.`);
  }
  if (!Number.isInteger(rules.minReviewsToPublish) || rules.minReviewsToPublish < minReviews.min || rules.minReviewsToPublish > minReviews.max) {
    throw invalid("minReviewsToPublish", `Independent reviews must be between ${minReviews.min} and ${minReviews.max}.`);
  }
  await getDb().$transaction(async (tx) => {
    const current = await lockWorkspace(tx, ctx.workspaceId);
    const before: PublishingRules = { minSourcesToPublish: current.minSourcesToPublish, minReviewsToPublish: current.minReviewsToPublish, fourEyes: current.fourEyes };
    const after: PublishingRules = { minSourcesToPublish: rules.minSourcesToPublish, minReviewsToPublish: rules.minReviewsToPublish, fourEyes: rules.fourEyes };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: after });
    await recordEvent(tx, ctx, { action: "workspace.updated", entityType: "workspace", entityId: ctx.workspaceId, before, after });
  });
}

/**
 * Archives the workspace (or restores it). It is never deleted: its trail keeps its meaning.
 * Archived, it leaves everyone's workspace list and the guards refuse every change in it.
 */
export async function setWorkspaceArchived(ctx: Ctx, mayTake: MayTake, archived: boolean): Promise<void> {
  requireMay(mayTake, "workspace:archive");
  await getDb().$transaction(async (tx) => {
    const current = await lockWorkspace(tx, ctx.workspaceId);
    if ((current.archivedAt !== null) === archived) return;
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: { archivedAt: archived ? new Date() : null } });
    await recordEvent(tx, ctx, {
      action: archived ? "workspace.archived" : "workspace.updated",
      entityType: "workspace",
      entityId: ctx.workspaceId,
      before: { archived: current.archivedAt !== null },
      after: { archived },
    });
  });
}

/** A key for a new rating: the label in lower-case words joined by hyphens, unique on the scale. */
export function ratingKeyFor(label: string, scale: readonly Rating[]): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "rating";
  const taken = new Set(scale.map((r) => r.key));
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
  return key;
}

const sameLabel = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

type ScaleEdit = (scale: Rating[]) => Rating[];

/** Applies one edit to the scale under the workspace lock and records it with before and after. */
async function editScale(ctx: Ctx, mayTake: MayTake, edit: ScaleEdit): Promise<void> {
  requireMay(mayTake, "settings:manage");
  await getDb().$transaction(async (tx) => {
    const current = await lockWorkspace(tx, ctx.workspaceId);
    const before = parseRatingScale(current.ratingScale);
    const after = edit(before.map((r) => ({ ...r })));
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    if (activeRatings(after).length === 0) throw new AppError("CONFLICT", "At least one rating must stay in use: add or restore another one first.");
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: { ratingScale: after as unknown as Prisma.InputJsonValue } });
    await recordEvent(tx, ctx, {
      action: "workspace.updated",
      entityType: "workspace",
      entityId: ctx.workspaceId,
      before: { ratingScale: before } as unknown as Prisma.InputJsonValue,
      after: { ratingScale: after } as unknown as Prisma.InputJsonValue,
    });
  });
}

function findIndex(scale: readonly Rating[], key: string): number {
  const index = scale.findIndex((r) => r.key === key);
  if (index < 0) throw new AppError("NOT_FOUND", "That rating is not on this workspace's scale.");
  return index;
}

export async function addRating(ctx: Ctx, mayTake: MayTake, label: string): Promise<void> {
  await editScale(ctx, mayTake, (scale) => {
    if (scale.length >= MAX_RATINGS) throw invalid("label", `A scale holds at most ${MAX_RATINGS} ratings.`);
    const clash = scale.find((r) => sameLabel(r.label, label));
    if (clash) throw invalid("label", clash.retired ? "A retired rating has that label: restore it instead." : "A rating with that label already exists.");
    return [...scale, { key: ratingKeyFor(label, scale), label }];
  });
}

/** A new label; the key stays, so reviews and decisions that use the rating show the new label. */
export async function renameRating(ctx: Ctx, mayTake: MayTake, input: { key: string; label: string }): Promise<void> {
  await editScale(ctx, mayTake, (scale) => {
    const index = findIndex(scale, input.key);
    if (scale.some((r) => r.key !== input.key && sameLabel(r.label, input.label))) throw invalid("label", "Another rating already has that label.");
    scale[index] = { ...scale[index]!, label: input.label };
    return scale;
  });
}

export async function moveRating(ctx: Ctx, mayTake: MayTake, input: { key: string; direction: "up" | "down" }): Promise<void> {
  await editScale(ctx, mayTake, (scale) => {
    const index = findIndex(scale, input.key);
    const target = input.direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= scale.length) return scale;
    [scale[index], scale[target]] = [scale[target]!, scale[index]!];
    return scale;
  });
}

/**
 * Retires a rating (or brings it back). It stays on the scale, so published decisions and
 * reviews keep their label; new reviews and decisions cannot choose it. Nothing is ever deleted.
 */
export async function setRatingRetired(ctx: Ctx, mayTake: MayTake, input: { key: string; retired: boolean }): Promise<void> {
  await editScale(ctx, mayTake, (scale) => {
    const index = findIndex(scale, input.key);
    const { key, label } = scale[index]!;
    scale[index] = input.retired ? { key, label, retired: true } : { key, label };
    return scale;
  });
}

/** A new workspace with the default scale and rules; its creator is its first admin. */
export async function createWorkspace(userId: string, mayTake: MayTake, input: CreateWorkspaceInput): Promise<{ id: string; slug: string }> {
  requireMay(mayTake, "workspace:create");
  const taken = () => invalid("slug", "That address is already taken; choose another.");
  if (await getDb().workspace.findFirst({ where: { slug: input.slug }, select: { id: true } })) throw taken();
  try {
    return await getDb().$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { slug: input.slug, name: input.name, ratingScale: [...DEFAULT_RATING_SCALE] }, select: { id: true, slug: true } });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId, role: "ADMIN" } });
      const ctx: Ctx = { workspaceId: workspace.id, userId, origin: "WEB" };
      await recordEvent(tx, ctx, { action: "workspace.created", entityType: "workspace", entityId: workspace.id, after: { name: input.name, slug: input.slug } });
      await recordEvent(tx, ctx, { action: "member.added", entityType: "member", entityId: userId, after: { role: "ADMIN" } });
      return workspace;
    });
  } catch (error) {
    // Two people creating the same address at once: the unique index decides.
    if (typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002") throw taken();
    throw error;
  }
}
