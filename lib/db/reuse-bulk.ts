import "server-only";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import { STATUS_LABELS, transitionRefusal, type ClaimStatus } from "@/lib/domain/workflow";
import { AppError, notFound } from "@/lib/errors";
import { MAX_BULK_DUPLICATES, type ReuseOnDuplicatesInput } from "@/lib/validation/reuse";
import type { Ctx } from "./audit";
import { getDb, type Tx } from "./client";
import { setClaimStatus } from "./claims";
import { lockDuplicatePair, publishReusedVerdict } from "./reviews";

/** A duplicate of the original whose newest decision copies an earlier verdict of it. */
export type OutdatedDuplicate = { id: string; articleId: string; statement: string; status: ClaimStatus; version: number };

export type BulkReuseResult = {
  originalArticleId: string;
  updated: Array<{ claimId: string; articleId: string; decisionId: string }>;
  skipped: Array<{ claimId: string; articleId: string | null; statement: string | null; reason: string }>;
  /** "Updated 3 duplicates; 1 skipped: …", for the panel's status line and the API. */
  message: string;
};

const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/**
 * The duplicates of `originalId` whose newest decision copies one of its verdicts other than
 * `currentDecisionId` (its verdict now): their reused verdict is out of date. Published ones can
 * be brought up to date in bulk; the others are being worked on by someone (reopened, in review).
 */
export async function listOutdatedDuplicates(workspaceId: string, originalId: string, currentDecisionId: string | null, limit = MAX_BULK_DUPLICATES): Promise<OutdatedDuplicate[]> {
  const rows = await getDb().claim.findMany({
    where: { workspaceId, duplicateOfId: originalId },
    orderBy: { id: "asc" },
    select: { id: true, articleId: true, statement: true, status: true, version: true, decisions: { orderBy: newestFirst, take: 1, select: { reusedFrom: { select: { id: true, claimId: true } } } } },
  });
  return rows
    .filter((r) => {
      const from = r.decisions[0]?.reusedFrom;
      return from?.claimId === originalId && from.id !== currentDecisionId;
    })
    .slice(0, limit)
    .map(({ decisions: _decisions, ...r }) => r);
}

/** Why one duplicate was left as it was; its transaction rolls back (a reopening with it). */
class Skip extends Error {}

/** Stops the run: the original moved while it ran, so nothing more is published from it. */
class OriginalMoved extends Error {}

/**
 * "Reuse this verdict on N out-of-date duplicates": the original's current verdict published on
 * each of its duplicates whose reused verdict is out of date, one duplicate at a time, each in its
 * own transaction, under exactly the rules of a single reuse (reuseOriginalDecision): both claims
 * locked FOR UPDATE in id order, the duplicate still marked, the original still published with
 * the verdict the person saw, and the publish through `publishOnLockedClaim` (the desk's gate,
 * four eyes, audit event, webhook outbox, live feed).
 *
 * A duplicate whose reused verdict is published is reopened first, with the person's reason (the
 * explicit reopening every correction takes), and the reused verdict published on it as a
 * correction; if the gate refuses, its transaction rolls back and it stays published as it was.
 * A duplicate someone has reopened or is working on is theirs: it is skipped and named. Two runs
 * at once queue on each duplicate's lock; the later finds it already reuses the verdict.
 */
