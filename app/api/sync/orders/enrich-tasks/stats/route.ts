// GET /api/sync/orders/enrich-tasks/stats – enrichment task counts of every shop (seed 004 §7)
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { enrichmentStats } from "@/lib/temu/task-queries";

export const dynamic = "force-dynamic";

export const GET = withStaff(async () => NextResponse.json(await enrichmentStats(prisma)));
