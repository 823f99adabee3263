-- Search with a status filter walks one status's claims newest first
-- (docs/decisions/025-search-and-matching.md); the new index also serves everything the old
-- (workspaceId, status) one did.

-- DropIndex
DROP INDEX "Claim_workspaceId_status_idx";

-- CreateIndex
CREATE INDEX "Claim_workspaceId_status_createdAt_idx" ON "Claim"("workspaceId", "status", "createdAt");
