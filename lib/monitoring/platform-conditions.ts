// Conditions about the platform itself: the background executor must be running cron.
import type { Db } from "../db/client";
import type { AlertCondition } from "./alerts";
import { HEARTBEAT_STALE_MS, MONITORING_HEARTBEAT, readHeartbeat } from "./heartbeat";

export async function evaluatePlatformConditions(
  db: Db,
  now: Date,
): Promise<{ conditions: AlertCondition[]; executorRunning: boolean; lastCronAt: Date | null }> {
  const lastCronAt = await readHeartbeat(db, MONITORING_HEARTBEAT);
  const executorRunning = lastCronAt !== null && now.getTime() - lastCronAt.getTime() <= HEARTBEAT_STALE_MS;
  const conditions: AlertCondition[] = executorRunning
    ? []
    : [
        {
          kind: "executor_cron_stalled",
          severity: "critical",
          fingerprint: "platform:executor_cron_stalled",
          message: lastCronAt
            ? `No cron tick since ${lastCronAt.toISOString()}: the background executor is not running scheduled functions`
            : "The monitoring cron has never run: the background executor is not running scheduled functions",
          link: "/runs",
          details: { last_cron_at: lastCronAt?.toISOString() ?? null, stale_after_ms: HEARTBEAT_STALE_MS },
        },
      ];
  return { conditions, executorRunning, lastCronAt };
}
