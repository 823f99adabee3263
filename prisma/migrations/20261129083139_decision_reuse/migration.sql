-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "reusedFromDecisionId" TEXT;

-- CreateIndex
CREATE INDEX "Decision_workspaceId_reusedFromDecisionId_idx" ON "Decision"("workspaceId", "reusedFromDecisionId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_id_workspaceId_key" ON "Decision"("id", "workspaceId");

-- A reused verdict points at a decision of its own workspace; deleting the original (and with it
-- its decisions) clears only the pointer, never the workspace id; a decision never reuses itself.
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_reusedFromDecisionId_workspaceId_fkey" FOREIGN KEY ("reusedFromDecisionId", "workspaceId") REFERENCES "Decision"("id", "workspaceId") ON DELETE SET NULL ("reusedFromDecisionId") ON UPDATE CASCADE;
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_not_own_reuse" CHECK ("reusedFromDecisionId" IS NULL OR "reusedFromDecisionId" <> "id");
