// POST /api/haier/logistics – look up an order's logistics at Haier now ({order_code}); logged as sync_type logistics
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { haierClientFor } from "@/lib/haier/client";
import { HaierConfigError, haierConfigFromEnv } from "@/lib/haier/config";
import { lookupLogistics } from "@/lib/haier/logistics";

const body = z.object({ order_code: z.string().trim().min(1).max(64) });

export const POST = withStaff(async ({ req, session }) => {
  const { order_code } = body.parse(await req.json().catch(() => ({})));
  let config;
  try {
    config = haierConfigFromEnv();
  } catch (error) {
    if (error instanceof HaierConfigError) throw new ApiError(503, error.message, "haier_not_configured");
    throw error;
  }
  const client = haierClientFor(config);
  const result = await lookupLogistics({ db: prisma, client }, order_code, session.user?.email ?? "staff");
  if (!result.ok) {
    return NextResponse.json({ detail: result.error!.message, code: result.error!.kind, log_id: result.logId }, { status: 502 });
  }
  return NextResponse.json({ log_id: result.logId, order_code, logistics: result.data });
});
