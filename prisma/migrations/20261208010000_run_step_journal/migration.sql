-- Durable runs: what a run needs to be executed again by any process, and its step journal.

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "input" JSONB,
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "RunStep" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "afterSeq" INTEGER NOT NULL,
    "output" JSON,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RunStep_pkey" PRIMARY KEY ("runId","key")
);

-- AddForeignKey
ALTER TABLE "RunStep" ADD CONSTRAINT "RunStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
