// GET /api/sync/shops/{shop_id}/orders/enrich-tasks – the shop's enrichment tasks (?status=&page=&page_size=; seed 004 §7)
import { NextResponse } from "next/server";
import { searchParamsObject } from "@/lib/api/query-params";
import { shopFromParams } from "@/lib/api/temu-shop";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { listShopTasks, taskListQuery } from "@/lib/temu/task-queries";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ req, params }) => {
  const query = taskListQuery.parse(searchParamsObject(req.nextUrl.searchParams));
  const shop = await shopFromParams(prisma, params);
  return NextResponse.json({ shop_id: shop.shopId, ...(await listShopTasks(prisma, shop.id, query)) });
});
