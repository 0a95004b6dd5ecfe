// The monitoring cron's work: evaluate every flow's conditions and raise/clear
// alerts. Flows register here: platform, temu, tracking, haier, background.
import type { Db } from "../db/client";
import { syncFlowAlerts, type AlertSyncResult } from "./alerts";
import { evaluateBackgroundConditions, type BackgroundMetrics, type BackgroundWorkReader } from "./background-conditions";
import { createExecutorTablesReader } from "./executor-tables-reader";
import { evaluateHaierConditions, type HaierMetrics } from "./haier-conditions";
import { MONITORING_HEARTBEAT, recordHeartbeat } from "./heartbeat";
import { computeBackgroundHealth, computeHaierHealth, computeHealthScore, computeTrackingHealth, type HealthScore } from "./health-score";
import { evaluatePlatformConditions } from "./platform-conditions";
import { evaluateTemuConditions, type TemuMetrics } from "./temu-conditions";
import { evaluateTrackingConditions, type TrackingMetrics } from "./tracking-conditions";

export interface FlowHealth<M> {
  health: HealthScore;
  metrics: M;
}

export interface MonitoringSnapshot {
  /** Temu's health (seed 004 §8), kept at the top level for the Temu API. */
  health: HealthScore;
  metrics: TemuMetrics;
  executorRunning: boolean;
  lastCronAt: Date | null;
  flows: {
    tracking: FlowHealth<TrackingMetrics>;
    haier: FlowHealth<HaierMetrics>;
    temu: FlowHealth<TemuMetrics>;
    background: FlowHealth<BackgroundMetrics>;
  };
  changes: Record<string, AlertSyncResult>;
}

export interface EvaluateOptions {
  /** Stamp the heartbeat first (the cron itself proves the executor runs). */
  fromCron?: boolean;
  /**
   * The engine's own state for the background flow; default: the local
   * executor's tables when they exist, else none (Inngest Cloud).
   */
  backgroundReader?: BackgroundWorkReader | null;
}

/**
 * Evaluates and stores alerts. Reads from the API evaluate without stamping,
 * which is how a stalled executor is noticed at all.
 */
export async function evaluateAlerts(db: Db, now: Date, options: EvaluateOptions = {}): Promise<MonitoringSnapshot> {
  if (options.fromCron) await recordHeartbeat(db, MONITORING_HEARTBEAT, now);
  // Sequential on purpose: the embedded database runs one statement at a time.
  const platform = await evaluatePlatformConditions(db, now);
  const temu = await evaluateTemuConditions(db, now);
  const tracking = await evaluateTrackingConditions(db, now);
  const haier = await evaluateHaierConditions(db, now);
  const reader = options.backgroundReader !== undefined ? options.backgroundReader : await createExecutorTablesReader(db);
  const background = await evaluateBackgroundConditions(reader, now);
  const changes = {
    platform: await syncFlowAlerts(db, "platform", platform.conditions, now),
    temu: await syncFlowAlerts(db, "temu", temu.conditions, now),
    tracking: await syncFlowAlerts(db, "tracking", tracking.conditions, now),
    haier: await syncFlowAlerts(db, "haier", haier.conditions, now),
    background: await syncFlowAlerts(db, "background", background.conditions, now),
  };
  const temuHealth = computeHealthScore(temu.metrics, platform.executorRunning);
  return {
    health: temuHealth,
    metrics: temu.metrics,
    executorRunning: platform.executorRunning,
    lastCronAt: platform.lastCronAt,
    flows: {
      tracking: { health: computeTrackingHealth(tracking.metrics), metrics: tracking.metrics },
      haier: { health: computeHaierHealth(haier.metrics), metrics: haier.metrics },
      temu: { health: temuHealth, metrics: temu.metrics },
      background: { health: computeBackgroundHealth(background.metrics, platform.executorRunning), metrics: background.metrics },
    },
    changes,
  };
}
