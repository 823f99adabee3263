-- The claimant filter of search ("contains", ILIKE '%…%') through a trigram index (pg_trgm is
-- created by the search_and_duplicates migration), so a claimant with few claims, or none, is
-- found without reading every match of the words (docs/decisions/025-search-and-matching.md).

-- CreateIndex
CREATE INDEX "Claim_claimant_idx" ON "Claim" USING GIN ("claimant" gin_trgm_ops);
