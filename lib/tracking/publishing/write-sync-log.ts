// SyncLog rows of the publishing half (seed 001 §6.3). details.job_id is kept
// in the JSON only: the SyncLog.jobId column is the receiving half's dedupe key
// for processed webhooks (seed 000 §5.2) and must not match a mere publish.
import { prisma, type Prisma } from "../../db/client";

export type PublishingOperationType =
  | "tracking_number_empty_triggered"
  | "tracking_number_empty_completed"
  | "japan_post_tracking_10_triggered"
  | "japan_post_tracking_10_completed"
  | "tracking_batch_imported"
  | "tracking_job_published"
  | "tracking_job_publish_failed";

export async function writeSyncLog(entry: {
  operationType: PublishingOperationType;
  message: string;
  success: boolean;
  details?: Prisma.InputJsonObject;
  taskId?: string | null;
  filePath?: string | null;
}): Promise<void> {
  await prisma.syncLog.create({
    data: {
      operationType: entry.operationType,
      message: entry.message,
      success: entry.success,
      details: entry.details ?? {},
      taskId: entry.taskId ?? null,
      filePath: entry.filePath ?? null,
    },
  });
}
