// Retries for WebScraper.io calls made inside a processing step (issue 7,
// fault 13): the export download used to rely on the engine's 3 retries, and a
// 429 spent one of them. Here, inside the call:
// - a 429 waits what Retry-After (or X-RateLimit-Reset) asks, clamped, and is
//   not an attempt;
// - another retryable failure (5xx, a timeout, a cut connection) is an attempt,
//   followed by an exponential backoff with jitter so parallel jobs spread out;
// - all waits together stay under `maxTotalWaitMs`, so a step never holds its
//   request for long. When a 429 asks for more than is left, the error is
//   thrown with its wait (WebScraperApiError.retryAfterMs) and the workflow
//   sleeps durably instead (see rateLimitWaitOf), still without an attempt.
// Non-retryable errors (401, 404, a refused request) are thrown at once.
import { backoffMs, rateLimitWaitMs, readIntSetting, type RetryTiming } from "./retry-timing";
import { WebScraperApiError, type WebScraperClient } from "./types";

export interface WebScraperRetryPolicy extends RetryTiming {
  /** Failed attempts (not counting 429s) before the error is thrown. */
  maxAttempts: number;
  /** Bound on the time one call spends waiting, over all its retries. */
  maxTotalWaitMs: number;
}

export const DEFAULT_WEBSCRAPER_RETRY_POLICY: WebScraperRetryPolicy = {
  maxAttempts: 5,
  backoffBaseMs: 2000,
  backoffMaxMs: 30_000,
  rateLimitMinWaitMs: 1000,
  rateLimitMaxWaitMs: 10 * 60_000,
  rateLimitDefaultWaitMs: 60_000,
  maxTotalWaitMs: 2 * 60_000,
};

/** WEBSCRAPER_RETRY_MAX_ATTEMPTS, WEBSCRAPER_RETRY_BACKOFF_BASE_MS, WEBSCRAPER_RETRY_BACKOFF_MAX_MS, WEBSCRAPER_RATE_LIMIT_MIN_WAIT_MS, WEBSCRAPER_RATE_LIMIT_MAX_WAIT_MS, WEBSCRAPER_RATE_LIMIT_DEFAULT_WAIT_MS, WEBSCRAPER_RETRY_MAX_TOTAL_WAIT_MS. */
export function webScraperRetryPolicyFromEnv(env: Record<string, string | undefined> = process.env): WebScraperRetryPolicy {
  const d = DEFAULT_WEBSCRAPER_RETRY_POLICY;
  return {
    maxAttempts: readIntSetting(env, "WEBSCRAPER_RETRY_MAX_ATTEMPTS", d.maxAttempts, 1),
    backoffBaseMs: readIntSetting(env, "WEBSCRAPER_RETRY_BACKOFF_BASE_MS", d.backoffBaseMs, 0),
    backoffMaxMs: readIntSetting(env, "WEBSCRAPER_RETRY_BACKOFF_MAX_MS", d.backoffMaxMs, 0),
    rateLimitMinWaitMs: readIntSetting(env, "WEBSCRAPER_RATE_LIMIT_MIN_WAIT_MS", d.rateLimitMinWaitMs, 0),
    rateLimitMaxWaitMs: readIntSetting(env, "WEBSCRAPER_RATE_LIMIT_MAX_WAIT_MS", d.rateLimitMaxWaitMs, 0),
    rateLimitDefaultWaitMs: readIntSetting(env, "WEBSCRAPER_RATE_LIMIT_DEFAULT_WAIT_MS", d.rateLimitDefaultWaitMs, 0),
    maxTotalWaitMs: readIntSetting(env, "WEBSCRAPER_RETRY_MAX_TOTAL_WAIT_MS", d.maxTotalWaitMs, 0),
  };
}

export interface RetryDeps {
  policy?: WebScraperRetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about every wait (logs, tests). */
  onWait?: (wait: { call: string; reason: "rate_limited" | "failed"; ms: number; error: string }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `call` with the policy above; the last error is thrown when attempts or the wait budget run out. */
export async function callWithRetries<T>(what: string, call: () => Promise<T>, deps: RetryDeps = {}): Promise<T> {
  const policy = deps.policy ?? DEFAULT_WEBSCRAPER_RETRY_POLICY;
  const sleep = deps.sleep ?? defaultSleep;
  let failures = 0;
  let waited = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof WebScraperApiError) || !error.retryable) throw error;
      let wait: number;
      let reason: "rate_limited" | "failed";
      if (error.status === 429) {
        wait = rateLimitWaitMs(policy, error.retryAfterMs);
        reason = "rate_limited";
        // More than this call may wait: the caller sleeps durably on it (the wait rides on the error).
        if (waited + wait > policy.maxTotalWaitMs) throw new WebScraperApiError(error.message, 429, true, wait);
      } else {
        failures++;
        if (failures >= policy.maxAttempts) throw error;
        wait = backoffMs(policy, failures, deps.random);
        reason = "failed";
        if (waited + wait > policy.maxTotalWaitMs) throw error;
      }
      deps.onWait?.({ call: what, reason, ms: wait, error: error.message });
      waited += wait;
      await sleep(wait);
    }
  }
}

/**
 * The same client with its reads retried as above. Creating a job is passed through untouched: repeating it
 * after a timeout could publish twice, so publishing decides its own retries (publish-attempt.ts).
 */
export function withWebScraperRetries<C extends WebScraperClient>(client: C, deps: RetryDeps = {}): WebScraperClient {
  return {
    createScrapingJob: (input) => client.createScrapingJob(input),
    getScrapingJob: (jobId) => callWithRetries(`get scraping job ${jobId}`, () => client.getScrapingJob(jobId), deps),
    findScrapingJobsByCustomId: (customId, sitemapId) =>
      callWithRetries(`find scraping jobs of ${customId}`, () => client.findScrapingJobsByCustomId(customId, sitemapId), deps),
    downloadCsvExport: (jobId) => callWithRetries(`download export of job ${jobId}`, () => client.downloadCsvExport(jobId), deps),
  };
}

/** The durable wait a failure asks for when it is a 429 the call could not wait out itself (anywhere in its cause chain). */
export function rateLimitWaitOf(error: unknown): number | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof WebScraperApiError && e.status === 429)
      return e.retryAfterMs ?? DEFAULT_WEBSCRAPER_RETRY_POLICY.rateLimitDefaultWaitMs;
  }
  return null;
}
