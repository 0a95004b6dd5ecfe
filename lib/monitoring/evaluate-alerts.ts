// The monitoring cron's work: evaluate every flow's conditions and raise/clear
// alerts. Flows register here (temu now; tracking and haier join with one line).
import type { Db } from "../db/client";
import { syncFlowAlerts, type AlertSyncResult } from "./alerts";
import { MONITORING_HEARTBEAT, recordHeartbeat } from "./heartbeat";
import { computeHealthScore, type HealthScore } from "./health-score";
import { evaluatePlatformConditions } from "./platform-conditions";
import { evaluateTemuConditions, type TemuMetrics } from "./temu-conditions";

export interface MonitoringSnapshot {
  health: HealthScore;
  metrics: TemuMetrics;
  executorRunning: boolean;
  lastCronAt: Date | null;
  changes: Record<string, AlertSyncResult>;
}

/**
 * Evaluates and stores alerts. `fromCron` stamps the heartbeat first (the cron
 * itself proves the executor runs); reads from the API evaluate without
 * stamping, which is how a stalled executor is noticed at all.
 */
export async function evaluateAlerts(db: Db, now: Date, options: { fromCron?: boolean } = {}): Promise<MonitoringSnapshot> {
  if (options.fromCron) await recordHeartbeat(db, MONITORING_HEARTBEAT, now);
  const platform = await evaluatePlatformConditions(db, now);
  const temu = await evaluateTemuConditions(db, now);
  const changes = {
    platform: await syncFlowAlerts(db, "platform", platform.conditions, now),
    temu: await syncFlowAlerts(db, "temu", temu.conditions, now),
  };
  return {
    health: computeHealthScore(temu.metrics, platform.executorRunning),
    metrics: temu.metrics,
    executorRunning: platform.executorRunning,
    lastCronAt: platform.lastCronAt,
    changes,
  };
}
