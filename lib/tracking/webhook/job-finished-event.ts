// The event the webhook enqueues and process-webscraper-tracking consumes:
// seed 000 §4.6's process_webscraper_tracking.delay(...) arguments.
import { z } from "zod";

export const WEBSCRAPER_JOB_FINISHED_EVENT = "tracking/webscraper.job-finished";

export const webscraperJobFinishedData = z.object({
  source_name: z.string().min(1),
  job_id: z.string().min(1),
  /** The TrackingBatch, when the webhook named it or the TrackingJob was found. */
  batch_uuid: z.string().uuid().nullable(),
  custom_id: z.string().nullable(),
  /** The notification as received, token fields removed. */
  request_data: z.record(z.string(), z.unknown()),
  dry_run: z.boolean(),
  dedupe: z.boolean(),
  upsert: z.boolean(),
});

export type WebscraperJobFinishedData = z.infer<typeof webscraperJobFinishedData>;

// WebScraper retries a notification it got no 2xx for, and "Continue" on a
// job notifies again with the same scrapingjob_id and new data. The event id
// therefore collapses a burst of identical deliveries (Inngest drops an id it
// has seen) but not a later re-run: the minute is part of it. Exactly-once
// processing is the processing step's claim (job id + export hash), not this.
export function jobFinishedEventId(source: string, jobId: string, now = new Date()): string {
  return `webscraper-tracking:${source}:${jobId}:${Math.floor(now.getTime() / 60_000)}`;
}
