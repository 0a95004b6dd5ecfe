// The CLI's --sync mode publishes without the engine: one job after another in
// this process, each attempt final (no engine retries follow, so a failure is
// recorded on the job). With no engine throttle here, a sliding window keeps
// to WebScraper's 150 jobs per 15 minutes; a single run (≤ 20 jobs) never waits.
import type { WebScraperClient } from "../../webscraper/types";
import type { PublishDispatcher } from "./dispatch-publish-jobs";
import { publishTrackingJob, type PublishOutcome } from "./publish-tracking-job";

export const WEBSCRAPER_JOBS_PER_WINDOW = 150;
export const WEBSCRAPER_WINDOW_MS = 15 * 60 * 1000;

export interface InProcessOptions {
  onOutcome?: (outcome: PublishOutcome) => void;
  limit?: number;
  windowMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export function publishJobsInProcess(client: WebScraperClient, options: InProcessOptions = {}): PublishDispatcher {
  const limit = options.limit ?? WEBSCRAPER_JOBS_PER_WINDOW;
  const windowMs = options.windowMs ?? WEBSCRAPER_WINDOW_MS;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const calls: number[] = [];

  async function waitForSlot() {
    for (;;) {
      while (calls.length && now() - calls[0] >= windowMs) calls.shift();
      if (calls.length < limit) return;
      await sleep(windowMs - (now() - calls[0]));
    }
  }

  return async (jobs) => {
    let dispatched = 0;
    for (const job of jobs) {
      await waitForSlot();
      const outcome = await publishTrackingJob(job, { client, finalAttempt: true });
      // Only an API call uses up the window; a skip does not.
      if (outcome.status === "published" || outcome.status === "failed") calls.push(now());
      options.onOutcome?.(outcome);
      dispatched++;
    }
    return { dispatched, eventIds: [] };
  };
}
