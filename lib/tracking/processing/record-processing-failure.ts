// A failed processing is a SyncLog with success=false and details.error_type
// (seed 000 阶段五错误), and the job moves to failed. Nothing else changes:
// the tracker's transaction was rolled back or never opened.
import { prisma } from "@/lib/db/client";
import { transitionJob } from "../batches/job-status";
import type { TrackingDb } from "../db";
import type { TrackingErrorType } from "../errors";
import { findBatchId, findTrackingJob } from "./find-tracking-job";
import type { ProcessJobInput } from "./process-input";
import { writeSyncLog } from "@/lib/sync-logs/write-sync-log";

export interface FailureOutcome {
  status: "error";
  error_type: TrackingErrorType;
  message: string;
  job_id: string;
  source: string;
  batch_id: number | null;
}

export async function recordProcessingFailure(
  input: ProcessJobInput,
  failure: { errorType: TrackingErrorType; message: string; exportSha256?: string | null },
  db?: TrackingDb,
): Promise<FailureOutcome> {
  if (!db) return prisma.$transaction((tx) => recordProcessingFailure(input, failure, tx));
  const job = await findTrackingJob(db, input);
  const batchId = await findBatchId(db, job, input.batchUuid);
  await writeSyncLog({
    operationType: input.dryRun ? "webscraper_tracking_dry_run" : "webscraper_tracking",
    message: `Tracking failed for job ${input.jobId}: ${failure.errorType}: ${failure.message}`,
    success: false,
    jobId: input.jobId,
    taskId: input.taskId,
    details: {
      job_id: input.jobId,
      source: input.source,
      batch_uuid: input.batchUuid,
      custom_id: input.customId ?? job?.customId ?? null,
      error_type: failure.errorType,
      message: failure.message,
      export_sha256: failure.exportSha256 ?? null,
    },
  }, db);
  if (job && !input.dryRun) await transitionJob(db, job.id, "failed", `${failure.errorType}: ${failure.message}`);
  return { status: "error", error_type: failure.errorType, message: failure.message, job_id: input.jobId, source: input.source, batch_id: batchId };
}
