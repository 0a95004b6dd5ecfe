// One writer for every SyncLog row. The jobId column copies details.job_id only
// for processed webhooks: it is the seed 000 §5.2 dedupe key, so a publish or a
// worker run (seed 001 §6.3) must leave it empty and keep job_id in details.
import { prisma, type Prisma } from "../db/client";

export type SyncLogOperationType =
  // Receiving half (seed 000 "SyncLog 记录类型")
  | "webscraper_tracking"
  | "webscraper_tracking_dry_run"
  | "official_website_redirect_to_yamato_tracking_completed"
  | "redirect_to_japan_post_tracking_triggered"
  | "redirect_to_japan_post_tracking_failed"
  // Publishing half (seed 001 §6.3)
  | "tracking_number_empty_triggered"
  | "tracking_number_empty_completed"
  | "japan_post_tracking_10_triggered"
  | "japan_post_tracking_10_completed"
  | "tracking_batch_imported"
  | "tracking_job_published"
  | "tracking_job_publish_failed"
  // Issue 7: a failed job queued for publishing again (sweeper or staff)
  | "tracking_job_requeued";

export interface SyncLogEntry {
  operationType: SyncLogOperationType;
  message: string;
  success: boolean;
  details?: Prisma.InputJsonObject;
  jobId?: string | null;
  taskId?: string | null;
  filePath?: string | null;
}

/** Writes through `db` when given (a transaction), else the shared client. */
export async function writeSyncLog(entry: SyncLogEntry, db: Prisma.TransactionClient = prisma): Promise<void> {
  await db.syncLog.create({
    data: {
      operationType: entry.operationType,
      message: entry.message,
      success: entry.success,
      details: entry.details ?? {},
      jobId: entry.jobId ?? null,
      taskId: entry.taskId ?? null,
      filePath: entry.filePath ?? null,
    },
  });
}
