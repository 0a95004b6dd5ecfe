// GET /api/sync/monitoring/alerts – alerts of every flow (?active=true|false&flow=; seed 004 §7–8)
import { NextResponse } from "next/server";
import { z } from "zod";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { alertJson, listAlerts } from "@/lib/monitoring/alerts";
import { evaluateAlerts } from "@/lib/monitoring/evaluate-alerts";

export const dynamic = "force-dynamic";

const query = z.object({
  active: z.enum(["true", "false"]).default("true"),
  flow: z
    .string()
    .regex(/^[a-z_]{1,32}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const GET = withStaff(async ({ req }) => {
  const input = query.parse(searchParamsObject(req.nextUrl.searchParams));
  // Evaluating on read is what notices a stalled executor (its cron would not).
  const snapshot = await evaluateAlerts(prisma, new Date());
  const alerts = await listAlerts(prisma, { active: input.active === "true", flow: input.flow, limit: input.limit });
  return NextResponse.json({ evaluated_at: new Date().toISOString(), health_score: snapshot.health.score, alerts: alerts.map(alertJson) });
});
