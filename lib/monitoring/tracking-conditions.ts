// Tracking conditions (issue 11 §3): a stuck batch, publish failures, webhook
// processing failures over the last hour, and WebScraper.io's rate budget
// (150 jobs per 15 minutes, seed 001) nearly spent. Each query reads an indexed
// time range or the small set of unfinished batches, never the whole history.
import type { Db } from "../db/client";
import type { AlertCondition } from "./alerts";

export const TRACKING_THRESHOLDS = {
  /** A batch with pending jobs and no job or batch change for this long is stuck. */
  stalledBatchMs: 30 * 60_000,
  /** Publish failures and webhook processing failures are counted over this window. */
  failureWindowMs: 60 * 60_000,
  /** Webhook processing failures in the window that raise an alert (and 10× that: critical). */
  webhookFailures: 1,
  /** WebScraper.io's limit: jobs created per 15 minutes. */
  budgetLimit: 150,
  budgetWindowMs: 15 * 60_000,
  /** Warn when this share of the budget is spent. */
  budgetWarnRatio: 0.9,
} as const;

/** SyncLog operation types written when a WebScraper.io notification is processed (seed 000 "SyncLog 记录类型"). */
export const PROCESSING_OPERATION_TYPES = [
  "webscraper_tracking",
  "official_website_redirect_to_yamato_tracking_completed",
  "redirect_to_japan_post_tracking_triggered",
  "redirect_to_japan_post_tracking_failed",
] as const;

export interface RateBudget {
  used: number;
  limit: number;
  windowMs: number;
  windowStart: string;
  /** used / limit, 0..(>1). */
  ratio: number;
}

export interface TrackingMetrics {
  activeBatches: number;
  stalledBatches: number;
  publishFailures: number;
  webhookFailures: number;
  webhookProcessed: number;
  budget: RateBudget;
}

/**
 * Scraping jobs created at WebScraper.io in the trailing 15 minutes: every
 * `tracking_job_published` SyncLog that was a real publish (a recovered job
 * found an existing scraping job and created none). A trailing window, because
 * the engine's throttle (GCRA) and WebScraper.io count that way.
 */
export async function readWebScraperBudget(db: Db, now: Date): Promise<RateBudget> {
  const windowStart = new Date(now.getTime() - TRACKING_THRESHOLDS.budgetWindowMs);
  const rows = await db.$queryRaw<{ used: bigint }[]>`
    SELECT count(*) AS used FROM "SyncLog"
    WHERE "operationType" = 'tracking_job_published' AND "createdAt" > ${windowStart} AND "createdAt" <= ${now}
      AND COALESCE(("details"->>'recovered')::boolean, false) = false`;
  const used = Number(rows[0]?.used ?? 0);
  return {
    used,
    limit: TRACKING_THRESHOLDS.budgetLimit,
    windowMs: TRACKING_THRESHOLDS.budgetWindowMs,
    windowStart: windowStart.toISOString(),
    ratio: used / TRACKING_THRESHOLDS.budgetLimit,
  };
}

