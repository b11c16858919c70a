-- Regenerated answers and edited questions: a session's runs form a tree. Each run follows the run
-- before it on its branch (parentRunId) and answers a question (questionId, the USER message; a
-- regenerated run answers its original's question, so it has no message of its own).
-- Feedback: a user's thumbs up (1) or down (-1) on an answer.

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "parentRunId" TEXT, ADD COLUMN "questionId" TEXT, ADD COLUMN "feedback" INTEGER,
  ADD COLUMN "feedbackAt" TIMESTAMP(3),
  ADD CONSTRAINT "Run_feedback_check" CHECK ("feedback" IN (-1, 1));

-- Until now a session was one line: each run followed the one started before it.
UPDATE "Run" r SET "parentRunId" = p.parent
FROM (SELECT id, lag(id) OVER (PARTITION BY "sessionId" ORDER BY "createdAt", id) AS parent FROM "Run") p
WHERE r.id = p.id AND p.parent IS NOT NULL;

UPDATE "Run" r SET "questionId" = m.id FROM "Message" m WHERE m."runId" = r.id AND m.role = 'USER';

-- CreateIndex
CREATE INDEX "Run_parentRunId_idx" ON "Run"("parentRunId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_parentRunId_fkey" FOREIGN KEY ("parentRunId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;
