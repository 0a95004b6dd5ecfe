// A failed processing is a SyncLog with success=false and details.error_type
// (seed 000 阶段五错误), and the job moves to failed. Nothing else changes:
// the tracker's transaction was rolled back or never opened. A refused match
// (job_mismatch) is logged but touches no job: the job it found is not this
// notification's.
import { prisma, type Prisma } from "@/lib/db/client";
import { transitionJob } from "../batches/job-status";
import type { TrackingDb } from "../db";
import type { TrackingErrorType } from "../errors";
import { batchUuidOf, findBatchId, matchTrackingJob } from "./find-tracking-job";
import type { ProcessJobInput } from "./process-input";
import type { TrackerLogSummary } from "./summarize-for-log";
import { writeSyncLog } from "@/lib/sync-logs/write-sync-log";

export interface FailureOutcome {
  status: "error";
  error_type: TrackingErrorType;
  message: string;
  job_id: string;
  source: string;
  batch_id: number | null;
  /** WebScraper's own status when it reported the scraping job failed or stopped. */
  scraper_status?: string | null;
  /** Rows of a failed or stopped scraping job's export that were applied anyway. */
  partial_result?: TrackerLogSummary | null;
}

export async function recordProcessingFailure(
  input: ProcessJobInput,
  failure: { errorType: TrackingErrorType; message: string; exportSha256?: string | null; extraDetails?: Prisma.InputJsonObject },
  db?: TrackingDb,
): Promise<FailureOutcome> {
  if (!db) return prisma.$transaction((tx) => recordProcessingFailure(input, failure, tx), { maxWait: 60_000, timeout: 60_000 });
  const match = await matchTrackingJob(db, input);
  const job = match.job;
  const batchId = await findBatchId(db, job, input.batchUuid);
  await writeSyncLog(
    {
      operationType: input.dryRun ? "webscraper_tracking_dry_run" : "webscraper_tracking",
      message: `Tracking failed for job ${input.jobId}: ${failure.errorType}: ${failure.message}`,
      success: false,
      jobId: input.jobId,
      taskId: input.taskId,
      details: {
        job_id: input.jobId,
        source: input.source,
        batch_uuid: await batchUuidOf(db, job, input.batchUuid),
        custom_id: input.customId ?? job?.customId ?? null,
        error_type: failure.errorType,
        message: failure.message,
        export_sha256: failure.exportSha256 ?? null,
        scraper_status: input.scraperStatus ?? null,
        ...failure.extraDetails,
      },
    },
    db,
  );
  if (job && !input.dryRun) {
    await transitionJob(db, job.id, "failed", `${failure.errorType}: ${failure.message}`);
    if (input.scraperStatus) await db.trackingJob.update({ where: { id: job.id }, data: { scraperStatus: input.scraperStatus } });
  }
  return {
    status: "error",
    error_type: failure.errorType,
    message: failure.message,
    job_id: input.jobId,
    source: input.source,
    batch_id: batchId,
    ...(input.scraperStatus ? { scraper_status: input.scraperStatus } : {}),
  };
}
