// Phase 1.5 of seed 001: publish one TrackingJob's URL to WebScraper.io.
// Never twice for one custom id: a job with a recorded jobId is skipped (the
// seed's 断点续传 check), and before creating a scraping job WebScraper is asked
// for one with the same custom id, which exists when an earlier attempt
// published and then crashed before recording it.
// Pacing (150 jobs / 15 min) is the engine's throttle, not a sleep here.
import { prisma } from "../../db/client";
import { WebScraperApiError, type ScrapingJob, type WebScraperClient } from "../../webscraper/types";
import { getTrackerConfig, isTrackerName, type TrackerConfig } from "../tracker-configs";
import { trackerForJob } from "../tracker-for-job";
import type { PublishTrackingJobEventData } from "./events";
import { recordPublishFailure } from "./record-publish-failure";
import { writeSyncLog } from "../../sync-logs/write-sync-log";

export type PublishOutcome =
  | { status: "published"; customId: string; jobId: string }
  | { status: "recovered"; customId: string; jobId: string }
  | { status: "skipped"; customId: string; jobId: string | null; reason: "already_published" | "not_pending" }
  | { status: "failed"; customId: string; error: string };

export interface PublishOptions {
  client: WebScraperClient;
  /** No retry follows this attempt: record a retryable error on the job instead of rethrowing it. */
  finalAttempt?: boolean;
  /** The engine's run id (SyncLog.taskId). */
  taskId?: string;
  now?: () => Date;
}

export class PublishJobNotFoundError extends Error {
  constructor(input: PublishTrackingJobEventData) {
    super(`No tracking job ${input.customId} in batch ${input.batchUuid}`);
    this.name = "PublishJobNotFoundError";
  }
}

// A scraping job found by custom id counts only if it is this tracker's and was
// created after our row: custom ids carry 8 characters of the batch uuid, and an
// old batch's job must never be mistaken for this one. Clocks may differ a little.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

// A re-queued job (requeue-failed-jobs.ts) counts only scraping jobs created
// since it was queued again, and never one of its earlier, failed publishes.
function isOurScrapingJob(
  job: ScrapingJob,
  customId: string,
  config: TrackerConfig,
  row: { createdAt: Date; requeuedAt: Date | null; supersededJobIds: string[] },
): boolean {
  const since = (row.requeuedAt ?? row.createdAt).getTime() - CLOCK_SKEW_MS;
  return (
    job.custom_id === customId &&
    Number(job.sitemap_id) === config.sitemapId &&
    job.time_created * 1000 >= since &&
    !row.supersededJobIds.includes(String(job.id))
  );
}

export function describePublishError(error: unknown): string {
  if (error instanceof WebScraperApiError)
    return error.status ? `WebScraper API ${error.status}: ${error.message}` : `WebScraper API: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Errors worth another attempt: 5xx, 429, network; anything unexpected too (a DB hiccup). */
export function isRetryablePublishError(error: unknown): boolean {
  if (error instanceof WebScraperApiError) return error.retryable;
  return !(error instanceof PublishJobNotFoundError);
}

export async function publishTrackingJob(input: PublishTrackingJobEventData, options: PublishOptions): Promise<PublishOutcome> {
  const now = options.now ?? (() => new Date());
  const job = await prisma.trackingJob.findFirst({
    where: { customId: input.customId, batch: { batchUuid: input.batchUuid } },
    select: {
      id: true,
      batchId: true,
      jobId: true,
      status: true,
      targetUrl: true,
      createdAt: true,
      requeuedAt: true,
      supersededJobIds: true,
      batch: { select: { taskName: true } },
    },
  });
  if (!job) throw new PublishJobNotFoundError(input);
  if (job.jobId) return { status: "skipped", customId: input.customId, jobId: job.jobId, reason: "already_published" };
  if (job.status !== "pending") return { status: "skipped", customId: input.customId, jobId: null, reason: "not_pending" };

  const fail = async (error: unknown): Promise<PublishOutcome> => {
    const message = describePublishError(error);
    await recordPublishFailure({ ...input, error: message, taskId: options.taskId });
    return { status: "failed", customId: input.customId, error: message };
  };

  const tracker = trackerForJob({ customId: input.customId, batchTaskName: job.batch.taskName });
  if (!isTrackerName(tracker)) return fail(new Error(`Unknown tracker ${tracker}`));
  const config = getTrackerConfig(tracker);

  let scrapingJobId: string;
  let recovered = false;
  try {
    const existing = (await options.client.findScrapingJobsByCustomId(input.customId, config.sitemapId)).find((j) =>
      isOurScrapingJob(j, input.customId, config, job),
    );
    if (existing) {
      scrapingJobId = String(existing.id);
      recovered = true;
    } else {
      const created = await options.client.createScrapingJob({
        sitemap_id: config.sitemapId,
        driver: config.driver,
        page_load_delay: config.pageLoadDelay,
        request_interval: config.requestInterval,
        start_urls: [job.targetUrl],
        custom_id: input.customId,
      });
      scrapingJobId = String(created.id);
    }
  } catch (error) {
    if (isRetryablePublishError(error) && !options.finalAttempt) throw error;
    return fail(error);
  }

  // Conditional on jobId still being null: a concurrent attempt that recorded
  // first wins and this one reports a skip.
  const { count } = await prisma.trackingJob.updateMany({
    where: { id: job.id, jobId: null },
    data: { jobId: scrapingJobId, publishedAt: now(), errorMessage: null },
  });
  if (count === 0) {
    const current = await prisma.trackingJob.findUnique({ where: { id: job.id }, select: { jobId: true } });
    return { status: "skipped", customId: input.customId, jobId: current?.jobId ?? null, reason: "already_published" };
  }
  await writeSyncLog({
    operationType: "tracking_job_published",
    message: `${recovered ? "Recovered" : "Published"} ${input.customId} (job_id=${scrapingJobId})`,
    success: true,
    taskId: options.taskId,
    details: { custom_id: input.customId, job_id: scrapingJobId, batch_uuid: input.batchUuid, recovered },
  });
  return { status: recovered ? "recovered" : "published", customId: input.customId, jobId: scrapingJobId };
}
