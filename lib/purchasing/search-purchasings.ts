import { z } from "zod";
import { prisma, type Prisma } from "../db/client";
import { DELIVERY_STATUSES } from "./delivery-statuses";
import { countFromTally, readPurchasingTally } from "./purchasing-tally";

/** Sortable columns of the orders list (URL `sort=`); ties break by id. */
export const PURCHASING_SORTS = ["updated", "order_number", "delivery_status", "tracking_number", "estimated_delivery"] as const;

export const searchPurchasingsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  delivery_status: z.enum(DELIVERY_STATUSES).optional(),
  missing_tracking: z.enum(["true", "false"]).optional(),
  sort: z.enum(PURCHASING_SORTS).default("updated"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

/** Above this many matches of a text search the list reports "more than COUNT_CAP" instead of an exact total. */
export const COUNT_CAP = 10_000;

export type SearchPurchasingsQuery = z.infer<typeof searchPurchasingsQuery>;

export function purchasingOrderBy(query: Pick<SearchPurchasingsQuery, "sort" | "dir">): Prisma.PurchasingOrderByWithRelationInput[] {
  const dir = query.dir;
  const nulls = { sort: dir, nulls: "last" } as const;
  switch (query.sort) {
    case "order_number":
      return [{ orderNumber: dir }, { id: dir }];
    case "delivery_status":
      return [{ deliveryStatus: dir }, { id: dir }];
    case "tracking_number":
      return [{ trackingNumber: nulls }, { id: dir }];
    case "estimated_delivery":
      return [{ estimatedDeliveryDate: nulls }, { id: dir }];
    default:
      return [{ updatedAt: dir }, { id: dir }];
  }
}

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
    OR: [{ orderNumber: { contains: q, mode: "insensitive" } }, { trackingNumber: { contains: q, mode: "insensitive" } }],
  };
}

/** The list's filters (shared by the page and the export). */
export async function purchasingWhere(
  query: Pick<SearchPurchasingsQuery, "q" | "delivery_status" | "missing_tracking">,
): Promise<Prisma.PurchasingWhereInput> {
  // Each filter is its own AND term: two OR groups spread into one object would overwrite each other.
  const filters: Prisma.PurchasingWhereInput[] = [];
  if (query.delivery_status) filters.push({ deliveryStatus: query.delivery_status });
  if (query.missing_tracking === "true") filters.push({ OR: [{ trackingNumber: null }, { trackingNumber: "" }] });
  if (query.q) filters.push(await textFilter(query.q, filters));
  return { AND: filters };
}

/** Orders by order number or tracking number (partial, case-insensitive), newest update first unless sorted otherwise. */
export async function searchPurchasings(query: SearchPurchasingsQuery) {
  const where = await purchasingWhere(query);
  const rows = await prisma.purchasing.findMany({
    where,
    orderBy: purchasingOrderBy(query),
    skip: (query.page - 1) * query.page_size,
    take: query.page_size,
    include: { officialAccount: { select: { email: true } }, inventory: { select: { productName: true, status: true } } },
  });
  // A first page that is not full holds every match (an exact number, a rare
  // text): its length is the total, one query fewer.
  const { total, lowerBound } =
    query.page === 1 && rows.length < query.page_size ? { total: rows.length, lowerBound: false } : await countMatches(query, where);
  return {
    total,
    total_is_lower_bound: lowerBound,
    page: query.page,
    page_size: query.page_size,
    results: rows.map(serializePurchasing),
  };
}

/**
 * Without search text the filters are those the trigger-kept tally counts by
 * (delivery status, missing tracking): an exact total from a few rows. A text
 * search counts its matches up to a cap: counting every match of a broad text
 * over a year of orders costs more than it serves.
 */
async function countMatches(
  query: Pick<SearchPurchasingsQuery, "q" | "delivery_status" | "missing_tracking">,
  where: Prisma.PurchasingWhereInput,
) {
  if (!query.q) {
    const total = countFromTally(await readPurchasingTally(), {
      deliveryStatus: query.delivery_status,
      missingTracking: query.missing_tracking === "true" ? true : undefined,
    });
    return { total, lowerBound: false };
  }
  const counted = await prisma.purchasing.count({ where, take: COUNT_CAP + 1 });
  return { total: Math.min(counted, COUNT_CAP), lowerBound: counted > COUNT_CAP };
}

type PurchasingRow = Prisma.PurchasingGetPayload<{
  include: { officialAccount: { select: { email: true } }; inventory: { select: { productName: true; status: true } } };
}>;

export function serializePurchasing(p: PurchasingRow) {
  return {
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
  };
}
