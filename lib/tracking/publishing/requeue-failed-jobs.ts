// Failed jobs queued for publishing again (issue 7, faults 13 and 17): by the
// sweeper for jobs that never got published (a bounded number of times, after
// they have rested a while), and by staff for any failed job of a batch (a
// publish that gave up, an export that failed, a scraping job WebScraper
// reported failed or stopped). The job goes back to pending without its old
// scraping job id, so a new scraping job is created; requeuedAt keeps the
// publisher from taking the old one for a crash to recover. Each re-queue has
// its own event id, since the engine drops an id it has seen.
import { prisma } from "../../db/client";
import type { Prisma } from "../../db/client";
import { refreshBatchProgress } from "../batches/refresh-batch-progress";
import { writeSyncLog } from "../../sync-logs/write-sync-log";
import { PUBLISH_TRACKING_JOB_EVENT } from "./events";

export interface RequeueFilter {
  /** Only this batch's jobs. */
  batchId?: number;
  /** Only jobs that never got a scraping job (publish failures): the sweeper's scope. */
  unpublishedOnly?: boolean;
  /** Jobs re-queued this many times already are left failed. */
  maxRequeues?: number;
  /** Only jobs that failed before this time. */
  failedBefore?: Date;
  limit?: number;
  /** Who asked, for the SyncLog: "sweeper", "staff:<email>". */
  requestedBy: string;
  now?: Date;
}

export interface RequeuedJob {
  batchUuid: string;
  customId: string;
  requeue: number;
}

export function requeueEventId(customId: string, requeue: number): string {
  return `publish-${customId}-r${requeue}`;
}

export function requeueEvents(jobs: RequeuedJob[]) {
  return jobs.map((job) => ({
    id: requeueEventId(job.customId, job.requeue),
    name: PUBLISH_TRACKING_JOB_EVENT,
    data: { batchUuid: job.batchUuid, customId: job.customId },
  }));
}

export async function requeueFailedJobs(filter: RequeueFilter): Promise<RequeuedJob[]> {
  const now = filter.now ?? new Date();
  const where: Prisma.TrackingJobWhereInput = {
    status: "failed",
    ...(filter.batchId !== undefined ? { batchId: filter.batchId } : {}),
    ...(filter.unpublishedOnly ? { jobId: null } : {}),
    ...(filter.maxRequeues !== undefined ? { publishRequeues: { lt: filter.maxRequeues } } : {}),
    ...(filter.failedBefore ? { updatedAt: { lt: filter.failedBefore } } : {}),
  };
  const candidates = await prisma.trackingJob.findMany({
    where,
    orderBy: { id: "asc" },
    take: filter.limit ?? 500,
    select: {
      id: true,
      batchId: true,
      customId: true,
      jobId: true,
      errorMessage: true,
      publishRequeues: true,
      batch: { select: { batchUuid: true } },
    },
  });
  const requeued: RequeuedJob[] = [];
  const batches = new Set<number>();
  for (const job of candidates) {
    // Conditional on the state read: a job that changed meanwhile (a late success) is left alone.
    const { count } = await prisma.trackingJob.updateMany({
      where: { id: job.id, status: "failed", publishRequeues: job.publishRequeues },
      data: {
        status: "pending",
        jobId: null,
        errorMessage: null,
        scraperStatus: null,
        publishedAt: null,
        publishRequeues: { increment: 1 },
        requeuedAt: now,
        ...(job.jobId ? { supersededJobIds: { push: job.jobId } } : {}),
      },
    });
    if (count === 0) continue;
    const requeue = job.publishRequeues + 1;
    requeued.push({ batchUuid: job.batch.batchUuid, customId: job.customId, requeue });
    batches.add(job.batchId);
    await writeSyncLog({
      operationType: "tracking_job_requeued",
      message: `Queued ${job.customId} for publishing again (${filter.requestedBy}, re-queue ${requeue})`,
      success: true,
      details: {
        custom_id: job.customId,
        batch_uuid: job.batch.batchUuid,
        previous_job_id: job.jobId,
        previous_error: job.errorMessage,
        requeue,
        requested_by: filter.requestedBy,
      },
    });
  }
  for (const batchId of batches) await refreshBatchProgress(batchId);
  return requeued;
}
