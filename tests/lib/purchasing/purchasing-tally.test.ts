import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { countFromTally, foldPurchasingTally, readPurchasingTally, TALLY_FOLD_THRESHOLD } from "@/lib/purchasing/purchasing-tally";
import { searchPurchasings, searchPurchasingsQuery } from "@/lib/purchasing/search-purchasings";
import { resetDatabase } from "../../setup/reset-database";

/** The counts the tally must agree with, counted the slow way. */
async function exactCounts() {
  const rows = await prisma.$queryRaw<{ deliveryStatus: string; missingTracking: boolean; count: bigint }[]>`
    SELECT "deliveryStatus"::text, ("trackingNumber" IS NULL OR "trackingNumber" = '') AS "missingTracking", count(*) AS count
    FROM "Purchasing" GROUP BY 1, 2`;
  return rows.map((r) => ({ deliveryStatus: r.deliveryStatus, missingTracking: r.missingTracking, count: Number(r.count) }));
}

const sorted = <T extends { deliveryStatus: string; missingTracking: boolean }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.deliveryStatus}${a.missingTracking}`.localeCompare(`${b.deliveryStatus}${b.missingTracking}`));

async function expectTallyExact() {
  expect(sorted(await readPurchasingTally())).toEqual(sorted(await exactCounts()));
}

describe("the purchasing tally (order counts kept by triggers)", () => {
  beforeEach(resetDatabase);

  it("follows inserts, updates of status and tracking number, upserts and deletes", async () => {
    await prisma.purchasing.createMany({
      data: [
        { orderNumber: "W1", deliveryStatus: "pending" },
        { orderNumber: "W2", deliveryStatus: "pending", trackingNumber: "" },
        { orderNumber: "W3", deliveryStatus: "in_transit", trackingNumber: "111" },
        { orderNumber: "W4", deliveryStatus: "delivered", trackingNumber: "222" },
      ],
    });
    await expectTallyExact();
    // A tracking number arrives; a status changes; both at once in one statement.
    await prisma.purchasing.update({ where: { orderNumber: "W1" }, data: { trackingNumber: "333" } });
    await prisma.purchasing.update({ where: { orderNumber: "W3" }, data: { deliveryStatus: "delivered" } });
    await prisma.purchasing.updateMany({ where: { orderNumber: "W2" }, data: { trackingNumber: "444", deliveryStatus: "in_transit" } });
    // An update that changes neither leaves no delta behind.
    const before = await prisma.purchasingTally.count();
    await prisma.purchasing.update({ where: { orderNumber: "W4" }, data: { carrierStatus: "配達完了" } });
    expect(await prisma.purchasingTally.count()).toBe(before);
    await expectTallyExact();
    // Upserts: one creates, one updates.
    await prisma.purchasing.upsert({ where: { orderNumber: "W5" }, create: { orderNumber: "W5" }, update: {} });
    await prisma.purchasing.upsert({ where: { orderNumber: "W4" }, create: { orderNumber: "W4" }, update: { trackingNumber: null } });
    await prisma.purchasing.deleteMany({ where: { orderNumber: { in: ["W1", "W3"] } } });
    await expectTallyExact();
    const tally = await readPurchasingTally();
    expect(countFromTally(tally, {})).toBe(3);
    expect(countFromTally(tally, { missingTracking: true })).toBe(2);
    expect(countFromTally(tally, { deliveryStatus: "delivered", missingTracking: true })).toBe(1);
  });

  it("folds many deltas into one row per group without changing a count", async () => {
    await prisma.purchasing.create({ data: { orderNumber: "W0", deliveryStatus: "pending" } });
    for (let i = 1; i <= TALLY_FOLD_THRESHOLD / 2 + 1; i++) {
      await prisma.purchasing.update({ where: { orderNumber: "W0" }, data: { deliveryStatus: i % 2 ? "in_transit" : "pending" } });
    }
    expect(await prisma.purchasingTally.count()).toBeGreaterThan(TALLY_FOLD_THRESHOLD);
    await expectTallyExact(); // this read folds
    expect(await prisma.purchasingTally.count()).toBe(1);
    await expectTallyExact();
    await prisma.purchasing.delete({ where: { orderNumber: "W0" } });
    await foldPurchasingTally();
    expect(await prisma.purchasingTally.count()).toBe(0);
    expect(await readPurchasingTally()).toEqual([]);
  });

  it("is emptied when the order table is truncated on its own", async () => {
    await prisma.purchasing.create({ data: { orderNumber: "W1" } });
    await prisma.$executeRawUnsafe(`TRUNCATE "Purchasing" CASCADE`);
    expect(await readPurchasingTally()).toEqual([]);
  });

  it("gives the orders list an exact total without search text, above the text search's cap too", async () => {
    await prisma.$executeRaw`
      INSERT INTO "Purchasing" ("orderNumber", "trackingNumber", "deliveryStatus", "updatedAt")
      SELECT 'W' || g, CASE WHEN g % 4 = 0 THEN NULL ELSE g::text END,
             (CASE WHEN g % 2 = 0 THEN 'delivered' ELSE 'pending' END)::"DeliveryStatus", now()
      FROM generate_series(1, 10010) g`;
    const search = (params: Record<string, string>) => searchPurchasings(searchPurchasingsQuery.parse(params));
    expect(await search({})).toMatchObject({ total: 10_010, total_is_lower_bound: false });
    expect(await search({ delivery_status: "delivered" })).toMatchObject({ total: 5_005, total_is_lower_bound: false });
    expect(await search({ missing_tracking: "true" })).toMatchObject({ total: 2_502, total_is_lower_bound: false });
    expect(await search({ missing_tracking: "true", delivery_status: "pending" })).toMatchObject({ total: 0 });
    // A text search still counts up to the cap.
    expect(await search({ q: "W" })).toMatchObject({ total: 10_000, total_is_lower_bound: true });
  });
});
