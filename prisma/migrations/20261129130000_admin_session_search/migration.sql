-- Admin session list: title search through trigrams, sorting by message count.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "ChatSession_messageCount_idx" ON "ChatSession"("messageCount");

-- CreateIndex
CREATE INDEX "ChatSession_title_idx" ON "ChatSession" USING GIN ("title" gin_trgm_ops);
