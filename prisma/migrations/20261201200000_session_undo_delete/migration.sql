-- A deleted chat can be restored for SESSION_UNDO_S seconds; the housekeeping purges it after that.

-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN "deletedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ChatSession_deletedAt_idx" ON "ChatSession"("deletedAt");
