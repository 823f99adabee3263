import "server-only";
import { REUSE_SOURCE_SELECT, reusedVerdictState } from "@/lib/domain/reuse";
import { requireMay, type MayTake } from "@/lib/auth/policy";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { MarkDuplicateInput } from "@/lib/validation/search";
import { recordEvent, type Ctx } from "./audit";
import { getDb } from "./client";

// Claim matching: the claims of a workspace most like a given statement, by trigram similarity
// of the statements (pg_trgm, GIN index) blended with full-text rank over their words; and the
// duplicate mark, which points a claim at the original whose verdict it reuses.

export type SimilarClaim = {
  id: string;
  articleId: string;
  articleTitle: string;
  statement: string;
  claimant: string | null;
  status: ClaimStatus;
  publishedRating: string | null;
  duplicateOfId: string | null;
  similarity: number;
  score: number;
};

type Row = Omit<SimilarClaim, "similarity" | "score"> & { similarity: number | string; score: number | string };

/** Similarity (0..1) below which a statement is not offered as a match: pg_trgm's default. */
export const SIMILARITY_THRESHOLD = 0.3;
/**
 * How many of the statement's rarest words pick the candidates (any two of them), and how many
 * candidates at most. Eight, so the same claim attributed to someone else ("Senator Paul Grant
 * claimed that …": four or five rare words the original lacks) still shares a pair with it.
 */
const DISTINCTIVE_WORDS = 8;
const MAX_CANDIDATES = 1000;

const lexemeQuery = (lexeme: string) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/**
 * The candidates' full-text query: any two of the statement's rarest words together (so changed
 * words and another speaker's name still find the claim), or the one word when there is only one. Rarity comes from
 * PostgreSQL's own statistics of the search column (pg_stats' most common elements; a word not
 * among them is rare). Scoring a million statements by trigrams would take seconds; a pair of
 * rare words narrows them to a few through the full-text GIN index.
 */
async function candidateQuery(statement: string): Promise<{ candidates: string; anyWord: string } | null> {
  const rows = await getDb().$queryRaw<Array<{ lexeme: string; freq: number | null }>>`
    WITH words AS (SELECT DISTINCT lexeme FROM unnest(to_tsvector('english', ${statement})))
    SELECT w.lexeme, s.freq
    FROM words w
    LEFT JOIN (
      SELECT e.elem, e.freq FROM pg_stats p, unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS e(elem, freq)
      WHERE p.schemaname = current_schema() AND p.tablename = 'Claim' AND p.attname = 'searchVector'
    ) s ON s.elem = w.lexeme
    ORDER BY s.freq ASC NULLS FIRST, length(w.lexeme) DESC, w.lexeme
  `;
  if (rows.length === 0) return null;
  const rare = rows.slice(0, DISTINCTIVE_WORDS).map((r) => lexemeQuery(r.lexeme));
  const pairs: string[] = [];
  for (let i = 0; i < rare.length; i++) for (let j = i + 1; j < rare.length; j++) pairs.push(`(${rare[i]} & ${rare[j]})`);
  return { candidates: pairs.length > 0 ? pairs.join(" | ") : rare[0]!, anyWord: rows.map((r) => lexemeQuery(r.lexeme)).join(" | ") };
}

/**
 * Up to `limit` claims of the workspace like `statement`, best first; `excludeId` (the claim
 * itself) is left out. Candidates share two of its rarest words (full-text GIN index); each is
 * scored 0.7 x trigram similarity of the statements (pg_trgm) + 0.3 x full-text rank over all
 * its words, and kept when the similarity reaches SIMILARITY_THRESHOLD.
 */