export async function reuseOnOutdatedDuplicates(ctx: Ctx, may: MayTake, input: ReuseOnDuplicatesInput): Promise<BulkReuseResult> {
  requireMay(may, "decision:publish");
  requireMay(may, "claim:reopen");
  const db = getDb();
  const original = await db.claim.findFirst({
    where: { id: input.claimId, workspaceId: ctx.workspaceId },
    select: { id: true, articleId: true, status: true, duplicateOfId: true, decisions: { orderBy: newestFirst, take: 1, select: { id: true } } },
  });
  if (!original) throw notFound("That claim");
  const current = original.decisions[0]?.id ?? null;
  if (original.status !== "PUBLISHED" || !current) {
    throw new AppError("INVALID_INPUT", "This claim's verdict is not published at the moment, so there is nothing to reuse on its duplicates.");
  }
  if (input.decisionId && input.decisionId !== current) {
    throw new AppError("CONFLICT", "This claim's verdict changed since you opened it. Reload to see the new one, then reuse it if it still applies.");
  }

  // What the person saw (ids and versions), or every out-of-date duplicate now; always in id order.
  const seen: Array<{ id: string; version: number | null }> = input.duplicates
    ? [...new Map(input.duplicates.map((d) => [d.id, { id: d.id, version: d.version }])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    : (await listOutdatedDuplicates(ctx.workspaceId, original.id, current)).map((d) => ({ id: d.id, version: null }));

  const result: BulkReuseResult = { originalArticleId: original.articleId, updated: [], skipped: [], message: "" };
  let stopped = false;
  for (const target of seen) {
    if (stopped) {
      result.skipped.push({ claimId: target.id, articleId: null, statement: null, reason: "the original's verdict changed while this ran, so it was left as it was" });
      continue;
    }
    let facts: { articleId: string | null; statement: string | null } = { articleId: null, statement: null };
    try {
      const done = await db.$transaction(async (tx) => {
        return reuseOnOne(tx, ctx, may, input.reason, original.id, current, target, (f) => (facts = f));
      });
      result.updated.push(done);
    } catch (error) {
      if (error instanceof OriginalMoved) {
        stopped = true;
        result.skipped.push({ claimId: target.id, ...facts, reason: error.message });
      } else if (error instanceof Skip) {
        result.skipped.push({ claimId: target.id, ...facts, reason: error.message });
      } else if (error instanceof AppError && (error.code === "INVALID_INPUT" || error.code === "CONFLICT")) {
        // The publishing gate (its list of what is missing) or a version moved meanwhile.
        result.skipped.push({ claimId: target.id, ...facts, reason: error.code === "CONFLICT" ? "it changed while this ran" : lowerFirst(error.message) });
      } else {
        throw error;
      }
    }
  }
  result.message = summarize(result);
  return result;
}

async function reuseOnOne(
  tx: Tx,
  ctx: Ctx,
  may: MayTake,
  reason: string,
  originalId: string,
  expectedSource: string,
  target: { id: string; version: number | null },
  describe: (facts: { articleId: string; statement: string }) => void,
) {
  const locked = await lockDuplicatePair(tx, ctx, target.id, originalId);
  const claim = locked.find((c) => c.id === target.id);
  const original = locked.find((c) => c.id === originalId);
  if (!original) throw new OriginalMoved("the original claim was removed while this ran");
  if (!claim) throw new Skip("it was not found (removed meanwhile?)");
  const row = await tx.claim.findFirstOrThrow({ where: { id: claim.id, workspaceId: ctx.workspaceId }, select: { statement: true } });
  describe({ articleId: claim.articleId, statement: row.statement });
  if (claim.duplicateOfId !== originalId) throw new Skip("it is no longer marked as a duplicate of this claim");

  const source = await tx.decision.findFirst({
    where: { claimId: original.id, workspaceId: ctx.workspaceId },
    orderBy: newestFirst,
    select: { id: true, rating: true, summary: true },
  });
  if (original.status !== "PUBLISHED" || source?.id !== expectedSource || !source) {
    throw new OriginalMoved("the original's verdict changed while this ran, so it was left as it was");
  }
  const own = await tx.decision.findFirst({
    where: { claimId: claim.id, workspaceId: ctx.workspaceId },
    orderBy: newestFirst,
    select: { reusedFromDecisionId: true, reusedFrom: { select: { claimId: true } } },
  });
  if (own?.reusedFromDecisionId === source.id) throw new Skip("it already reuses this verdict");
  if (own?.reusedFrom?.claimId !== originalId) throw new Skip("it has a verdict of its own, not one reused from this claim");
  if (target.version !== null && claim.version !== target.version) throw new Skip("it changed since you loaded the page; reload to see it");
  if (claim.status !== "PUBLISHED") throw new Skip(await inProgress(tx, ctx, claim));

  // The explicit reopening a correction takes, with the person's reason, under the workflow's
  // rules (reopening a published claim has no condition on its sources or reviews).
  const facts = { status: claim.status, sourceCount: 0, reviewCount: 0 };
  const refusal = transitionRefusal(facts, "REOPENED", may, reason);
  if (refusal) throw new Skip(lowerFirst(refusal.message));
  const version = await setClaimStatus(tx, ctx, claim, "REOPENED", "reopened to reuse the original's corrected verdict", claim.version, reason);
  const { id } = await publishReusedVerdict(tx, ctx, { ...claim, status: "REOPENED", version }, original, source, version, { bulk: true });
  return { claimId: claim.id, articleId: claim.articleId, decisionId: id };
}

/** Someone reopened this duplicate (or it is on its way back to a verdict): it is theirs. */
async function inProgress(tx: Tx, ctx: Ctx, claim: { id: string; status: ClaimStatus }): Promise<string> {
  const reopening = await tx.event.findFirst({
    where: { workspaceId: ctx.workspaceId, claimId: claim.id, action: "claim.status_changed", after: { path: ["status"], equals: "REOPENED" } },
    orderBy: { id: "desc" },
    select: { actor: { select: { name: true } }, actorId: true },
  });
  const by = reopening?.actorId === ctx.userId ? " by you" : reopening?.actor ? ` by ${reopening.actor.name}` : "";
  const now = claim.status === "REOPENED" ? "" : ` and is now ${STATUS_LABELS[claim.status].toLowerCase()}`;
  return `it was reopened${by}${now}, so it is left to whoever is correcting it (reuse the verdict from its own page if it applies)`;
}

/** A message as part of a sentence: lower-case start, no closing full stop. */
const lowerFirst = (text: string) => (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, "");
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

function summarize(result: BulkReuseResult): string {
  if (result.updated.length === 0 && result.skipped.length === 0) return "Nothing to update: no duplicate of this claim shows an earlier verdict of it.";
  const updated = result.updated.length > 0 ? `Updated ${plural(result.updated.length, "duplicate")}` : "No duplicate updated";
  if (result.skipped.length === 0) return `${updated}.`;
  const reasons = result.skipped.map((s) => (s.statement ? `“${short(s.statement)}”: ${s.reason}` : s.reason));
  return `${updated}; ${result.skipped.length} skipped: ${[...new Set(reasons)].join("; ")}.`;
}
