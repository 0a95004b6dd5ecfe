import { prisma } from "../db/client";
import { countFromTally, readPurchasingTally } from "../purchasing/purchasing-tally";

export interface OverviewCounts {
  purchasingsByDeliveryStatus: { status: string; count: number }[];
  trackingBatchesByStatus: { status: string; count: number }[];
  totals: { purchasings: number; trackingBatches: number; withoutTrackingNumber: number };
}

export async function getOverviewCounts(): Promise<OverviewCounts> {
  // Order counts come from the trigger-kept tally: a year of orders is 200,000
  // rows, and counting them took over a second on the embedded database.
  // Sequential on purpose: the embedded database runs one statement at a time.
  const tally = await readPurchasingTally();
  const byBatch = await prisma.trackingBatch.groupBy({ by: ["status"], _count: { _all: true } });
  const byDelivery = new Map<string, number>();
  for (const group of tally) byDelivery.set(group.deliveryStatus, (byDelivery.get(group.deliveryStatus) ?? 0) + group.count);
  const purchasingsByDeliveryStatus = [...byDelivery]
    .filter(([, count]) => count > 0)
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => b.count - a.count);
  const trackingBatchesByStatus = byBatch.map((r) => ({ status: r.status as string, count: r._count._all }));
  return {
    purchasingsByDeliveryStatus,
    trackingBatchesByStatus,
    totals: {
      purchasings: countFromTally(tally, {}),
      trackingBatches: trackingBatchesByStatus.reduce((n, r) => n + r.count, 0),
      withoutTrackingNumber: countFromTally(tally, { missingTracking: true }),
    },
  };
}
