import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getOverviewCounts } from "@/lib/overview/get-overview-counts";
import { resetDatabase } from "../../setup/reset-database";

describe("getOverviewCounts", () => {
  beforeEach(resetDatabase);

  it("counts orders by delivery status (largest first), batches by status, and orders without a tracking number", async () => {
    await prisma.purchasing.createMany({
      data: [
        { orderNumber: "W1", deliveryStatus: "delivered", trackingNumber: "1" },
        { orderNumber: "W2", deliveryStatus: "delivered", trackingNumber: "2" },
        { orderNumber: "W3", deliveryStatus: "in_transit", trackingNumber: "3" },
        { orderNumber: "W4", deliveryStatus: "pending", trackingNumber: null },
        { orderNumber: "W5", deliveryStatus: "pending", trackingNumber: "" },
        { orderNumber: "W6", deliveryStatus: "pending" },
      ],
    });
    await prisma.trackingBatch.createMany({
      data: [
        { filePath: "/a", taskName: "yamato_tracking_only", status: "completed" },
        { filePath: "/b", taskName: "yamato_tracking_only", status: "processing" },
      ],
    });
    const counts = await getOverviewCounts();
    expect(counts.purchasingsByDeliveryStatus).toEqual([
      { status: "pending", count: 3 },
      { status: "delivered", count: 2 },
      { status: "in_transit", count: 1 },
    ]);
    expect(counts.trackingBatchesByStatus).toEqual(
      expect.arrayContaining([
        { status: "completed", count: 1 },
        { status: "processing", count: 1 },
      ]),
    );
    expect(counts.totals).toEqual({ purchasings: 6, trackingBatches: 2, withoutTrackingNumber: 3 });
  });

  it("is all zeros on an empty database", async () => {
    expect((await getOverviewCounts()).totals).toEqual({ purchasings: 0, trackingBatches: 0, withoutTrackingNumber: 0 });
  });
});
