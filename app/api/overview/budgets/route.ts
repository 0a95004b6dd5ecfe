// GET /api/overview/budgets – live rate-limit budgets: WebScraper.io (150 / 15 min) and Temu per app_key (20 / s).
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { getRateBudgets } from "@/lib/overview/get-rate-budgets";

export const dynamic = "force-dynamic";

export const GET = withStaff(async () => NextResponse.json(await getRateBudgets(prisma)));
