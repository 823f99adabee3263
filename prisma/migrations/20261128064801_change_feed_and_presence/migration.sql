-- CreateEnum
CREATE TYPE "ChangeOrigin" AS ENUM ('WEB', 'API', 'SYSTEM');

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "rev" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "articleId" TEXT,
ADD COLUMN     "origin" "ChangeOrigin" NOT NULL DEFAULT 'SYSTEM';

-- CreateTable
CREATE TABLE "Presence" (
    "tabId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "claimId" TEXT,
    "activity" TEXT,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("tabId")
);

-- CreateIndex
CREATE INDEX "Presence_articleId_seenAt_idx" ON "Presence"("articleId", "seenAt");

-- CreateIndex
CREATE INDEX "Event_articleId_id_idx" ON "Event"("articleId", "id");

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_articleId_workspaceId_fkey" FOREIGN KEY ("articleId", "workspaceId") REFERENCES "Article"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: earlier events name their article through their claim, or are the article's own;
-- each claim's revision is the last event that touched it.
UPDATE "Event" e SET "articleId" = c."articleId" FROM "Claim" c WHERE e."claimId" = c."id" AND e."articleId" IS NULL;
UPDATE "Event" SET "articleId" = "entityId" WHERE "entityType" = 'article' AND "articleId" IS NULL;
UPDATE "Claim" c SET "rev" = m."lastId" FROM (SELECT "claimId", MAX("id") AS "lastId" FROM "Event" WHERE "claimId" IS NOT NULL GROUP BY "claimId") m WHERE m."claimId" = c."id";
