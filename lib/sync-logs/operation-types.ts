// Every SyncLog.operationType, the one list: the writer's type, the list API's
// filter, the logs page's options and the database's CHECK constraint
// (migration 20261130120000_typed_statuses; a test holds the two equal) all
// come from here. The values: seed 000 "SyncLog 记录类型" (receiving half), seed
// 001 §6.3 (publishing half) and issue 7's tracking_job_requeued. Kept in
// alphabetical order, the order the column sorts in.
//
// A CHECK constraint rather than a Postgres enum: SyncLog is the largest table
// (a million rows a year), and changing a column's type rewrites it and its
// indexes under an exclusive lock, while a CHECK is added NOT VALID and
// validated without blocking writers; the list grows with every feature (a new
// value is a constraint swap, not ALTER TYPE … ADD VALUE, which a migration
// cannot use in the transaction that adds it); and raw SQL keeps comparing the
// column with plain text parameters and sorting it alphabetically.
export const SYNC_LOG_OPERATION_TYPES = [
  "japan_post_tracking_10_completed",
  "japan_post_tracking_10_triggered",
  "official_website_redirect_to_yamato_tracking_completed",
  "redirect_to_japan_post_tracking_failed",
  "redirect_to_japan_post_tracking_triggered",
  "tracking_batch_imported",
  "tracking_job_publish_failed",
  "tracking_job_published",
  "tracking_job_requeued",
  "tracking_number_empty_completed",
  "tracking_number_empty_triggered",
  "webscraper_tracking",
  "webscraper_tracking_dry_run",
] as const;

export type SyncLogOperationType = (typeof SYNC_LOG_OPERATION_TYPES)[number];
