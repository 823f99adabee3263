-- The rating of each claim's latest decision, on the claim itself, so search can walk one
-- rating's claims newest first instead of looking up the latest decision of every claim it
-- passes (docs/decisions/025-search-and-matching.md). PostgreSQL keeps it: statement triggers on
-- "Decision" recompute it for every claim whose decisions were inserted, changed or deleted, so
-- no code path (publishing, a backup restore, a direct insert) can forget it, and a restore of
-- thousands of decisions updates each claim once.

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "publishedRating" TEXT;

CREATE FUNCTION "factdesk_claim_published_rating"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved TEXT[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "claimId") INTO moved FROM "decision_new";
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "claimId") INTO moved FROM "decision_old";
  ELSE
    SELECT array_agg(DISTINCT "claimId") INTO moved FROM (SELECT "claimId" FROM "decision_new" UNION SELECT "claimId" FROM "decision_old") both_sides;
  END IF;
  UPDATE "Claim" c SET "publishedRating" = latest."rating"
  FROM "Claim" k LEFT JOIN LATERAL (
    SELECT d."rating" FROM "Decision" d
    WHERE d."workspaceId" = k."workspaceId" AND d."claimId" = k."id"
    ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1
  ) latest ON TRUE
  WHERE k."id" = ANY(moved) AND c."id" = k."id" AND c."publishedRating" IS DISTINCT FROM latest."rating";
  RETURN NULL;
END $$;

CREATE TRIGGER "Decision_published_rating_insert" AFTER INSERT ON "Decision"
  REFERENCING NEW TABLE AS "decision_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "factdesk_claim_published_rating"();
CREATE TRIGGER "Decision_published_rating_update" AFTER UPDATE ON "Decision"
  REFERENCING OLD TABLE AS "decision_old" NEW TABLE AS "decision_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "factdesk_claim_published_rating"();
CREATE TRIGGER "Decision_published_rating_delete" AFTER DELETE ON "Decision"
  REFERENCING OLD TABLE AS "decision_old"
  FOR EACH STATEMENT EXECUTE FUNCTION "factdesk_claim_published_rating"();

-- The claims that already have decisions.
UPDATE "Claim" c SET "publishedRating" = latest."rating"
FROM (
  SELECT DISTINCT ON ("claimId") "claimId", "rating" FROM "Decision"
  ORDER BY "claimId", "createdAt" DESC, "id" DESC
) latest
WHERE c."id" = latest."claimId";

-- CreateIndex
CREATE INDEX "Claim_workspaceId_publishedRating_createdAt_idx" ON "Claim"("workspaceId", "publishedRating", "createdAt");
