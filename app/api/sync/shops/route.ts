// GET /api/sync/shops – every Temu shop with its sync status, running syncs and task counts (credentials masked)
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { shopSyncProgress } from "@/lib/temu/progress";

export const dynamic = "force-dynamic";

export const GET = withStaff(async () => {
  const shops = await prisma.shop.findMany({ orderBy: { id: "asc" } });
  return NextResponse.json({ shops: await Promise.all(shops.map((shop) => shopSyncProgress(prisma, shop))) });
});
