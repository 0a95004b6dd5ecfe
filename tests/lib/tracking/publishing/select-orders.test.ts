import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../../lib/db/client";
import { createTrackingBatch } from "../../../../lib/tracking/publishing/create-tracking-batch";
import { japanPostWorker } from "../../../../lib/tracking/publishing/japan-post-worker";
import { selectJapanPostOrders } from "../../../../lib/tracking/publishing/select-japan-post-orders";
import { selectTrackingNumberEmptyOrders } from "../../../../lib/tracking/publishing/select-tracking-number-empty-orders";
import { trackingNumberEmptyWorker } from "../../../../lib/tracking/publishing/tracking-number-empty-worker";
import { resetDatabase } from "../../../setup/reset-database";
import { account, purchasing } from "./fixtures";

describe("selectTrackingNumberEmptyOrders (seed 001 §1.2)", () => {
  beforeEach(resetDatabase);

  it("keeps only w/W orders of an account with an email, without tracking number, not delivered", async () => {
    const a = await account("user@example.com");
    const noEmail = await account("");
    await purchasing({ orderNumber: "W0001", officialAccountId: a.id });
    await purchasing({ orderNumber: "w0002", officialAccountId: a.id, trackingNumber: "" });
    await purchasing({ orderNumber: "W0003", officialAccountId: a.id, latestDeliveryStatus: "輸送中" });
    // Each of these breaks exactly one rule.
    await purchasing({ orderNumber: "X0004", officialAccountId: a.id });
    await purchasing({ orderNumber: "W0005" });
    await purchasing({ orderNumber: "W0006", officialAccountId: noEmail.id });
    await purchasing({ orderNumber: "W0007", officialAccountId: a.id, trackingNumber: "123456789012" });
    await purchasing({ orderNumber: "W0008", officialAccountId: a.id, latestDeliveryStatus: "配達完了" });
    await purchasing({ orderNumber: "W0009", officialAccountId: a.id, latestDeliveryStatus: "お届け先にお届け済み" });
    await purchasing({ orderNumber: "W0010", officialAccountId: a.id, deliveryStatus: "delivered" });

    const orders = await selectTrackingNumberEmptyOrders();
    expect(orders.map((o) => o.orderNumber)).toEqual(["W0001", "w0002", "W0003"]);
    expect(orders[0]).toMatchObject({
      email: "user@example.com",
      url: "https://store.apple.com/go/jp/vieworder/W0001/user@example.com",
    });
  });

  it("takes at most 20, oldest first", async () => {
    const a = await account("many@example.com");
    for (let i = 0; i < 25; i++) await purchasing({ orderNumber: `W${String(i).padStart(4, "0")}`, officialAccountId: a.id });
    const orders = await selectTrackingNumberEmptyOrders();
    expect(orders).toHaveLength(20);
    expect(orders[0].orderNumber).toBe("W0000");
    expect(orders[19].orderNumber).toBe("W0019");
    expect(await selectTrackingNumberEmptyOrders(50)).toHaveLength(20);
    expect(await selectTrackingNumberEmptyOrders(3)).toHaveLength(3);
  });

  it("passes over orders whose page is still being scraped, so a second run picks the next ones", async () => {
    const a = await account("next@example.com");
    for (let i = 0; i < 25; i++) await purchasing({ orderNumber: `W${String(i).padStart(4, "0")}`, officialAccountId: a.id });
    const first = await trackingNumberEmptyWorker.plan(20);
    await createTrackingBatch({
      taskName: trackingNumberEmptyWorker.taskName,
      filePath: (b) => `${trackingNumberEmptyWorker.filePathPrefix}${b}`,
      urls: first.urls,
    });
    const second = await trackingNumberEmptyWorker.plan(20);
    expect(second.orders.map((o) => o.orderNumber)).toEqual(["W0020", "W0021", "W0022", "W0023", "W0024"]);
  });
});

describe("selectJapanPostOrders", () => {
  beforeEach(resetDatabase);

  it("keeps orders with a tracking number that are not delivered", async () => {
    await purchasing({ orderNumber: "A1", trackingNumber: "1111-2222-3333" });
    await purchasing({ orderNumber: "A2", trackingNumber: "EJ123456789JP", latestDeliveryStatus: "引受" });
    await purchasing({ orderNumber: "A3" });
    await purchasing({ orderNumber: "A4", trackingNumber: "" });
    await purchasing({ orderNumber: "A5", trackingNumber: "444455556666", deliveryStatus: "delivered" });
    await purchasing({ orderNumber: "A6", trackingNumber: "777788889999", latestDeliveryStatus: "お届け先にお届け済み" });
    await purchasing({ orderNumber: "A7", trackingNumber: "123123123123", carrier: "yamato" });
    await purchasing({ orderNumber: "A8", trackingNumber: "EJ987654321JP", carrier: "japan_post" });
    const orders = await selectJapanPostOrders();
    expect(orders.map((o) => [o.orderNumber, o.trackingNumber])).toEqual([
      ["A1", "111122223333"],
      ["A2", "EJ123456789JP"],
      ["A8", "EJ987654321JP"],
    ]);
  });

  it("puts ten numbers on each Japan Post page", async () => {
    for (let i = 0; i < 23; i++) await purchasing({ orderNumber: `J${i}`, trackingNumber: String(100000000000 + i) });
    const plan = await japanPostWorker.plan(100);
    expect(plan.orders).toHaveLength(23);
    expect(plan.urls).toHaveLength(3);
    const first = new URL(plan.urls[0]);
    expect(first.origin + first.pathname).toBe("https://trackings.post.japanpost.jp/services/srv/search/direct");
    expect(first.searchParams.get("reqCodeNo1")).toBe("100000000000");
    expect(first.searchParams.get("reqCodeNo10")).toBe("100000000009");
    expect(first.searchParams.get("reqCodeNo11")).toBeNull();
    expect(first.searchParams.get("locale")).toBe("ja");
    expect([...new URL(plan.urls[2]).searchParams.keys()]).toEqual(["reqCodeNo1", "reqCodeNo2", "reqCodeNo3", "locale"]);
    expect(plan.orders[10].url).toBe(plan.urls[1]);
  });

  it("visits the least recently updated orders first", async () => {
    await purchasing({ orderNumber: "fresh", trackingNumber: "1", lastInfoUpdatedAt: new Date("2026-01-02") });
    await purchasing({ orderNumber: "stale", trackingNumber: "2", lastInfoUpdatedAt: new Date("2026-01-01") });
    await purchasing({ orderNumber: "never", trackingNumber: "3" });
    expect((await selectJapanPostOrders()).map((o) => o.orderNumber)).toEqual(["never", "stale", "fresh"]);
    expect(await prisma.purchasing.count()).toBe(3);
  });
});
