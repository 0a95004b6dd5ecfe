import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase } from "../../setup/reset-database";

let session: { user: { id: string; email: string; role: "admin" | "staff" } } | null = null;
vi.mock("../../../lib/auth/get-staff-session", () => ({
  getStaffSession: async () => (session ? { ...session, expires: "2099-01-01" } : null),
}));

const { inngest } = await import("../../../inngest/client");
const logsRoute = await import("../../../app/api/haier/logs/route");
const syncRoute = await import("../../../app/api/haier/sync/route");
const productsRoute = await import("../../../app/api/haier/products/route");
const { prisma } = await import("../../../lib/db/client");

const ctx = { params: Promise.resolve({}) };
const admin = { user: { id: "1", email: "admin@example.com", role: "admin" as const } };
const staff = { user: { id: "2", email: "staff@example.com", role: "staff" as const } };

function get(query = "") {
  return logsRoute.GET(new NextRequest(`http://localhost/api/haier/logs${query}`), ctx);
}

async function seedLogs() {
  const base = new Date("2026-11-20T00:00:00Z").getTime();
  const rows = [
    { syncType: "products", status: "success", totalCount: 10, successCount: 10, failedCount: 0 },
    { syncType: "prices", status: "partial", totalCount: 10, successCount: 8, failedCount: 2 },
    { syncType: "stock", status: "failed", totalCount: 3, successCount: 0, failedCount: 3 },
    { syncType: "products", status: "partial", totalCount: 5, successCount: 4, failedCount: 1 },
  ] as const;
  for (let i = 0; i < 14; i++) {
    const row = rows[i % rows.length];
    await prisma.haierSyncLog.create({
      data: {
        ...row,
        createdAt: new Date(base + i * 60_000),
        startedAt: new Date(base + i * 60_000),
        completedAt: new Date(base + i * 60_000 + 2500),
        message: "m",
      },
    });
  }
}

describe("Haier API routes", () => {
  beforeEach(async () => {
    await resetDatabase();
    session = admin;
  });
  afterEach(() => vi.restoreAllMocks());

  it("GET /api/haier/logs: newest first, limit 10 by default, {count, results} with the serializer's fields", async () => {
    await seedLogs();
    const res = await get();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.count).toBe(10);
    expect(body.results).toHaveLength(10);
    expect(Object.keys(body.results[0])).toEqual(
      expect.arrayContaining([
        "id",
        "sync_type",
        "status",
        "message",
        "total_count",
        "success_count",
        "failed_count",
        "started_at",
        "completed_at",
        "created_at",
        "duration",
      ]),
    );
    expect(body.results[0].id).toBe(14);
    expect(body.results[0].duration).toBe(2.5);
    expect(body.results[0].sync_type_display).toBe("价格同步");
  });

  it("filters by sync_type and status and honours limit", async () => {
    await seedLogs();
    const byType = await (await get("?sync_type=products&limit=100")).json();
    expect(byType.count).toBe(7);
    expect(byType.results.every((r: { sync_type: string }) => r.sync_type === "products")).toBe(true);
    const both = await (await get("?sync_type=products&status=success&limit=5")).json();
    expect(both.count).toBe(4);
    expect(both.results.every((r: { status: string }) => r.status === "success")).toBe(true);
    expect((await (await get("?limit=3")).json()).count).toBe(3);
  });

  it("answers 400 listing the allowed values for an unknown sync_type or status, and for a bad limit", async () => {
    const type = await get("?sync_type=orders");
    expect(type.status).toBe(400);
    expect((await type.json()).allowed_values).toEqual(["products", "prices", "stock", "order", "logistics", "manual"]);
    const status = await get("?status=done");
    expect(status.status).toBe(400);
    expect((await status.json()).allowed_values).toEqual(["pending", "processing", "success", "failed", "partial"]);
    expect((await get("?limit=abc")).status).toBe(400);
    expect((await get("?limit=0")).status).toBe(400);
  });

  it("is admin only: 403 for staff, 401 without a session", async () => {
    session = staff;
    expect((await get()).status).toBe(403);
    session = null;
    expect((await get()).status).toBe(401);
  });

  it("POST /api/haier/sync records a pending log with the real sync_type and who asked, then queues the run", async () => {
    const sent: { name: string; data: Record<string, unknown>; id?: string }[] = [];
    vi.spyOn(inngest, "send").mockImplementation((async (event: { name: string; data: Record<string, unknown>; id?: string }) => {
      sent.push(event);
      return { ids: ["evt-1"] };
    }) as never);
    const res = await syncRoute.POST(
      new NextRequest("http://localhost/api/haier/sync", {
        method: "POST",
        body: JSON.stringify({ sync_type: "products", product_codes: "HR0000001 HR0000002", sync_prices: true, county_code: "310101" }),
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      }),
      ctx,
    );
    expect(res.status).toBe(202);
    const { log_id } = await res.json();
    const log = await prisma.haierSyncLog.findUniqueOrThrow({ where: { id: log_id } });
    expect(log).toMatchObject({ syncType: "products", status: "pending", triggeredBy: "admin@example.com" });
    expect(sent[0]).toMatchObject({
      name: "haier/sync.requested",
      id: `haier-sync-log-${log_id}`,
      data: { logId: log_id, productCodes: ["HR0000001", "HR0000002"], syncPrices: true, syncStock: false, countyCode: "310101" },
    });
    session = staff;
    const refused = await syncRoute.POST(
      new NextRequest("http://localhost/api/haier/sync", {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      }),
      ctx,
    );
    expect(refused.status).toBe(403);
  });

  it("GET /api/haier/products pages and searches for staff", async () => {
    session = staff;
    const brand = await prisma.brand.create({ data: { name: "AQUA" } });
    for (let i = 1; i <= 30; i++) {
      await prisma.product.create({
        data: { productCode: `HR${String(i).padStart(7, "0")}`, name: i === 7 ? "Casarte fridge" : `Washer ${i}`, brandId: brand.id },
      });
    }
    const page2 = await (await productsRoute.GET(new NextRequest("http://localhost/api/haier/products?page=2&page_size=25"), ctx)).json();
    expect(page2).toMatchObject({ count: 30, page: 2 });
    expect(page2.results).toHaveLength(5);
    const found = await (await productsRoute.GET(new NextRequest("http://localhost/api/haier/products?q=casarte"), ctx)).json();
    expect(found.results.map((p: { product_code: string }) => p.product_code)).toEqual(["HR0000007"]);
    expect(found.results[0].brand).toBe("AQUA");
  });
});
