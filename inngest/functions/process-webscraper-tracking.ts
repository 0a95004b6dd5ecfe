// Seed 000 阶段五: process one finished WebScraper job (the Celery task
// process_webscraper_tracking: max_retries=3, concurrency=2). Each stage is
// a step calling lib/tracking; a stage's seed error type decides whether the
// engine retries: only processing_error does, the others come back as the
// seed's {status: "error", error_type} result after being logged. A smart
// redirect's Japan Post job is queued here and published by publish-tracking-job,
// so it shares that function's WebScraper throttle.
import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { webScraperClientFromEnv } from "@/lib/webscraper/client";
import { rateLimitWaitOf, webScraperRetryPolicyFromEnv, withWebScraperRetries } from "@/lib/webscraper/retrying-client";
import type { WebScraperClient } from "@/lib/webscraper/types";
import { refreshBatchProgress } from "@/lib/tracking/batches/refresh-batch-progress";
import { TrackingError, toTrackingError } from "@/lib/tracking/errors";
import { applyWebscraperExport, findRecordedOutcome } from "@/lib/tracking/processing/apply-webscraper-export";
import { processInputFromEvent } from "@/lib/tracking/processing/process-input";
import { toProcessResult } from "@/lib/tracking/processing/process-webscraper-tracking";
import { recordProcessingFailure } from "@/lib/tracking/processing/record-processing-failure";
import { publishEvents } from "@/lib/tracking/publishing/events";
import { queueJapanPostRedirect, redirectPublishJobs, type RedirectOutcome } from "@/lib/tracking/redirect/queue-japan-post-redirect";
import { WEBSCRAPER_JOB_FINISHED_EVENT, webscraperJobFinishedData } from "@/lib/tracking/webhook/job-finished-event";

const RETRIES = 3;
// A 429 the download could not wait out inside its step becomes a durable sleep and a new round of the
// step, never an engine attempt; this bounds how many (WebScraper's limit is per minute, so a few do).
const MAX_RATE_LIMIT_ROUNDS = Number(process.env.WEBSCRAPER_MAX_RATE_LIMIT_ROUNDS ?? 30);

/** Non-retrying seed errors stop the run; anything else is processing_error and retried. */
function toEngineError(error: unknown): unknown {
  const tracking = toTrackingError(error);
  if (!tracking.retryable) return new NonRetriableError(`${tracking.type}: ${tracking.message}`, { cause: tracking });
  return error instanceof TrackingError ? error : tracking;
}

async function stage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toEngineError(error);
  }
}

export function createProcessWebscraperTrackingFunction(getClient: () => WebScraperClient) {
  return inngest.createFunction(
    {
      id: "process-webscraper-tracking",
      name: "Process WebScraper tracking export",
      triggers: [{ event: WEBSCRAPER_JOB_FINISHED_EVENT }],
      retries: RETRIES,
      concurrency: { limit: 2 },
      // Retries exhausted (a processing_error every time): log it and fail the job, seed-style.
      onFailure: async ({ event, error, runId }) => {
        const data = webscraperJobFinishedData.safeParse(event.data.event.data);
        if (!data.success) return;
        // The failed run's own id: its SyncLogs carry it, and one it already wrote (success or failure) stands.
        const failedRunId = typeof event.data.run_id === "string" ? event.data.run_id : runId;
        const input = processInputFromEvent(data.data, failedRunId);
        if (await findRecordedOutcome(input)) return;
        const failed = await recordProcessingFailure(input, { errorType: toTrackingError(error).type, message: error.message });
        if (failed.batch_id !== null) await refreshBatchProgress(failed.batch_id);
      },
    },
    async ({ event, step, runId }) => {
      const parsed = webscraperJobFinishedData.safeParse(event.data);
      if (!parsed.success) throw new NonRetriableError(`Invalid ${WEBSCRAPER_JOB_FINISHED_EVENT} data: ${parsed.error.message}`);
      const input = processInputFromEvent(parsed.data, runId);

      // The download retries inside the step (Retry-After on 429 without spending an attempt, backoff with
      // jitter otherwise: lib/webscraper/retrying-client.ts); the engine's 3 retries are for what that cannot cover.
      const client = withWebScraperRetries(getClient(), { policy: webScraperRetryPolicyFromEnv() });
      let applied;
      for (let round = 0; ; round++) {
        const attempt = await step.run(round === 0 ? "apply-export" : `apply-export-${round}`, async () => {
          try {
            return await applyWebscraperExport(input, { client });
          } catch (error) {
            const waitMs = rateLimitWaitOf(error);
            if (waitMs !== null && round < MAX_RATE_LIMIT_ROUNDS) return { status: "rate_limited" as const, waitMs };
            throw toEngineError(error);
          }
        });
        if (attempt.status !== "rate_limited") {
          applied = attempt;
          break;
        }
        await step.sleep(`rate-limit-wait-${round}`, Math.max(1000, attempt.waitMs));
      }

      let redirect: RedirectOutcome | null = null;
      if (applied.status === "redirect_pending") {
        redirect = await step.run("queue-japan-post-redirect", () =>
          stage(() =>
            queueJapanPostRedirect({
              trackingJobId: applied.redirect.trackingJobId,
              targetUrl: applied.redirect.targetUrl,
              jobId: input.jobId,
              taskId: runId,
            }),
          ),
        );
        const jobs = redirectPublishJobs(redirect);
        // Its own step after the queue step: a retry re-sends the same event id, which the engine drops.
        if (jobs.length > 0) await step.sendEvent("publish-japan-post-job", publishEvents(jobs));
      }

      if (applied.batch_id !== null && applied.status !== "dry_run") {
        const batchId = applied.batch_id;
        await step.run("refresh-batch-progress", () => stage(() => refreshBatchProgress(batchId)));
      }
      return toProcessResult(input, applied, redirect);
    },
  );
}

export const processWebscraperTrackingFunction = createProcessWebscraperTrackingFunction(() => webScraperClientFromEnv());
