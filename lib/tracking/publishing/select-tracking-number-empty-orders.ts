// Seed 001 §1.2, the selection of the tracking-number-empty worker: Apple
// Store orders (order number starting with w/W) of an official account with an
// email, without a tracking number, not delivered. At most 20 a run (MAX_RECORDS).
import { prisma, type Prisma } from "../../db/client";
import { buildAppleStoreOrderUrl } from "../apple-store-order-url";
import { DELIVERED_CARRIER_STATUSES } from "./delivered-statuses";

export const TRACKING_NUMBER_EMPTY_MAX_RECORDS = 20;

export interface TrackingNumberEmptyOrder {
  purchasingId: number;
  orderNumber: string;
  email: string;
  url: string;
}

export const trackingNumberEmptyWhere: Prisma.PurchasingWhereInput = {
  orderNumber: { startsWith: "w", mode: "insensitive" },
  officialAccount: { is: { email: { not: "" } } },
  deliveryStatus: { not: "delivered" },
  AND: [
    { OR: [{ trackingNumber: null }, { trackingNumber: "" }] },
    // Django's exclude() keeps NULL statuses; SQL's NOT IN alone would drop them.
    { OR: [{ latestDeliveryStatus: null }, { latestDeliveryStatus: { notIn: DELIVERED_CARRIER_STATUSES } }] },
  ],
};

/**
 * Oldest orders first. `skipUrls` (pages still being scraped) are passed over,
 * so back-to-back runs pick the next orders instead of the same ones again.
 */
export async function selectTrackingNumberEmptyOrders(
  limit = TRACKING_NUMBER_EMPTY_MAX_RECORDS,
  skipUrls: Set<string> = new Set(),
): Promise<TrackingNumberEmptyOrder[]> {
  const take = Math.min(Math.max(1, limit), TRACKING_NUMBER_EMPTY_MAX_RECORDS);
  const selected: TrackingNumberEmptyOrder[] = [];
  const pageSize = 100;
  let cursor: number | undefined;
  while (selected.length < take) {
    const page = await prisma.purchasing.findMany({
      where: cursor === undefined ? trackingNumberEmptyWhere : { AND: [trackingNumberEmptyWhere, { id: { gt: cursor } }] },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true, orderNumber: true, officialAccount: { select: { email: true } } },
    });
    for (const row of page) {
      const email = row.officialAccount?.email.trim();
      if (!email) continue;
      const url = buildAppleStoreOrderUrl(row.orderNumber, email);
      if (skipUrls.has(url)) continue;
      selected.push({ purchasingId: row.id, orderNumber: row.orderNumber, email, url });
      if (selected.length === take) break;
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1].id;
  }
  return selected;
}
