// The Japan Post worker (seed 001 §"与其他 Worker 的区别", Worker #8): orders
// that already have a tracking number and have not been delivered, to refresh
// their delivery status ten numbers per Japan Post page.
import { prisma, type Prisma } from "../../db/client";
import { normalizeJapanPostTrackingNumber } from "./build-japan-post-urls";
import { DELIVERED_CARRIER_STATUSES } from "./delivered-statuses";

/** Ten pages of ten numbers a run. */
export const JAPAN_POST_DEFAULT_LIMIT = 100;
export const JAPAN_POST_MAX_LIMIT = 500;

export interface JapanPostOrder {
  purchasingId: number;
  orderNumber: string;
  trackingNumber: string;
}

export const japanPostWhere: Prisma.PurchasingWhereInput = {
  trackingNumber: { not: null },
  deliveryStatus: { not: "delivered" },
  AND: [
    { NOT: { trackingNumber: "" } },
    { OR: [{ latestDeliveryStatus: null }, { latestDeliveryStatus: { notIn: DELIVERED_CARRIER_STATUSES } }] },
    // Orders another carrier is known to ship are not Japan Post's to look up; an
    // unknown carrier (null) is tried, Japan Post answers "not found" for it.
    { OR: [{ carrier: null }, { carrier: "japan_post" }] },
  ],
};

/**
 * Least recently updated first (the receiving half stamps lastInfoUpdatedAt), so
 * successive runs go round all open orders. `skipNumbers` (numbers whose page is
 * still being scraped) are passed over.
 */
export async function selectJapanPostOrders(
  limit = JAPAN_POST_DEFAULT_LIMIT,
  skipNumbers: Set<string> = new Set(),
): Promise<JapanPostOrder[]> {
  const take = Math.min(Math.max(1, limit), JAPAN_POST_MAX_LIMIT);
  const rows = await prisma.purchasing.findMany({
    where: japanPostWhere,
    orderBy: [{ lastInfoUpdatedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: take + skipNumbers.size,
    select: { id: true, orderNumber: true, trackingNumber: true },
  });
  const seen = new Set<string>();
  const selected: JapanPostOrder[] = [];
  for (const row of rows) {
    const number = normalizeJapanPostTrackingNumber(row.trackingNumber ?? "");
    // Two orders can share a parcel; one slot on the page is enough for both.
    if (!number || skipNumbers.has(number) || seen.has(number)) continue;
    seen.add(number);
    selected.push({ purchasingId: row.id, orderNumber: row.orderNumber, trackingNumber: number });
    if (selected.length === take) break;
  }
  return selected;
}
