// Haier conditions (issue 8 + seed 003 "监控指标"): the latest run of a sync
// type failed or ended partial, a scheduled sync type that has not run on
// schedule, and the seed's thresholds over the last 24 hours of finished runs
// (> 100 products/min, > 95% success, < 5 s average API latency, < 5% failures).
import type { Db, HaierSyncType } from "../db/client";
import { durationSeconds } from "../haier/list-sync-logs";
import { computeSyncMetrics, SEED_THRESHOLDS, type SyncMetrics } from "../haier/sync-metrics";
import type { AlertCondition } from "./alerts";

export const HAIER_THRESHOLDS = {
  ...SEED_THRESHOLDS,
  /** Seed 003 production cron: products daily, prices hourly, stock every 30 minutes. */
  scheduleIntervalMs: { products: 24 * 3_600_000, prices: 3_600_000, stock: 30 * 60_000 } as Partial<Record<HaierSyncType, number>>,
  /** A scheduled type is overdue when its last run is older than its interval plus this margin. */
  scheduleMarginMs: 10 * 60_000,
  metricsWindowMs: 24 * 3_600_000,
} as const;

export interface HaierMetrics extends SyncMetrics {
  failedTypes: number;
  overdueTypes: number;
}

const pct = (n: number | null) => (n === null ? "?" : `${(n * 100).toFixed(1)}%`);

export async function evaluateHaierConditions(db: Db, now: Date): Promise<{ conditions: AlertCondition[]; metrics: HaierMetrics }> {
  const conditions: AlertCondition[] = [];

  // Latest finished and latest created run per sync type (createdAt index; few types).
  const latest = await db.$queryRaw<
    { syncType: HaierSyncType; id: number; status: string; message: string; createdAt: Date; last_created: Date }[]
  >`
    SELECT DISTINCT ON (f."syncType") f."syncType", f."id", f."status"::text AS status, f."message", f."createdAt",
           (SELECT max(a."createdAt") FROM "HaierSyncLog" a WHERE a."syncType" = f."syncType") AS last_created
    FROM "HaierSyncLog" f
    WHERE f."status" IN ('success', 'partial', 'failed')
    ORDER BY f."syncType", f."createdAt" DESC, f."id" DESC`;
  let failedTypes = 0;
  for (const run of latest) {
    if (run.status !== "failed" && run.status !== "partial") continue;
    failedTypes++;
    conditions.push({
      kind: "haier_sync_failed",
      severity: run.status === "failed" ? "critical" : "warning",
      fingerprint: `haier:sync_failed:${run.syncType}`,
      message: `The last Haier ${run.syncType} sync (#${run.id}) ended ${run.status}${run.message ? `: ${run.message.slice(0, 200)}` : ""}`,
      link: "/haier",
      details: { log_id: run.id, sync_type: run.syncType, status: run.status, at: new Date(run.createdAt).toISOString() },
    });
  }

  // Scheduled types that ran before but not within interval + margin (a never-run type is the cron's own alert).
  const lastByType = await db.haierSyncLog.groupBy({ by: ["syncType"], _max: { createdAt: true } });
  let overdueTypes = 0;
  for (const row of lastByType) {
    const interval = HAIER_THRESHOLDS.scheduleIntervalMs[row.syncType];
    const last = row._max.createdAt;
    if (!interval || !last) continue;
    if (now.getTime() - last.getTime() > interval + HAIER_THRESHOLDS.scheduleMarginMs) {
      overdueTypes++;
      conditions.push({
        kind: "haier_sync_overdue",
        severity: "warning",
        fingerprint: `haier:sync_overdue:${row.syncType}`,
        message: `No Haier ${row.syncType} sync since ${last.toISOString()} (scheduled every ${Math.round(interval / 60_000)} minutes)`,
        link: "/haier",
        details: { sync_type: row.syncType, last_run_at: last.toISOString(), interval_ms: interval },
      });
    }
  }

  const since = new Date(now.getTime() - HAIER_THRESHOLDS.metricsWindowMs);
  const runs = await db.haierSyncLog.findMany({
    where: { createdAt: { gte: since }, status: { in: ["success", "partial", "failed"] } },
    select: {
      status: true,
      totalCount: true,
      successCount: true,
      failedCount: true,
      startedAt: true,
      completedAt: true,
      apiCalls: true,
      apiLatencyMs: true,
    },
  });
  const metrics = computeSyncMetrics(
    runs.map((r) => ({
      status: r.status,
      total_count: r.totalCount,
      success_count: r.successCount,
      failed_count: r.failedCount,
      duration: durationSeconds(r),
      api_calls: r.apiCalls,
      api_latency_ms: r.apiLatencyMs,
    })),
  );
  const breaches: { key: keyof typeof SEED_THRESHOLDS; text: string }[] = [
    {
      key: "productsPerMinute",
      text: `Haier sync throughput ${metrics.productsPerMinute.value?.toFixed(0)} products/min over the last 24 h (threshold > ${SEED_THRESHOLDS.productsPerMinute})`,
    },
    {
      key: "successRate",
      text: `Haier sync success rate ${pct(metrics.successRate.value)} over the last 24 h (threshold > ${SEED_THRESHOLDS.successRate * 100}%)`,
    },
    {
      key: "avgApiLatencySeconds",
      text: `Haier API latency ${metrics.avgApiLatencySeconds.value?.toFixed(2)} s on average over the last 24 h (threshold < ${SEED_THRESHOLDS.avgApiLatencySeconds} s)`,
    },
    {
      key: "failureRate",
      text: `Haier sync failure rate ${pct(metrics.failureRate.value)} over the last 24 h (threshold < ${SEED_THRESHOLDS.failureRate * 100}%)`,
    },
  ];
  for (const { key, text } of breaches) {
    const metric = metrics[key];
    if (!metric.breached) continue;
    conditions.push({
      kind: `haier_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
      severity: "warning",
      fingerprint: `haier:metric:${key}`,
      message: text,
      link: "/haier",
      details: { value: metric.value, threshold: metric.threshold, runs: metrics.runs },
    });
  }

  return { conditions, metrics: { ...metrics, failedTypes, overdueTypes } };
}
