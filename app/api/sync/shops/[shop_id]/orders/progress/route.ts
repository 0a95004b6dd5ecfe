// GET /api/sync/shops/{shop_id}/orders/progress – the shop's order sync progress (seed 004 §7)
import { NextResponse } from "next/server";
import { shopFromParams } from "@/lib/api/temu-shop";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { shopSyncProgress } from "@/lib/temu/progress";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ params }) => {
  const shop = await shopFromParams(prisma, params);
  return NextResponse.json(await shopSyncProgress(prisma, shop));
});
