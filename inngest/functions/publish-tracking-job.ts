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
import { webScraperRetryPolicyFromEnv, withWebScraperRetries } from "@/lib/webscraper/retrying-client";
import type { WebScraperClient } from "@/lib/webscraper/types";
import { PUBLISH_TRACKING_JOB_EVENT, publishTrackingJobEventData } from "@/lib/tracking/publishing/events";
import { publishAttempt } from "@/lib/tracking/publishing/publish-attempt";
import { publishRetryPolicyFromEnv, type PublishRetryPolicy } from "@/lib/tracking/publishing/publish-retry-policy";
import { describePublishError, PublishJobNotFoundError } from "@/lib/tracking/publishing/publish-tracking-job";
import { publishWithRetries } from "@/lib/tracking/publishing/publish-with-retries";
import { recordPublishFailure } from "@/lib/tracking/publishing/record-publish-failure";

const RETRIES = 4;

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

export function createPublishTrackingJobFunction(
  getClient: () => WebScraperClient,
  getPolicy: () => PublishRetryPolicy = () => publishRetryPolicyFromEnv(),
) {
  return inngest.createFunction(
    {
      id: "publish-tracking-job",
      name: "Publish tracking job to WebScraper.io",
      triggers: [{ event: PUBLISH_TRACKING_JOB_EVENT }],
      // PUBLISH_THROTTLE_LIMIT / _PERIOD let tests run faster than WebScraper.io's limit allows.
      throttle: process.env.PUBLISH_THROTTLE_LIMIT
        ? { limit: Number(process.env.PUBLISH_THROTTLE_LIMIT), period: (process.env.PUBLISH_THROTTLE_PERIOD ?? "25s") as "25s" }
        : PUBLISH_THROTTLE,
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

// The reads inside an attempt (looking for a job published before a crash) retry on their own, as downloads do
// (429 without an attempt, backoff with jitter); creating the job is not repeated inside an attempt.
export const publishTrackingJobFunction = createPublishTrackingJobFunction(() =>
  withWebScraperRetries(webScraperClientFromEnv(), { policy: webScraperRetryPolicyFromEnv() }),
);
