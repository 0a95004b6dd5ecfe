// GET /api/sync/monitoring/health – health score 0–100 with its formula and inputs (seed 004 §7–8)
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { evaluateAlerts } from "@/lib/monitoring/evaluate-alerts";
import { TEMU_THRESHOLDS } from "@/lib/monitoring/temu-conditions";

export const dynamic = "force-dynamic";

export const GET = withStaff(async () => {
  const snapshot = await evaluateAlerts(prisma, new Date());
  const active = await prisma.alert.count({ where: { clearedAt: null } });
  return NextResponse.json({
    score: snapshot.health.score,
    status: snapshot.health.status,
    formula: snapshot.health.formula,
    deductions: snapshot.health.deductions,
    metrics: snapshot.metrics,
    executor: { running: snapshot.executorRunning, last_cron_at: snapshot.lastCronAt?.toISOString() ?? null },
    active_alerts: active,
    thresholds: TEMU_THRESHOLDS,
  });
});