export async function findSimilarClaims(workspaceId: string, statement: string, options: { excludeId?: string; limit?: number } = {}): Promise<SimilarClaim[]> {
  const text = statement.replace(/\u0000/g, " ").slice(0, 2000);
  if (text.trim().length < 3) return [];
  const query = await candidateQuery(text);
  if (!query) return [];
  const limit = Math.min(Math.max(options.limit ?? 5, 1), 20);
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT m."id", m."articleId", a."title" AS "articleTitle", m."statement", m."claimant", m."status"::text AS "status", m."duplicateOfId",
      (SELECT d."rating" FROM "Decision" d WHERE d."claimId" = m."id" AND d."workspaceId" = m."workspaceId" ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1) AS "publishedRating",
      m."similarity", m."similarity" * 0.7 + least(ts_rank(m."searchVector", to_tsquery('simple', ${query.anyWord})), 1) * 0.3 AS "score"
    FROM (
      SELECT c.*, similarity(c."statement", ${text}) AS "similarity"
      FROM (
        SELECT c."id", c."workspaceId", c."articleId", c."statement", c."claimant", c."status", c."duplicateOfId", c."searchVector"
        FROM "Claim" c
        WHERE c."workspaceId" = ${workspaceId} AND c."searchVector" @@ to_tsquery('simple', ${query.candidates}) AND c."id" <> ${options.excludeId ?? ""}
        LIMIT ${MAX_CANDIDATES}
      ) c
    ) m
    JOIN "Article" a ON a."id" = m."articleId" AND a."workspaceId" = m."workspaceId"
    WHERE m."similarity" >= ${SIMILARITY_THRESHOLD}
    ORDER BY "score" DESC, m."id"
    LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, similarity: Number(r.similarity), score: Number(r.score) }));
}

export type DuplicateLinks = {
  /**
   * The original this claim repeats, with its latest verdict (`publishedDecisionId` is that
   * verdict's id while the original is published, null when it has none or was reopened).
   */
  original: { id: string; articleId: string; articleTitle: string; statement: string; status: ClaimStatus; publishedRating: string | null; publishedDecisionId: string | null } | null;
  /**
   * The claims marked as repeating this one; `reusesVerdict` when their latest verdict is copied
   * from one of this claim's, `reusedVerdictOutdated` when that copy is no longer this claim's
   * standing verdict (it was reopened or corrected since).
   */
  duplicates: Array<{ id: string; articleId: string; articleTitle: string; statement: string; status: ClaimStatus; reusesVerdict: boolean; reusedVerdictOutdated: boolean }>;
  /**
   * Where this claim's latest verdict was reused from, when it was (kept even if the mark is
   * cleared later). `current` while the original still stands by it; otherwise `reopened` (the
   * original is being corrected) or `latest` (its newer verdict, which can be reused instead).
   */
  reusedFrom:
    | ({ decisionId: string; claimId: string; articleId: string; articleTitle: string; statement: string } & (
        | { current: true; reopened?: undefined; latest?: undefined }
        | { current: false; reopened: boolean; latest: { id: string; rating: string; createdAt: Date } | null }
      ))
    | null;
};

const latestDecision = { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 1 };

