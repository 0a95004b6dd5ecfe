// Publishes one TrackingJob to WebScraper.io (seed 001 Phase 1.5). The seed's
// 6-second sleep becomes the engine's throttle, which must keep WebScraper.io's
// limit of 150 jobs in any 15 minutes across all batches and workers.
import { NonRetriableError, RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import { webScraperClientFromEnv } from "@/lib/webscraper/client";
import { WebScraperApiError, type WebScraperClient } from "@/lib/webscraper/types";
import { PUBLISH_TRACKING_JOB_EVENT, publishTrackingJobEventData } from "@/lib/tracking/publishing/events";
import { describePublishError, publishTrackingJob, PublishJobNotFoundError } from "@/lib/tracking/publishing/publish-tracking-job";
import { recordPublishFailure } from "@/lib/tracking/publishing/record-publish-failure";

const RETRIES = 2;

/**
 * Inngest's throttle is a GCRA that admits `limit + burst` runs at once and then
 * one every period/limit (pkg/constraintapi/lua/acquire.lua), so in any window of
 * W it starts at most  limit + burst + floor(W / (period / limit))  runs.
 * `{ limit: 150, period: "15m" }` would start 150 at once and up to 299 in the
 * first 15 minutes. With limit 4, period 25 s, burst 0 (one every 6.25 s, the
 * seed's 6-second spacing): 4 + floor(900 / 6.25) = 148 ≤ 150 in any 15 minutes,
 * on Inngest and on the local executor alike (which ports the same formula).
 */
export const PUBLISH_THROTTLE = { limit: 4, period: "25s" } as const;
export const WEBSCRAPER_JOBS_PER_15_MINUTES = 150;

function toEngineError(error: unknown): unknown {
  if (error instanceof PublishJobNotFoundError) return new NonRetriableError(error.message, { cause: error });
  if (error instanceof WebScraperApiError && error.retryable && error.retryAfterMs !== undefined) {
    return new RetryAfterError(error.message, Math.max(1000, error.retryAfterMs), { cause: error });
  }
  return error;
}

export function createPublishTrackingJobFunction(getClient: () => WebScraperClient) {
  return inngest.createFunction(
    {
      id: "publish-tracking-job",
      name: "Publish tracking job to WebScraper.io",
      triggers: [{ event: PUBLISH_TRACKING_JOB_EVENT }],
      throttle: PUBLISH_THROTTLE,
      // Two runs for one custom id (a duplicate event past the id dedupe window) never overlap.
      concurrency: { key: "event.data.customId", limit: 1 },
      retries: RETRIES,
      // Retries exhausted by something publishTrackingJob did not record itself (the database, say).
      onFailure: async ({ event, error, runId }) => {
        const data = publishTrackingJobEventData.safeParse(event.data.event.data);
        if (!data.success) return;
        await recordPublishFailure({ ...data.data, error: describePublishError(error), taskId: runId });
      },
    },
    async ({ event, step, attempt, maxAttempts, runId }) => {
      const parsed = publishTrackingJobEventData.safeParse(event.data);
      if (!parsed.success) throw new NonRetriableError(`Invalid ${PUBLISH_TRACKING_JOB_EVENT} data: ${parsed.error.message}`);
      const finalAttempt = attempt + 1 >= (maxAttempts ?? RETRIES + 1);
      return step.run("publish", async () => {
        try {
          return await publishTrackingJob(parsed.data, { client: getClient(), finalAttempt, taskId: runId });
        } catch (error) {
          throw toEngineError(error);
        }
      });
    },
  );
}

export const publishTrackingJobFunction = createPublishTrackingJobFunction(() => webScraperClientFromEnv());
