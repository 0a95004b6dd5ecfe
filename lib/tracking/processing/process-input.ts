// One webhook's processing request, as the event carries it (seed §4.6 kwargs).
import type { WebscraperJobFinishedData } from "../webhook/job-finished-event";

export interface ProcessJobInput {
  source: string;
  jobId: string;
  batchUuid: string | null;
  customId: string | null;
  dryRun: boolean;
  dedupe: boolean;
  upsert: boolean;
  /** The engine's run id (the seed's celery task id), for SyncLog.taskId. */
  taskId: string | null;
  /** WebScraper's status in the notification (finished, failed, stopped); null when it sent none. */
  scraperStatus?: string | null;
}

/** Statuses with which WebScraper reports a scraping job that did not finish normally. */
export const FAILED_SCRAPER_STATUSES = new Set(["failed", "stopped"]);

export function scraperFailed(input: ProcessJobInput): boolean {
  return !!input.scraperStatus && FAILED_SCRAPER_STATUSES.has(input.scraperStatus.toLowerCase());
}

export function processInputFromEvent(data: WebscraperJobFinishedData, taskId: string | null): ProcessJobInput {
  return {
    source: data.source_name,
    jobId: data.job_id,
    batchUuid: data.batch_uuid,
    customId: data.custom_id,
    dryRun: data.dry_run,
    dedupe: data.dedupe,
    upsert: data.upsert,
    taskId,
    scraperStatus: typeof data.request_data.status === "string" ? data.request_data.status.trim() || null : null,
  };
}
