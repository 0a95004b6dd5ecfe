import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { seedDemoData } from "../../../lib/local-runtime/demo/seed-demo-data";
import { isValidDomesticCheckDigit } from "../../../lib/tracking/carriers/check-tracking-number";
import { resetDatabase } from "../../setup/reset-database";

describe("seedDemoData", () => {
  beforeEach(resetDatabase);

  it("fills an empty database once, with orders the workers can act on", async () => {
    expect(await seedDemoData(prisma, { orders: 30 })).toEqual({ created: true, orders: 30 });
    expect(await seedDemoData(prisma, { orders: 30 })).toEqual({ created: false, orders: 0 });

    const orders = await prisma.purchasing.findMany({ include: { officialAccount: true, inventory: true } });
    expect(orders).toHaveLength(30);
    for (const order of orders) {
      expect(order.orderNumber).toMatch(/^W\d+$/);
      expect(order.officialAccount?.email).toMatch(/@example\.jp$/);
      expect(order.inventory).not.toBeNull();
      if (order.trackingNumber) expect(isValidDomesticCheckDigit(order.trackingNumber), order.trackingNumber).toBe(true);
    }
    // Some without a tracking number (the tracking-number-empty worker's), some in transit (the Japan Post worker's).
    expect(orders.some((o) => !o.trackingNumber)).toBe(true);
    expect(orders.some((o) => o.trackingNumber && o.deliveryStatus !== "delivered")).toBe(true);
  });
});
