// System health 0–100 (seed 004 §8 系统健康评分). The formula is shown beside the score.
import type { TemuMetrics } from "./temu-conditions";
import { TEMU_THRESHOLDS } from "./temu-conditions";

export const HEALTH_FORMULA =
  "100 − 30·[executor not running cron] − 20·min(1, pending tasks / 1000) − 20·min(1, task failure rate / 10%) − 15·(stale shops / active shops) − 15·min(1, API failure rate / 5%)";

export interface HealthScore {
  score: number;
  status: "healthy" | "degraded" | "unhealthy";
  formula: string;
  deductions: { executor: number; backlog: number; task_failures: number; stale_shops: number; api_failures: number };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function computeHealthScore(metrics: TemuMetrics, executorRunning: boolean): HealthScore {
  const deductions = {
    executor: executorRunning ? 0 : 30,
    backlog: round1(20 * Math.min(1, metrics.pendingTasks / TEMU_THRESHOLDS.backlogPending)),
    task_failures: round1(20 * Math.min(1, metrics.taskFailureRate / TEMU_THRESHOLDS.taskFailureRate)),
    stale_shops: round1(metrics.activeShops > 0 ? (15 * metrics.staleShops) / metrics.activeShops : 0),
    api_failures: round1(15 * Math.min(1, metrics.apiFailureRate / TEMU_THRESHOLDS.apiFailureRate)),
  };
  const total = Object.values(deductions).reduce((a, b) => a + b, 0);
  const score = Math.max(0, Math.min(100, Math.round(100 - total)));
  return { score, status: score >= 80 ? "healthy" : score >= 50 ? "degraded" : "unhealthy", formula: HEALTH_FORMULA, deductions };
}
