// What is wrong right now (issue 11 §3): every flow evaluated, the active alerts
// most severe first, and a health score per flow with its formula.
import type { Db } from "../db/client";
import { alertJson, listAlerts } from "../monitoring/alerts";
import { evaluateAlerts } from "../monitoring/evaluate-alerts";
import { HEALTH_FLOWS, type HealthFlow, type HealthScore } from "../monitoring/health-score";

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

export interface Cockpit {
  evaluated_at: string;
  executor: { running: boolean; last_cron_at: string | null };
  alerts: ReturnType<typeof alertJson>[];
  health: (HealthScore & { flow: HealthFlow })[];
}

export async function getCockpit(db: Db, now = new Date()): Promise<Cockpit> {
  // Evaluating on read is what notices a stalled executor (its cron would not).
  const snapshot = await evaluateAlerts(db, now);
  const alerts = (await listAlerts(db, { active: true, limit: 200 })).sort(
    (a, b) =>
      Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) ||
      (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
      b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
  );
  return {
    evaluated_at: now.toISOString(),
    executor: { running: snapshot.executorRunning, last_cron_at: snapshot.lastCronAt?.toISOString() ?? null },
    alerts: alerts.map(alertJson),
    health: HEALTH_FLOWS.map((flow) => ({ flow, ...snapshot.flows[flow].health })),
  };
}
