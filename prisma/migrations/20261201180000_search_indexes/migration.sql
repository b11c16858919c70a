-- The admin's user filter matches part of an email; the sidebar's search matches chat titles and messages.
-- Both are ILIKE '%…%' through pg_trgm (enabled by 20261129130000_admin_session_search).

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Message_text_idx" ON "Message" USING GIN ("text" gin_trgm_ops);
