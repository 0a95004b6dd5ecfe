import { unitFromParts } from "../framework/random";
import type { ScrapingJobFinishedNotification } from "../../../webscraper/types";
import { parseAppleOrderUrl } from "./demo-data/apple-order";
import { parseJapanPostTrackingUrl } from "./demo-data/japan-post";
import type { SimulatedJob } from "./job-store";
import type { WebScraperBehaviour } from "./options";
import { exportRows } from "./render-export";
import { deliverWebhook, type WebhookAttempt } from "./webhook";

export interface JobRunner {
  /** Runs a pass over the job's start URLs: waiting → started → finished/failed, then the notification. */
  runPass(job: SimulatedJob): void;
  /** Delivers a notification a restart cut short (the job's notification_pending). */
  notify(job: SimulatedJob): void;
  readonly webhookAttempts: readonly WebhookAttempt[];
  /** Resolves once no pass is running and no notification is being delivered. */
  whenIdle(): Promise<void>;
  stop(): void;
}

interface RunnerDeps {
  seed: number;
  behaviour: () => WebScraperBehaviour;
  log: (message: string) => void;
  /** Called after every change of a job's state (the simulator saves its state file). */
  onChange?: () => void;
}

function pageCount(job: SimulatedJob): number {
  return Math.max(1, job.start_urls.length);
}

function emptyPageCount(job: SimulatedJob): number {
  if (job.start_urls.length === 0) return 1;
  return job.start_urls.filter((url) => !parseAppleOrderUrl(url) && !parseJapanPostTrackingUrl(url)).length;
}

export function notificationFor(job: SimulatedJob): ScrapingJobFinishedNotification {
  return {
    scrapingjob_id: String(job.id),
    status: job.status,
    sitemap_id: String(job.sitemap_id),
    sitemap_name: job.sitemap_name,
    custom_id: job.custom_id ?? "",
  };
}

export function createJobRunner(deps: RunnerDeps): JobRunner {
  const timers = new Set<NodeJS.Timeout>();
  const deliveries = new Set<Promise<unknown>>();
  const attempts: WebhookAttempt[] = [];
  const abort = new AbortController();
  let idleWaiters: Array<() => void> = [];

  function busy() {
    return timers.size > 0 || deliveries.size > 0;
  }

  function settle() {
    if (busy()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function later(ms: number, action: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
      deps.onChange?.();
      settle();
    }, ms);
    timers.add(timer);
  }

  function finishPass(job: SimulatedJob, durationMs: number) {
    const pass = job.passes;
    job.passes += 1;
    const pages = pageCount(job);
    // Decided per job and pass from the seed, not from a shared stream, so one job's fate never depends on another's.
    const failed = unitFromParts(deps.seed, "failure", job.id, pass) < deps.behaviour().failureRate;
    if (failed) {
      job.status = "failed";
      job.jobs_failed += pages;
    } else {
      job.successful_passes += 1;
      job.status = "finished";
      job.jobs_executed += pages;
      job.jobs_empty = emptyPageCount(job);
    }
    job.stored_record_count = exportRows(job, { japanPostShare: deps.behaviour().japanPostShare }).length;
    job.scraping_duration += Math.round(durationMs / 1000);
    deps.log(`job ${job.id} (${job.custom_id ?? "no custom id"}) ${job.status}, ${job.stored_record_count} records`);
    job.notification_pending = true;
    notify(job);
  }

  function notify(job: SimulatedJob) {
    const { webhookUrl, webhookTimeoutMs, webhookRetryDelaysMs } = deps.behaviour();
    if (!webhookUrl) return;
    const delivery = deliverWebhook({
      url: webhookUrl,
      fields: notificationFor(job),
      timeoutMs: webhookTimeoutMs,
      retryDelaysMs: webhookRetryDelaysMs,
      signal: abort.signal,
      onAttempt: (attempt) => {
        attempts.push(attempt);
        if (!attempt.ok) deps.log(`webhook for job ${job.id}, attempt ${attempt.attempt}: ${attempt.error}`);
      },
    });
    deliveries.add(delivery);
    delivery.finally(() => {
      deliveries.delete(delivery);
      // A stop aborts deliveries: those stay pending for the next start.
      if (!abort.signal.aborted) {
        job.notification_pending = false;
        deps.onChange?.();
      }
      settle();
    });
  }

  return {
    runPass(job) {
      const durationMs = deps.behaviour().jobDurationMs;
      job.status = "waiting-to-be-scheduled";
      later(durationMs / 3, () => {
        job.status = "started";
        job.jobs_scheduled += pageCount(job);
      });
      later(durationMs, () => finishPass(job, durationMs));
      deps.onChange?.();
    },
    notify,
    get webhookAttempts() {
      return attempts;
    },
    whenIdle() {
      if (!busy()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      abort.abort();
      settle();
    },
  };
}
