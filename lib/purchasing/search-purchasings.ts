import { z } from "zod";
import { prisma, type Prisma } from "../db/client";
import { DELIVERY_STATUSES } from "./delivery-statuses";

export const searchPurchasingsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  delivery_status: z.enum(DELIVERY_STATUSES).optional(),
  missing_tracking: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export type SearchPurchasingsQuery = z.infer<typeof searchPurchasingsQuery>;

/** Orders by order number or tracking number (partial, case-insensitive), newest update first. */
export async function searchPurchasings(query: SearchPurchasingsQuery) {
  const where: Prisma.PurchasingWhereInput = {
    ...(query.q
      ? {
          OR: [
            { orderNumber: { contains: query.q, mode: "insensitive" } },
            { trackingNumber: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(query.delivery_status ? { deliveryStatus: query.delivery_status } : {}),
    ...(query.missing_tracking === "true" ? { OR: [{ trackingNumber: null }, { trackingNumber: "" }] } : {}),
  };
  const total = await prisma.purchasing.count({ where });
  const rows = await prisma.purchasing.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (query.page - 1) * query.page_size,
    take: query.page_size,
    include: { officialAccount: { select: { email: true } }, inventory: { select: { productName: true, status: true } } },
  });
  return {
    total,
    page: query.page,
    page_size: query.page_size,
    results: rows.map((p) => ({
      id: p.id,
      order_number: p.orderNumber,
      email: p.officialAccount?.email ?? null,
      tracking_number: p.trackingNumber,
      tracking_number_issue: p.trackingNumberIssue,
      carrier_tracking_number: p.carrierTrackingNumber,
      carrier: p.carrier,
      carrier_status: p.carrierStatus,
      latest_delivery_status: p.latestDeliveryStatus,
      delivery_status: p.deliveryStatus,
      shipping_method: p.shippingMethod,
      estimated_delivery_date: p.estimatedDeliveryDate?.toISOString().slice(0, 10) ?? null,
      confirmed_at: p.confirmedAt,
      last_info_updated_at: p.lastInfoUpdatedAt,
      product_name: p.inventory?.productName ?? null,
    })),
  };
}
