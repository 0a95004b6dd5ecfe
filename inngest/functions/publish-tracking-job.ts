// Publishes one TrackingJob to WebScraper.io (seed 001 Phase 1.5). The seed's
// 6-second sleep becomes the engine's throttle: 150 runs per 15 minutes, the
// WebScraper.io job limit, spaced evenly across all batches and workers.
import { NonRetriableError, RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import { webScraperClientFromEnv } from "@/lib/webscraper/client";
import { WebScraperApiError, type WebScraperClient } from "@/lib/webscraper/types";
import { PUBLISH_TRACKING_JOB_EVENT, publishTrackingJobEventData } from "@/lib/tracking/publishing/events";
import { describePublishError, publishTrackingJob, PublishJobNotFoundError } from "@/lib/tracking/publishing/publish-tracking-job";
import { recordPublishFailure } from "@/lib/tracking/publishing/record-publish-failure";

const RETRIES = 2;

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
      throttle: { limit: 150, period: "15m" },
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
