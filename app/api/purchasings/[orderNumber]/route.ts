// GET /api/purchasings/:orderNumber – one order with its status history (what changed, when, and which job caused it)
import { NextResponse } from "next/server";
import { notFound } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { getPurchasingDetail } from "@/lib/purchasing/get-purchasing-detail";

export const GET = withStaff(async ({ params }) => {
  const orderNumber = String(params.orderNumber ?? "");
  const detail = await getPurchasingDetail(orderNumber);
  if (!detail) throw notFound(`No order ${orderNumber}`, { code: "order_not_found", params: { order: orderNumber } });
  return NextResponse.json(detail);
});
