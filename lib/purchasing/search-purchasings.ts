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

/** Above this many matches the list reports "more than COUNT_CAP" instead of an exact total. */
export const COUNT_CAP = 10_000;

export type SearchPurchasingsQuery = z.infer<typeof searchPurchasingsQuery>;

/**
 * A whole order or tracking number finds that order through its own index; any
 * other text is a case-insensitive substring match (trigram indexes).
 */
async function textFilter(q: string, otherFilters: Prisma.PurchasingWhereInput[]): Promise<Prisma.PurchasingWhereInput> {
  const spellings = [...new Set([q, q.toUpperCase()])];
  const exact: Prisma.PurchasingWhereInput = {
    OR: [{ orderNumber: { in: spellings } }, { trackingNumber: { in: spellings } }],
  };
  const hit = await prisma.purchasing.findFirst({ where: { AND: [...otherFilters, exact] }, select: { id: true } });
  if (hit) return exact;
  return {
    OR: [
      { orderNumber: { contains: q, mode: "insensitive" } },
      { trackingNumber: { contains: q, mode: "insensitive" } },
    ],
  };
}

/** Orders by order number or tracking number (partial, case-insensitive), newest update first. */
export async function searchPurchasings(query: SearchPurchasingsQuery) {
  // Each filter is its own AND term: two OR groups spread into one object would overwrite each other.
  const filters: Prisma.PurchasingWhereInput[] = [];
  if (query.delivery_status) filters.push({ deliveryStatus: query.delivery_status });
  if (query.missing_tracking === "true") filters.push({ OR: [{ trackingNumber: null }, { trackingNumber: "" }] });
  if (query.q) filters.push(await textFilter(query.q, filters));
  const where: Prisma.PurchasingWhereInput = { AND: filters };
  // Counting every match of a broad filter over a year of orders costs more than
  // it serves: count up to a cap and say when the real total is larger.
  const counted = await prisma.purchasing.count({ where, take: COUNT_CAP + 1 });
  const total = Math.min(counted, COUNT_CAP);
  const rows = await prisma.purchasing.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (query.page - 1) * query.page_size,
    take: query.page_size,
    include: { officialAccount: { select: { email: true } }, inventory: { select: { productName: true, status: true } } },
  });
  return {
    total,
    total_is_lower_bound: counted > COUNT_CAP,
    page: query.page,
    page_size: query.page_size,
    results: rows.map((p) => ({
      id: p.id,
      order_number: p.orderNumber,
      email: p.officialAccount?.email ?? null,
      tracking_number: p.trackingNumber,
      tracking_number_issue: p.trackingNumberIssue,
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
