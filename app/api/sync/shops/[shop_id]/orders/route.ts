// GET /api/sync/shops/{shop_id}/orders – the shop's orders with status and package number (?q=&status=&page=&page_size=)
import { NextResponse } from "next/server";
import { searchParamsObject } from "@/lib/api/query-params";
import { shopFromParams } from "@/lib/api/temu-shop";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { orderSearchQuery, searchShopOrders } from "@/lib/temu/order-queries";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ req, params }) => {
  const query = orderSearchQuery.parse(searchParamsObject(req.nextUrl.searchParams));
  const shop = await shopFromParams(prisma, params);
  return NextResponse.json({ shop_id: shop.shopId, ...(await searchShopOrders(prisma, shop.id, query)) });
});
