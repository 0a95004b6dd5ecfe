import { prisma } from "../db/client";

export interface OverviewCounts {
  purchasingsByDeliveryStatus: { status: string; count: number }[];
  trackingBatchesByStatus: { status: string; count: number }[];
  totals: { purchasings: number; trackingBatches: number; withoutTrackingNumber: number };
}

export async function getOverviewCounts(): Promise<OverviewCounts> {
  // Sequential on purpose: the embedded database runs one statement at a time.
  const byDelivery = await prisma.purchasing.groupBy({ by: ["deliveryStatus"], _count: { _all: true } });
  const byBatch = await prisma.trackingBatch.groupBy({ by: ["status"], _count: { _all: true } });
  const withoutTrackingNumber = await prisma.purchasing.count({
    where: { OR: [{ trackingNumber: null }, { trackingNumber: "" }] },
  });
  const purchasingsByDeliveryStatus = byDelivery
    .map((r) => ({ status: r.deliveryStatus as string, count: r._count._all }))
    .sort((a, b) => b.count - a.count);
  const trackingBatchesByStatus = byBatch.map((r) => ({ status: r.status as string, count: r._count._all }));
  return {
    purchasingsByDeliveryStatus,
    trackingBatchesByStatus,
    totals: {
      purchasings: purchasingsByDeliveryStatus.reduce((n, r) => n + r.count, 0),
      trackingBatches: trackingBatchesByStatus.reduce((n, r) => n + r.count, 0),
      withoutTrackingNumber,
    },
  };
}
