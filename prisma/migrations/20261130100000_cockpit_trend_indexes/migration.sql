-- Cockpit trends (issue 11 §3) stay index range scans at 1M SyncLog rows:
-- delivered orders per day by status then time, and failures per day through
-- a partial index holding only the failed rows (a small fraction of the log).
CREATE INDEX IF NOT EXISTS "PurchasingStatusChange_deliveryStatus_recordedAt_idx" ON "PurchasingStatusChange"("deliveryStatus", "recordedAt");
-- Partial: Prisma's schema cannot express it, so it lives only here (like SyncLog_tracking_dedupe_idx).
CREATE INDEX IF NOT EXISTS "SyncLog_failures_createdAt_idx" ON "SyncLog"("createdAt") WHERE NOT "success";
