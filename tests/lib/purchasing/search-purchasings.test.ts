import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { searchPurchasings, searchPurchasingsQuery } from "@/lib/purchasing/search-purchasings";
import { resetDatabase } from "../../setup/reset-database";

const search = (params: Record<string, string>) => searchPurchasings(searchPurchasingsQuery.parse(params));

async function seedOrders() {
  const account = await prisma.officialAccount.create({ data: { email: "buyer@example.com", accountName: "buyer" } });
  const rows = [
    { orderNumber: "W1000000001", trackingNumber: null, deliveryStatus: "pending" as const },
    { orderNumber: "W1000000002", trackingNumber: "", deliveryStatus: "pending" as const },
    { orderNumber: "W2000000003", trackingNumber: "123456789012", deliveryStatus: "in_transit" as const },
    { orderNumber: "W2000000004", trackingNumber: "998877665544", deliveryStatus: "delivered" as const },
  ];
  for (const [i, row] of rows.entries()) {
    await prisma.purchasing.create({
      data: { ...row, officialAccountId: account.id, updatedAt: new Date(Date.UTC(2026, 10, 1 + i)) },
    });
  }
}

describe("searchPurchasings", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seedOrders();
  });

  it("keeps the search text when missing tracking is also set", async () => {
    const found = await search({ q: "W1000000001", missing_tracking: "true" });
    expect(found.results.map((r) => r.order_number)).toEqual(["W1000000001"]);
    expect(found.total).toBe(1);
    // A text that matches only orders that have a tracking number finds nothing missing one.
    expect((await search({ q: "W2000", missing_tracking: "true" })).total).toBe(0);
  });

  it("finds by order or tracking number, case-insensitively, newest update first", async () => {
    expect((await search({ q: "w2000" })).results.map((r) => r.order_number)).toEqual(["W2000000004", "W2000000003"]);
    expect((await search({ q: "8877" })).results.map((r) => r.order_number)).toEqual(["W2000000004"]);
  });

  it("combines the delivery status filter with the search text", async () => {
    expect((await search({ q: "W2", delivery_status: "delivered" })).results.map((r) => r.order_number)).toEqual(["W2000000004"]);
    expect((await search({ missing_tracking: "true" })).total).toBe(2);
  });

  it("a whole order or tracking number finds exactly that order, in any case", async () => {
    await prisma.purchasing.create({ data: { orderNumber: "W10000000011", trackingNumber: "1234567890123" } });
    // W1000000001 is also a substring of W10000000011: the exact order wins.
    expect((await search({ q: "w1000000001" })).results.map((r) => r.order_number)).toEqual(["W1000000001"]);
    expect((await search({ q: "123456789012" })).results.map((r) => r.order_number)).toEqual(["W2000000003"]);
    // An exact number that another filter excludes falls back to the substring search.
    expect((await search({ q: "W1000000001", delivery_status: "delivered" })).total).toBe(0);
  });

  it("counts a first page that is not full by its rows, and a full one by counting", async () => {
    expect(await search({ q: "W2000" })).toMatchObject({ total: 2, total_is_lower_bound: false });
    expect(await search({ page_size: "4" })).toMatchObject({ total: 4 });
    expect(await search({ page_size: "2" })).toMatchObject({ total: 4 });
    expect(await search({ q: "W", page_size: "2" })).toMatchObject({ total: 4 });
    expect(await search({ q: "nothing-like-this" })).toMatchObject({ total: 0, results: [] });
  });

  it("pages with the total of every match", async () => {
    const page2 = await search({ page: "2", page_size: "3" });
    expect(page2.total).toBe(4);
    expect(page2.total_is_lower_bound).toBe(false);
    expect(page2.results.map((r) => r.order_number)).toEqual(["W1000000001"]);
    expect(page2.results[0].email).toBe("buyer@example.com");
  });
});
