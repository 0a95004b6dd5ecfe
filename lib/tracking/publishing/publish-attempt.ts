// One attempt at publishing a job, for a durable workflow that does its own
// waiting (publish-retry-policy.ts): a retryable failure comes back as the
// wait to do before the next attempt instead of being thrown, so the engine's
// retry counter is left for what publishing did not foresee (the database).
import { WebScraperApiError } from "../../webscraper/types";
import type { PublishTrackingJobEventData } from "./events";
import { backoffMs, rateLimitWaitMs } from "../../webscraper/retry-timing";
import type { PublishRetryPolicy } from "./publish-retry-policy";
import {
  describePublishError,
  isRetryablePublishError,
  publishTrackingJob,
  type PublishOptions,
  type PublishOutcome,
} from "./publish-tracking-job";

export type PublishAttemptResult =
  | PublishOutcome
  /** A 429: wait `waitMs` (from Retry-After) and try again; not an attempt. */
  | { status: "rate_limited"; customId: string; waitMs: number; error: string }
  /** A retryable failure that counts as an attempt: wait `waitMs` (backoff with jitter) and try again. */
  | { status: "retry"; customId: string; waitMs: number; error: string };

export async function publishAttempt(
  input: PublishTrackingJobEventData,
  options: Omit<PublishOptions, "finalAttempt"> & { policy: PublishRetryPolicy; failuresSoFar: number; random?: () => number },
): Promise<PublishAttemptResult> {
  try {
    return await publishTrackingJob(input, { ...options, finalAttempt: false });
  } catch (error) {
    if (!isRetryablePublishError(error)) throw error;
    const message = describePublishError(error);
    if (error instanceof WebScraperApiError && error.status === 429) {
      return {
        status: "rate_limited",
        customId: input.customId,
        waitMs: rateLimitWaitMs(options.policy, error.retryAfterMs),
        error: message,
      };
    }
    return {
      status: "retry",
      customId: input.customId,
      waitMs: backoffMs(options.policy, options.failuresSoFar + 1, options.random),
      error: message,
    };
  }
}