/** Both directions of the duplicate link for one claim of the workspace, and where its verdict came from. */
export async function getDuplicateLinks(workspaceId: string, claimId: string): Promise<DuplicateLinks> {
  const db = getDb();
  const claim = await db.claim.findFirst({
    where: { id: claimId, workspaceId },
    select: {
      duplicateOfId: true,
      status: true,
      decisions: { ...latestDecision, select: { id: true, reusedFrom: { select: REUSE_SOURCE_SELECT } } },
    },
  });
  if (!claim) return { original: null, duplicates: [], reusedFrom: null };
  const [original, duplicates] = await Promise.all([
    claim.duplicateOfId
      ? db.claim.findFirst({
          where: { id: claim.duplicateOfId, workspaceId },
          select: { id: true, articleId: true, statement: true, status: true, article: { select: { title: true } }, decisions: { ...latestDecision, select: { id: true, rating: true } } },
        })
      : Promise.resolve(null),
    db.claim.findMany({
      where: { workspaceId, duplicateOfId: claimId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 50,
      select: { id: true, articleId: true, statement: true, status: true, article: { select: { title: true } }, decisions: { ...latestDecision, select: { reusedFrom: { select: { id: true, claimId: true } } } } },
    }),
  ]);
  const from = claim.decisions[0]?.reusedFrom;
  const originalDecision = original?.decisions[0];
  return {
    original: original
      ? {
          id: original.id,
          articleId: original.articleId,
          articleTitle: original.article.title,
          statement: original.statement,
          status: original.status,
          publishedRating: originalDecision?.rating ?? null,
          publishedDecisionId: original.status === "PUBLISHED" ? (originalDecision?.id ?? null) : null,
        }
      : null,
    duplicates: duplicates.map((d) => {
      const copied = d.decisions[0]?.reusedFrom;
      const reusesVerdict = copied?.claimId === claimId;
      return {
        id: d.id,
        articleId: d.articleId,
        articleTitle: d.article.title,
        statement: d.statement,
        status: d.status,
        reusesVerdict,
        reusedVerdictOutdated: reusesVerdict && !(claim.status === "PUBLISHED" && copied?.id === claim.decisions[0]?.id),
      };
    }),
    reusedFrom: from ? { decisionId: from.id, claimId: from.claim.id, articleId: from.claim.articleId, articleTitle: from.claim.article.title, statement: from.claim.statement, ...reusedVerdictState(from) } : null,
  };
}

type Locked = { id: string; articleId: string; version: number; duplicateOfId: string | null };

/**
 * Marks `claimId` as a duplicate of `duplicateOfId` (or clears the mark when it is absent). The
 * links stay one level deep: an original is never itself a duplicate, and a claim others repeat
 * cannot become a duplicate; so no chain and no cycle can form. Both rows are locked (in id
 * order, so two opposite requests wait for each other) before the checks; the foreign key on
 * (duplicateOfId, workspaceId) keeps the original in the same workspace whatever the code does.
 */
export async function markDuplicate(ctx: Ctx, may: MayTake, input: MarkDuplicateInput) {
  requireMay(may, "claim:mark-duplicate");
  return getDb().$transaction(async (tx) => {
    const ids = [input.claimId, ...(input.duplicateOfId ? [input.duplicateOfId] : [])];
    const locked = await tx.$queryRaw<Locked[]>`
      SELECT "id", "articleId", "version", "duplicateOfId" FROM "Claim"
      WHERE "workspaceId" = ${ctx.workspaceId} AND "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
    const claim = locked.find((c) => c.id === input.claimId);
    if (!claim) throw notFound("That claim");
    if (claim.version !== input.version) throw conflict();
    const before = { duplicateOfId: claim.duplicateOfId };
    if (!input.duplicateOfId) {
      if (!claim.duplicateOfId) throw new AppError("INVALID_INPUT", "This claim is not marked as a duplicate.");
      await tx.claim.update({ where: { id: claim.id }, data: { duplicateOfId: null, version: { increment: 1 } } });
      await recordEvent(tx, ctx, { action: "claim.duplicate_cleared", entityType: "claim", entityId: claim.id, articleId: claim.articleId, claimId: claim.id, before, after: { duplicateOfId: null } });
      return { articleId: claim.articleId, version: claim.version + 1 };
    }
    if (input.duplicateOfId === claim.id) throw new AppError("INVALID_INPUT", "A claim cannot be a duplicate of itself.", { duplicateOfId: ["Choose another claim."] });
    const original = locked.find((c) => c.id === input.duplicateOfId);
    if (!original) throw notFound("That original claim");
    if (original.duplicateOfId) {
      throw new AppError("INVALID_INPUT", "That claim is itself marked as a duplicate. Choose the claim it repeats (the original).", { duplicateOfId: ["Choose the original claim."] });
    }
    const [repeated] = await tx.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) AS "count" FROM "Claim" WHERE "workspaceId" = ${ctx.workspaceId} AND "duplicateOfId" = ${claim.id}`;
    if (repeated && repeated.count > BigInt(0)) {
      throw new AppError("INVALID_INPUT", "Other claims are marked as duplicates of this one, so it stays an original. Mark the other claim as a duplicate of this one instead.", { duplicateOfId: ["This claim is an original."] });
    }
    if (claim.duplicateOfId === original.id) throw new AppError("INVALID_INPUT", "This claim is already marked as a duplicate of that one.");
    await tx.claim.update({ where: { id: claim.id }, data: { duplicateOfId: original.id, version: { increment: 1 } } });
    await recordEvent(tx, ctx, { action: "claim.duplicate_marked", entityType: "claim", entityId: claim.id, articleId: claim.articleId, claimId: claim.id, before, after: { duplicateOfId: original.id } });
    return { articleId: claim.articleId, version: claim.version + 1 };
  });
}