export async function evaluateTrackingConditions(db: Db, now: Date): Promise<{ conditions: AlertCondition[]; metrics: TrackingMetrics }> {
  const conditions: AlertCondition[] = [];

  // Unfinished batches only (status index): pending jobs and the last change of any of its jobs.
  const batches = await db.$queryRaw<{ id: number; batchUuid: string; taskName: string; pending: bigint; last_progress: Date }[]>`
    SELECT b."id", b."batchUuid"::text AS "batchUuid", b."taskName",
           count(j."id") FILTER (WHERE j."status" = 'pending') AS pending,
           GREATEST(b."createdAt", b."updatedAt", COALESCE(max(j."updatedAt"), b."createdAt")) AS last_progress
    FROM "TrackingBatch" b LEFT JOIN "TrackingJob" j ON j."batchId" = b."id"
    WHERE b."status" IN ('pending', 'processing')
    GROUP BY b."id"`;
  let stalledBatches = 0;
  for (const batch of batches) {
    const pending = Number(batch.pending);
    const idleMs = now.getTime() - new Date(batch.last_progress).getTime();
    if (pending > 0 && idleMs >= TRACKING_THRESHOLDS.stalledBatchMs) {
      stalledBatches++;
      conditions.push({
        kind: "tracking_batch_stalled",
        severity: "warning",
        fingerprint: `tracking:batch_stalled:${batch.id}`,
        message: `Batch ${batch.taskName} #${batch.id} has ${pending} pending jobs and no progress for ${Math.floor(idleMs / 60_000)} minutes`,
        link: `/tracking/batches/${batch.batchUuid}`,
        details: {
          batch_id: batch.id,
          batch_uuid: batch.batchUuid,
          pending_jobs: pending,
          last_progress_at: new Date(batch.last_progress).toISOString(),
        },
      });
    }
  }

  // Jobs that failed to publish (never got a scraping job id) and are still failed, per batch.
  const failureSince = new Date(now.getTime() - TRACKING_THRESHOLDS.failureWindowMs);
  const publishFailed = await db.$queryRaw<{ batchId: number; batchUuid: string; failed: bigint; last_error: string | null }[]>`
    SELECT j."batchId", b."batchUuid"::text AS "batchUuid", count(*) AS failed,
           (array_agg(j."errorMessage" ORDER BY j."updatedAt" DESC))[1] AS last_error
    FROM "TrackingJob" j JOIN "TrackingBatch" b ON b."id" = j."batchId"
    WHERE j."status" = 'failed' AND j."jobId" IS NULL AND j."updatedAt" >= ${failureSince}
    GROUP BY j."batchId", b."batchUuid"`;
  let publishFailures = 0;
  for (const row of publishFailed) {
    const failed = Number(row.failed);
    publishFailures += failed;
    conditions.push({
      kind: "tracking_publish_failed",
      severity: "warning",
      fingerprint: `tracking:publish_failed:${row.batchId}`,
      message: `${failed} job(s) of batch #${row.batchId} could not be published to WebScraper.io in the last hour${row.last_error ? `: ${row.last_error}` : ""}`,
      link: `/tracking/batches/${row.batchUuid}`,
      details: { batch_id: row.batchId, batch_uuid: row.batchUuid, failed_jobs: failed, last_error: row.last_error },
    });
  }

  // Webhook processing over the last hour: one indexed range per operation type.
  const processing = await db.$queryRaw<{ failures: bigint; total: bigint }[]>`
    SELECT count(*) FILTER (WHERE NOT "success") AS failures, count(*) AS total FROM "SyncLog"
    WHERE "operationType" = ANY(${[...PROCESSING_OPERATION_TYPES]}::text[]) AND "createdAt" >= ${failureSince} AND "createdAt" <= ${now}`;
  const webhookFailures = Number(processing[0]?.failures ?? 0);
  const webhookProcessed = Number(processing[0]?.total ?? 0);
  if (webhookFailures >= TRACKING_THRESHOLDS.webhookFailures) {
    conditions.push({
      kind: "tracking_webhook_failures",
      severity: webhookFailures >= TRACKING_THRESHOLDS.webhookFailures * 10 ? "critical" : "warning",
      fingerprint: "tracking:webhook_failures",
      message: `${webhookFailures} of ${webhookProcessed} WebScraper.io notifications failed processing in the last hour`,
      link: "/logs?success=false&hours=1",
      details: { failures: webhookFailures, processed: webhookProcessed, window_ms: TRACKING_THRESHOLDS.failureWindowMs },
    });
  }

  const budget = await readWebScraperBudget(db, now);
  if (budget.ratio >= TRACKING_THRESHOLDS.budgetWarnRatio) {
    conditions.push({
      kind: "tracking_rate_budget",
      severity: budget.used >= budget.limit ? "critical" : "warning",
      fingerprint: "tracking:rate_budget",
      message: `${budget.used} of ${budget.limit} WebScraper.io jobs used in the last 15 minutes (${Math.round(budget.ratio * 100)}%): further publishes wait for the window`,
      link: "/tracking",
      details: { used: budget.used, limit: budget.limit, window_start: budget.windowStart },
    });
  }

  return {
    conditions,
    metrics: { activeBatches: batches.length, stalledBatches, publishFailures, webhookFailures, webhookProcessed, budget },
  };
}
