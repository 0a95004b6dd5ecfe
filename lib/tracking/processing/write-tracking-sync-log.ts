// SyncLog rows of the receiving half (seed 000 "SyncLog 记录类型"). The jobId
// column copies details.job_id so the §5.2 dedupe lookup is an index scan.
import type { Prisma } from "@/lib/db/client";
import type { TrackingDb } from "../db";

export type TrackingOperationType =
  | "webscraper_tracking"
  | "webscraper_tracking_dry_run"
  | "official_website_redirect_to_yamato_tracking_completed"
  | "redirect_to_japan_post_tracking_triggered"
  | "redirect_to_japan_post_tracking_failed";

export async function writeTrackingSyncLog(
  db: TrackingDb,
  entry: {
    operationType: TrackingOperationType;
    message: string;
    success: boolean;
    details: Prisma.InputJsonObject;
    jobId: string | null;
    taskId?: string | null;
  },
): Promise<void> {
  await db.syncLog.create({
    data: {
      operationType: entry.operationType,
      message: entry.message,
      success: entry.success,
      details: entry.details,
      jobId: entry.jobId,
      taskId: entry.taskId ?? null,
    },
  });
}
