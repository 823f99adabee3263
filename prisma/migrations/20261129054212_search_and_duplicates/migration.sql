-- Search and claim matching (docs/decisions/025-search-and-matching.md).

-- Trigram similarity (similarity()) for claim matching. Migrations run as the database owner;
-- the application never creates extensions at run time. The candidates come from the full-text
-- index below, so no trigram index is needed (see the decision record).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Full-text search: one generated tsvector per searchable table, written by PostgreSQL itself on
-- every insert and update ('english' stemming; the most telling fields weigh most). An article's
-- body counts up to its first 100,000 characters (a tsvector holds at most 1 MB).
ALTER TABLE "Article" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("outlet", '') || ' ' || coalesce("author", '')), 'B') ||
  setweight(to_tsvector('english'::regconfig, left("body", 100000)), 'D')
) STORED;

ALTER TABLE "Claim" ADD COLUMN "duplicateOfId" TEXT,
ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce("statement", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("claimant", '')), 'B')
) STORED;

ALTER TABLE "Comment" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  to_tsvector('english'::regconfig, left("body", 100000))
) STORED;

ALTER TABLE "Source" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("publisher", '') || ' ' || coalesce("quotation", '')), 'B') ||
  setweight(to_tsvector('english'::regconfig, coalesce("url", '')), 'D')
) STORED;

CREATE INDEX "Article_searchVector_idx" ON "Article" USING gin ("searchVector");
CREATE INDEX "Claim_searchVector_idx" ON "Claim" USING gin ("searchVector");
CREATE INDEX "Comment_searchVector_idx" ON "Comment" USING gin ("searchVector");
CREATE INDEX "Source_searchVector_idx" ON "Source" USING gin ("searchVector");

-- Newest first: a search whose words match a large share of the rows takes its candidates in
-- this order instead of ranking every match (see lib/db/search.ts).
CREATE INDEX "Claim_workspaceId_createdAt_idx" ON "Claim"("workspaceId", "createdAt");
CREATE INDEX "Source_workspaceId_createdAt_idx" ON "Source"("workspaceId", "createdAt");
CREATE INDEX "Comment_workspaceId_createdAt_idx" ON "Comment"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Claim_workspaceId_duplicateOfId_idx" ON "Claim"("workspaceId", "duplicateOfId");

-- A duplicate points at a claim of its own workspace; deleting the original clears only the
-- pointer (never the workspace id); a claim is never its own duplicate.
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_duplicateOfId_workspaceId_fkey" FOREIGN KEY ("duplicateOfId", "workspaceId") REFERENCES "Claim"("id", "workspaceId") ON DELETE SET NULL ("duplicateOfId") ON UPDATE CASCADE;
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_not_own_duplicate" CHECK ("duplicateOfId" IS NULL OR "duplicateOfId" <> "id");
