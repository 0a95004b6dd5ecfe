// Publishes one TrackingJob to WebScraper.io (seed 001 Phase 1.5). The seed's
// 6-second sleep becomes the engine's throttle: 150 runs per 15 minutes, the
// WebScraper.io job limit, spaced evenly across all batches and workers.
//
// Retries (issue 7, fault 13) are this function's own loop of steps and
// durable sleeps (lib/tracking/publishing/publish-retry-policy.ts): a 429
// sleeps for its Retry-After without spending an attempt, other failures
// back off with jitter up to minutes, and after the last attempt the job is
// failed for the sweeper (requeue-failed-publishes) to queue again. The
// engine's own retries (explicitly RETRIES, whatever its default) only cover
// errors the loop does not expect, such as the database being away.
import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { webScraperClientFromEnv } from "@/lib/webscraper/client";
import type { WebScraperClient } from "@/lib/webscraper/types";
import { PUBLISH_TRACKING_JOB_EVENT, publishTrackingJobEventData } from "@/lib/tracking/publishing/events";
import { publishAttempt } from "@/lib/tracking/publishing/publish-attempt";
import { publishRetryPolicyFromEnv, type PublishRetryPolicy } from "@/lib/tracking/publishing/publish-retry-policy";
import { describePublishError, PublishJobNotFoundError } from "@/lib/tracking/publishing/publish-tracking-job";
import { publishWithRetries } from "@/lib/tracking/publishing/publish-with-retries";
import { recordPublishFailure } from "@/lib/tracking/publishing/record-publish-failure";

const RETRIES = 4;

export function createPublishTrackingJobFunction(
  getClient: () => WebScraperClient,
  getPolicy: () => PublishRetryPolicy = () => publishRetryPolicyFromEnv(),
) {
  return inngest.createFunction(
    {
      id: "publish-tracking-job",
      name: "Publish tracking job to WebScraper.io",
      triggers: [{ event: PUBLISH_TRACKING_JOB_EVENT }],
      throttle: { limit: Number(process.env.PUBLISH_THROTTLE_LIMIT ?? 150), period: (process.env.PUBLISH_THROTTLE_PERIOD ?? "15m") as "15m" },
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
    async ({ event, step, runId }) => {
      const parsed = publishTrackingJobEventData.safeParse(event.data);
      if (!parsed.success) throw new NonRetriableError(`Invalid ${PUBLISH_TRACKING_JOB_EVENT} data: ${parsed.error.message}`);
      const policy = getPolicy();
      return publishWithRetries(parsed.data, {
        policy,
        steps: {
          run: (id, work) => step.run(id, work) as never,
          sleep: async (id, ms) => {
            await step.sleep(id, ms);
          },
        },
        attempt: async (failuresSoFar) => {
          try {
            return await publishAttempt(parsed.data, { client: getClient(), taskId: runId, policy, failuresSoFar });
          } catch (error) {
            if (error instanceof PublishJobNotFoundError) throw new NonRetriableError(error.message, { cause: error });
            throw error;
          }
        },
        recordFailure: (error) => recordPublishFailure({ ...parsed.data, error, taskId: runId }),
      });
    },
  );
}

export const publishTrackingJobFunction = createPublishTrackingJobFunction(() => webScraperClientFromEnv());
