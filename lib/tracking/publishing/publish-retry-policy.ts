// How hard publishing tries before a job is failed (issue 7, fault 13). Seed
// 001 publishes once with no retry; WebScraper.io answers 429 past its limit
// and 5xx when it is unwell, and giving up after 3 quick attempts failed most
// of a batch for good. So:
// - a 429 waits the time Retry-After asks for and does not count as an attempt
//   (bounded by a number of waits, not to loop for ever on a stuck limit);
// - any other retryable failure is an attempt, followed by a backoff doubling
//   from `backoffBaseMs` up to `backoffMaxMs`, with jitter so a batch's jobs
//   do not retry in lock-step;
// - after `maxAttempts` the job is failed, and the sweeper queues it again later.
// Waits are durable step sleeps decided by the function itself, so they hold
// whatever retry policy the engine applies to thrown errors (Inngest's own
// retries count a RetryAfterError as an attempt). Tests scale time down with
// the settings below.

import { readIntSetting, type RetryTiming } from "../../webscraper/retry-timing";

export interface PublishRetryPolicy extends RetryTiming {
  maxAttempts: number;
  maxRateLimitWaits: number;
}

export const DEFAULT_PUBLISH_RETRY_POLICY: PublishRetryPolicy = {
  maxAttempts: 8,
  backoffBaseMs: 15_000,
  backoffMaxMs: 10 * 60_000,
  rateLimitMinWaitMs: 1000,
  rateLimitMaxWaitMs: 60 * 60_000,
  rateLimitDefaultWaitMs: 60_000,
  maxRateLimitWaits: 200,
};

/** PUBLISH_MAX_ATTEMPTS, PUBLISH_BACKOFF_BASE_MS, PUBLISH_BACKOFF_MAX_MS, PUBLISH_RATE_LIMIT_MIN_WAIT_MS, PUBLISH_RATE_LIMIT_MAX_WAIT_MS, PUBLISH_RATE_LIMIT_DEFAULT_WAIT_MS, PUBLISH_MAX_RATE_LIMIT_WAITS. */
export function publishRetryPolicyFromEnv(env: Record<string, string | undefined> = process.env): PublishRetryPolicy {
  const d = DEFAULT_PUBLISH_RETRY_POLICY;
  return {
    maxAttempts: readIntSetting(env, "PUBLISH_MAX_ATTEMPTS", d.maxAttempts, 1),
    backoffBaseMs: readIntSetting(env, "PUBLISH_BACKOFF_BASE_MS", d.backoffBaseMs, 0),
    backoffMaxMs: readIntSetting(env, "PUBLISH_BACKOFF_MAX_MS", d.backoffMaxMs, 0),
    rateLimitMinWaitMs: readIntSetting(env, "PUBLISH_RATE_LIMIT_MIN_WAIT_MS", d.rateLimitMinWaitMs, 0),
    rateLimitMaxWaitMs: readIntSetting(env, "PUBLISH_RATE_LIMIT_MAX_WAIT_MS", d.rateLimitMaxWaitMs, 0),
    rateLimitDefaultWaitMs: readIntSetting(env, "PUBLISH_RATE_LIMIT_DEFAULT_WAIT_MS", d.rateLimitDefaultWaitMs, 0),
    maxRateLimitWaits: readIntSetting(env, "PUBLISH_MAX_RATE_LIMIT_WAITS", d.maxRateLimitWaits, 0),
  };
}
