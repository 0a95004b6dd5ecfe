// Health 0–100 per flow (seed 004 §8 系统健康评分 for temu; the same shape for
// tracking, haier and background work). Each formula is shown beside its score,
// so a staff member can see why a flow lost points.
import type { BackgroundMetrics } from "./background-conditions";
import type { HaierMetrics } from "./haier-conditions";
import type { TemuMetrics } from "./temu-conditions";
import { TEMU_THRESHOLDS } from "./temu-conditions";
import type { TrackingMetrics } from "./tracking-conditions";
import { TRACKING_THRESHOLDS } from "./tracking-conditions";
import { BACKGROUND_THRESHOLDS } from "./background-conditions";

export const HEALTH_FLOWS = ["tracking", "haier", "temu", "background"] as const;
export type HealthFlow = (typeof HEALTH_FLOWS)[number];

export const HEALTH_FORMULA =
  "100 − 30·[executor not running cron] − 20·min(1, pending tasks / 1000) − 20·min(1, task failure rate / 10%) − 15·(stale shops / active shops) − 15·min(1, API failure rate / 5%)";

export const HEALTH_FORMULAS: Record<HealthFlow, string> = {
  temu: HEALTH_FORMULA,
  tracking:
    "100 − 35·min(1, stalled batches) − 25·min(1, webhook failure rate in 1 h / 10%) − 25·min(1, unpublished failed jobs in 1 h / 10) − 15·[WebScraper.io budget ≥ 90% of 150 / 15 min]",
  haier:
    "100 − 25·(sync types whose last run failed or was partial / 3) − 15·(scheduled types overdue / 3) − 15·[throughput ≤ 100/min] − 15·[success ≤ 95%] − 15·[API latency ≥ 5 s] − 15·[failures ≥ 5%] (last 24 h)",
  background:
    "100 − 30·[executor not running cron] − 25·min(1, crons late > 2 min) − 25·min(1, failed runs in 1 h / 6) − 20·min(1, jobs waiting > 5 min / 10)",
};

export interface HealthScore {
  score: number;
  status: "healthy" | "degraded" | "unhealthy";
  formula: string;
  deductions: Record<string, number>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function scoreOf(formula: string, raw: Record<string, number>): HealthScore {
  const deductions = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, round1(v)]));
  const total = Object.values(deductions).reduce((a, b) => a + b, 0);
  const score = Math.max(0, Math.min(100, Math.round(100 - total)));
  return { score, status: score >= 80 ? "healthy" : score >= 50 ? "degraded" : "unhealthy", formula, deductions };
}

/** Temu (seed 004 §8); the numbers are the seed's and unchanged. */
export function computeHealthScore(metrics: TemuMetrics, executorRunning: boolean): HealthScore {
  return scoreOf(HEALTH_FORMULA, {
    executor: executorRunning ? 0 : 30,
    backlog: 20 * Math.min(1, metrics.pendingTasks / TEMU_THRESHOLDS.backlogPending),
    task_failures: 20 * Math.min(1, metrics.taskFailureRate / TEMU_THRESHOLDS.taskFailureRate),
    stale_shops: metrics.activeShops > 0 ? (15 * metrics.staleShops) / metrics.activeShops : 0,
    api_failures: 15 * Math.min(1, metrics.apiFailureRate / TEMU_THRESHOLDS.apiFailureRate),
  });
}

export function computeTrackingHealth(metrics: TrackingMetrics): HealthScore {
  const webhookFailureRate = metrics.webhookProcessed > 0 ? metrics.webhookFailures / metrics.webhookProcessed : 0;
  return scoreOf(HEALTH_FORMULAS.tracking, {
    stalled_batches: 35 * Math.min(1, metrics.stalledBatches),
    webhook_failures: 25 * Math.min(1, webhookFailureRate / 0.1),
    publish_failures: 25 * Math.min(1, metrics.publishFailures / 10),
    rate_budget: metrics.budget.ratio >= TRACKING_THRESHOLDS.budgetWarnRatio ? 15 : 0,
  });
}

export function computeHaierHealth(metrics: HaierMetrics): HealthScore {
  return scoreOf(HEALTH_FORMULAS.haier, {
    failed_syncs: (25 * Math.min(3, metrics.failedTypes)) / 3,
    overdue_syncs: (15 * Math.min(3, metrics.overdueTypes)) / 3,
    throughput: metrics.productsPerMinute.breached ? 15 : 0,
    success_rate: metrics.successRate.breached ? 15 : 0,
    api_latency: metrics.avgApiLatencySeconds.breached ? 15 : 0,
    failure_rate: metrics.failureRate.breached ? 15 : 0,
  });
}

export function computeBackgroundHealth(metrics: BackgroundMetrics, executorRunning: boolean): HealthScore {
  return scoreOf(HEALTH_FORMULAS.background, {
    executor: executorRunning ? 0 : 30,
    late_crons: 25 * Math.min(1, metrics.overdueCrons),
    failed_runs: 25 * Math.min(1, metrics.failedRuns / (BACKGROUND_THRESHOLDS.failedRunsPerHour * 2)),
    backlog: 20 * Math.min(1, metrics.backlog / 10),
  });
}
