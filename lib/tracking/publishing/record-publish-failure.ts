// A job that could not be published is marked failed with the error, logged,
// and counted in its batch, so the batch can still finish as `partial`.
import { prisma } from "../../db/client";
import type { PublishTrackingJobEventData } from "./events";
import { refreshBatchProgress } from "../batches/refresh-batch-progress";
import { writeSyncLog } from "../../sync-logs/write-sync-log";

/** Only a job still unpublished and pending changes; returns whether it did (so a second report is a no-op). */
export async function recordPublishFailure(input: PublishTrackingJobEventData & { error: string; taskId?: string }): Promise<boolean> {
  const job = await prisma.trackingJob.findFirst({
    where: { customId: input.customId, batch: { batchUuid: input.batchUuid } },
    select: { id: true, batchId: true },
  });
  if (!job) return false;
  const { count } = await prisma.trackingJob.updateMany({
    where: { id: job.id, jobId: null, status: "pending" },
    data: { status: "failed", errorMessage: input.error },
  });
  if (count === 0) return false;
  await writeSyncLog({
    operationType: "tracking_job_publish_failed",
    message: `Publishing ${input.customId} failed: ${input.error}`,
    success: false,
    taskId: input.taskId,
    details: { custom_id: input.customId, job_id: null, batch_uuid: input.batchUuid, error: input.error },
  });
  await refreshBatchProgress(job.batchId);
  return true;
}
