-- A year of data (issue 10): every dashboard list answers from an index.

-- Lists ordered newest first with a stable tie-break.
DROP INDEX IF EXISTS "SyncLog_operationType_createdAt_idx";
DROP INDEX IF EXISTS "SyncLog_createdAt_idx";
CREATE INDEX "SyncLog_operationType_createdAt_id_idx" ON "SyncLog"("operationType", "createdAt" DESC, "id" DESC);
CREATE INDEX "SyncLog_createdAt_id_idx" ON "SyncLog"("createdAt" DESC, "id" DESC);
CREATE INDEX "Purchasing_updatedAt_id_idx" ON "Purchasing"("updatedAt" DESC, "id" DESC);

-- Substring search (ILIKE '%q%') on log messages and order / tracking numbers.
-- Trigram indexes the Prisma schema language cannot express, so they live here only.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "SyncLog_message_trgm_idx" ON "SyncLog" USING gin ("message" gin_trgm_ops);
CREATE INDEX "Purchasing_orderNumber_trgm_idx" ON "Purchasing" USING gin ("orderNumber" gin_trgm_ops);
CREATE INDEX "Purchasing_trackingNumber_trgm_idx" ON "Purchasing" USING gin ("trackingNumber" gin_trgm_ops);
