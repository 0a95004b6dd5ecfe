-- The webhook dedupe check (seed 000 section 5.2, keyed by job id and export hash)
-- looks up the successful webscraper_tracking logs of one job. A partial
-- expression index the Prisma schema language cannot express, so it lives here only.
CREATE INDEX IF NOT EXISTS "SyncLog_tracking_dedupe_idx"
  ON "SyncLog" ("jobId", ((details ->> 'export_sha256')))
  WHERE "operationType" = 'webscraper_tracking' AND success;
