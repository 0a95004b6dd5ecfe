// Temu conditions and thresholds of seed 004 §8 (告警阈值).
import type { Db } from "../db/client";
import { TEMU_AUTH_CODES } from "../temu/errors";
import type { AlertCondition } from "./alerts";

export const TEMU_THRESHOLDS = {
  /** 队列积压: more pending tasks than this. */
  backlogPending: 1000,
  /** 任务失败率: failed / (completed + failed) over the last 24 hours. */
  taskFailureRate: 0.1,
  taskFailureMinSample: 20,
  /** 同步超时: a sync running longer than this. */
  syncMaxMs: 60 * 60_000,
  /** No successful order sync within 3 incremental intervals of 10 minutes. */
  syncIntervalMs: 10 * 60_000,
  missedIntervals: 3,
  /** API失败率 over the last 15 minutes, per shop. */
  apiFailureRate: 0.05,
  apiWindowMs: 15 * 60_000,
  apiMinSample: 20,
} as const;

export interface TemuMetrics {
  pendingTasks: number;
  processingTasks: number;
  failedTasks: number;
  completedTasks: number;
  taskFailureRate: number;
  activeShops: number;
  staleShops: number;
  longRunningSyncs: number;
  apiCalls: number;
  apiFailures: number;
  apiFailureRate: number;
}

export async function evaluateTemuConditions(db: Db, now: Date): Promise<{ conditions: AlertCondition[]; metrics: TemuMetrics }> {
  const conditions: AlertCondition[] = [];
  const counts = await db.orderDetailTask.groupBy({ by: ["status"], _count: true });
  const count = (status: string) => counts.find((c) => c.status === status)?._count ?? 0;
  const pendingTasks = count("pending");

  if (pendingTasks > TEMU_THRESHOLDS.backlogPending) {
    conditions.push({
      kind: "temu_queue_backlog",
      severity: "warning",
      fingerprint: "temu:queue_backlog",
      message: `${pendingTasks} package-number tasks are waiting (threshold ${TEMU_THRESHOLDS.backlogPending})`,
      link: "/temu",
      details: { pending: pendingTasks, threshold: TEMU_THRESHOLDS.backlogPending },
    });
  }

  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [recentFailed, recentCompleted] = await Promise.all([
    db.orderDetailTask.count({ where: { status: "failed", updatedAt: { gte: dayAgo } } }),
    db.orderDetailTask.count({ where: { status: "completed", updatedAt: { gte: dayAgo } } }),
  ]);
  const finished = recentFailed + recentCompleted;
  const taskFailureRate = finished > 0 ? recentFailed / finished : 0;
  if (finished >= TEMU_THRESHOLDS.taskFailureMinSample && taskFailureRate > TEMU_THRESHOLDS.taskFailureRate) {
    conditions.push({
      kind: "temu_task_failure_rate",
      severity: "warning",
      fingerprint: "temu:task_failure_rate",
      message: `${(taskFailureRate * 100).toFixed(1)}% of package-number tasks failed in the last 24 h (threshold 10%)`,
      link: "/temu#failed-tasks",
      details: { failed: recentFailed, completed: recentCompleted, rate: taskFailureRate },
    });
  }

  const shops = await db.shop.findMany({ where: { isActive: true } });
  const running = await db.temuSyncRun.findMany({
    where: { status: "running", startedAt: { lt: new Date(now.getTime() - TEMU_THRESHOLDS.syncMaxMs) } },
  });
  for (const run of running) {
    const shop = shops.find((s) => s.id === run.shopId);
    conditions.push({
      kind: "temu_sync_too_long",
      severity: "critical",
      fingerprint: `temu:sync_too_long:${run.shopId}:${run.kind}`,
      message: `${run.kind} sync of ${shop?.name ?? run.shopId} has run since ${run.startedAt.toISOString()} (over 1 hour)`,
      link: `/temu?shop=${shop?.shopId ?? run.shopId}`,
      details: { run_id: run.id, started_at: run.startedAt.toISOString(), pages_done: run.pagesDone, total_pages: run.totalPages },
    });
  }

  const staleAfter = TEMU_THRESHOLDS.syncIntervalMs * TEMU_THRESHOLDS.missedIntervals;
  let staleShops = 0;
  for (const shop of shops) {
    const since = shop.lastSuccessfulSyncAt ?? shop.createdAt;
    if (now.getTime() - since.getTime() > staleAfter) {
      staleShops++;
      conditions.push({
        kind: "temu_sync_stale",
        severity: "warning",
        fingerprint: `temu:sync_stale:${shop.id}`,
        message: `No successful order sync of ${shop.name} for 3 intervals (since ${shop.lastSuccessfulSyncAt?.toISOString() ?? "never"})${shop.lastSyncError ? `: ${shop.lastSyncError}` : ""}`,
        link: `/temu?shop=${shop.shopId}`,
        details: { last_successful_sync_at: shop.lastSuccessfulSyncAt?.toISOString() ?? null, last_error: shop.lastSyncError },
      });
    }
  }

  const windowStart = new Date(now.getTime() - TEMU_THRESHOLDS.apiWindowMs);
  const calls = await db.$queryRawUnsafe<
    { shopId: number | null; total: bigint; failures: bigint; auth: bigint; last_code: number | null }[]
  >(
    `SELECT "shopId", count(*) AS total, count(*) FILTER (WHERE NOT "ok") AS failures,
            count(*) FILTER (WHERE "errorCode" = ANY($2::int[])) AS auth,
            (array_agg("errorCode" ORDER BY "at" DESC) FILTER (WHERE NOT "ok"))[1] AS last_code
     FROM "TemuApiCall" WHERE "at" >= $1 GROUP BY "shopId"`,
    windowStart,
    [...TEMU_AUTH_CODES],
  );
  let apiCalls = 0;
  let apiFailures = 0;
  for (const row of calls) {
    const total = Number(row.total);
    const failures = Number(row.failures);
    apiCalls += total;
    apiFailures += failures;
    const shop = shops.find((s) => s.id === row.shopId);
    const name = shop?.name ?? String(row.shopId);
    if (total >= TEMU_THRESHOLDS.apiMinSample && failures / total > TEMU_THRESHOLDS.apiFailureRate) {
      conditions.push({
        kind: "temu_api_failure_rate",
        severity: "warning",
        fingerprint: `temu:api_failure_rate:${row.shopId}`,
        message: `${((failures / total) * 100).toFixed(1)}% of Temu API calls for ${name} failed in the last 15 minutes (threshold 5%)`,
        link: `/temu?shop=${shop?.shopId ?? ""}`,
        details: { calls: total, failures, last_error_code: row.last_code },
      });
    }
    if (Number(row.auth) > 0) {
      conditions.push({
        kind: "temu_shop_unauthorised",
        severity: "critical",
        fingerprint: `temu:shop_unauthorised:${row.shopId}`,
        message: `Temu refused ${name}'s credentials (code ${row.last_code}): re-authorise the shop in Seller Center and update its access token`,
        link: `/temu?shop=${shop?.shopId ?? ""}`,
        details: { refused_calls: Number(row.auth), last_error_code: row.last_code },
      });
    }
  }

  return {
    conditions,
    metrics: {
      pendingTasks,
      processingTasks: count("processing"),
      failedTasks: count("failed"),
      completedTasks: count("completed"),
      taskFailureRate,
      activeShops: shops.length,
      staleShops,
      longRunningSyncs: running.length,
      apiCalls,
      apiFailures,
      apiFailureRate: apiCalls > 0 ? apiFailures / apiCalls : 0,
    },
  };
}
