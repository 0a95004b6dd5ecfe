// POST /api/alerts/{id}/acknowledge – a staff member takes an alert (who and when are kept; it stays open until its condition goes).
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError, notFound } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { acknowledgeAlert, alertJson } from "@/lib/monitoring/alerts";

const params = z.object({ id: z.coerce.number().int().positive() });

export const POST = withStaff(async ({ params: raw, session }) => {
  const { id } = params.parse(raw);
  const by = session.user.email ?? String(session.user.id);
  const acknowledged = await acknowledgeAlert(prisma, id, by);
  const alert = await prisma.alert.findUnique({ where: { id } });
  if (!alert) throw notFound(`Alert ${id} not found`, { code: "alert_not_found", params: { id } });
  if (!acknowledged) {
    throw new ApiError(
      409,
      `Alert ${id} was already acknowledged by ${alert.acknowledgedBy}`,
      "alert_already_acknowledged",
      { alert: alertJson(alert) },
      { id, by: alert.acknowledgedBy ?? "" },
    );
  }
  return NextResponse.json({ alert: alertJson(alert) });
});
