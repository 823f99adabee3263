-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lastDurationMs" INTEGER;
