// The cockpit's staff API: acknowledge an alert (staff session, same-origin
// JSON request), the cockpit's alerts and health per flow, live budgets, trends.
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase } from "../../setup/reset-database";

let session: { user: { id: string; email: string; role: "staff" | "admin" }; expires: string } | null = null;
vi.mock("../../../lib/auth/get-staff-session", () => ({ getStaffSession: async () => session }));

const { prisma } = await import("../../../lib/db/client");
const acknowledgeRoute = await import("../../../app/api/alerts/[id]/acknowledge/route");
const cockpitRoute = await import("../../../app/api/overview/cockpit/route");
const budgetsRoute = await import("../../../app/api/overview/budgets/route");
const trendsRoute = await import("../../../app/api/overview/trends/route");

const APP = "http://app.example.test:3000";
const staff = { user: { id: "2", email: "staff@example.com", role: "staff" as const }, expires: "2099-01-01" };
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const get = (url: string) => new NextRequest(`${APP}${url}`);
const acknowledge = (id: number | string, headers: Record<string, string> = { origin: APP, "content-type": "application/json" }) =>
  acknowledgeRoute.POST(
    new NextRequest(`${APP}/api/alerts/${id}/acknowledge`, { method: "POST", body: "{}", headers }),
    ctx({ id: String(id) }),
  );

async function stuckBatch() {
  const at = new Date(Date.now() - 40 * 60_000);
  const b = await prisma.trackingBatch.create({
    data: { filePath: "urls.txt", taskName: "yamato", totalJobs: 1, status: "processing", createdAt: at },
  });
  await prisma.trackingJob.create({
    data: { batchId: b.id, customId: "c-1", targetUrl: "https://example.test/1", index: 0, jobId: "j-1" },
  });
  await prisma.$executeRaw`UPDATE "TrackingJob" SET "updatedAt" = ${at}`;
  await prisma.$executeRaw`UPDATE "TrackingBatch" SET "updatedAt" = ${at}`;
  return b;
}

describe("cockpit API", () => {
  beforeEach(async () => {
    await resetDatabase();
    session = staff;
    vi.stubEnv("NEXTAUTH_URL", APP);
  });
  afterEach(() => vi.unstubAllEnvs());

  it("every route needs a session", async () => {
    session = null;
    const answers = await Promise.all([
      acknowledge(1),
      cockpitRoute.GET(get("/api/overview/cockpit"), ctx()),
      budgetsRoute.GET(get("/api/overview/budgets"), ctx()),
      trendsRoute.GET(get("/api/overview/trends"), ctx()),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
  });

  it("the cockpit lists a stuck batch's alert with a health score per flow; a staff member acknowledges it", async () => {
    const b = await stuckBatch();
    const res = await cockpitRoute.GET(get("/api/overview/cockpit"), ctx());
    expect(res.status).toBe(200);
    const body = await res.json();
    const alert = body.alerts.find((a: { kind: string }) => a.kind === "tracking_batch_stalled");
    expect(alert).toMatchObject({ flow: "tracking", severity: "warning", link: `/tracking/batches/${b.batchUuid}`, acknowledged_at: null });
    expect(body.health.map((h: { flow: string }) => h.flow)).toEqual(["tracking", "haier", "temu", "background"]);
    expect(body.health[0]).toMatchObject({ flow: "tracking", score: 65, formula: expect.stringMatching(/^100 − 35·/) });

    // Cross-origin or a form body: refused before the handler.
    expect((await acknowledge(alert.id, { origin: "http://evil.test", "content-type": "application/json" })).status).toBe(403);
    expect((await acknowledge(alert.id, { origin: APP, "content-type": "text/plain" })).status).toBe(415);

    const ack = await acknowledge(alert.id);
    expect(ack.status).toBe(200);
    expect((await ack.json()).alert).toMatchObject({
      id: alert.id,
      acknowledged_by: "staff@example.com",
      acknowledged_at: expect.any(String),
      cleared_at: null,
    });
    const again = await acknowledge(alert.id);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "alert_already_acknowledged" });
    expect((await acknowledge(999_999)).status).toBe(404);
    expect((await acknowledge("abc")).status).toBe(400);

    // Acknowledged alerts stay listed (after the unacknowledged ones) until their condition goes.
    const after = await (await cockpitRoute.GET(get("/api/overview/cockpit"), ctx())).json();
    expect(after.alerts.find((a: { id: number }) => a.id === alert.id)).toMatchObject({ acknowledged_by: "staff@example.com" });
  });

  it("budgets: WebScraper.io used of 150 in the window, Temu per app_key against 20/s (masked)", async () => {
    await prisma.syncLog.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        operationType: "tracking_job_published",
        message: `p${i}`,
        success: true,
        createdAt: new Date(Date.now() - 60_000),
      })),
    });
    const shop = await prisma.shop.create({ data: { shopId: "S1", name: "Tokyo Gadgets", appKey: "f9d5cc9313893a20d5aa85c654e8f503" } });
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 5_000);
    await prisma.temuApiCall.createMany({
      data: Array.from({ length: 18 }, (_, i) => ({
        shopId: shop.id,
        appKey: "f9d5cc9313893a20d5aa85c654e8f503",
        type: "t",
        ok: true,
        latencyMs: 10,
        at: new Date(at.getTime() + (i < 15 ? 0 : 1500)),
      })),
    });
    const body = await (await budgetsRoute.GET(get("/api/overview/budgets"), ctx())).json();
    expect(body.webscraper).toMatchObject({ used: 12, limit: 150, window_ms: 900_000 });
    expect(body.temu.app_keys).toEqual([
      { app_key: "f9d5…f503", shops: ["Tokyo Gadgets"], limit_per_second: 20, peak_per_second: 15, average_per_second: 0.3, calls: 18 },
    ]);
    expect(JSON.stringify(body)).not.toContain("f9d5cc9313893a20d5aa85c654e8f503");
  });

  it("trends: 14 days of delivered orders, exports per hour and failures per day in the staff zone", async () => {
    const p = await prisma.purchasing.create({ data: { orderNumber: "O-1" } });
    const p2 = await prisma.purchasing.create({ data: { orderNumber: "O-2" } });
    const recent = new Date(Date.now() - 2 * 3_600_000);
    await prisma.purchasingStatusChange.createMany({
      data: [
        { purchasingId: p.id, deliveryStatus: "delivered", recordedAt: recent },
        { purchasingId: p2.id, deliveryStatus: "delivered", recordedAt: recent },
        { purchasingId: p2.id, deliveryStatus: "in_transit", recordedAt: recent },
        { purchasingId: p.id, deliveryStatus: "delivered", recordedAt: new Date(Date.now() - 20 * 86_400_000) },
      ],
    });
    await prisma.syncLog.createMany({
      data: [
        { operationType: "webscraper_tracking", message: "ok", success: true, createdAt: recent },
        { operationType: "webscraper_tracking", message: "bad", success: false, createdAt: recent },
        { operationType: "tracking_job_publish_failed", message: "bad", success: false, createdAt: recent },
      ],
    });
    await prisma.haierSyncLog.create({ data: { syncType: "prices", status: "failed", createdAt: recent } });
    expect((await trendsRoute.GET(get("/api/overview/trends?tz=Not/AZone"), ctx())).status).toBe(400);
    const body = await (await trendsRoute.GET(get("/api/overview/trends?tz=Asia/Tokyo"), ctx())).json();
    expect(body.time_zone).toBe("Asia/Tokyo");
    expect(body.delivered_per_day).toHaveLength(14);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(recent);
    expect(body.delivered_per_day.find((d: { day: string }) => d.day === day)).toEqual({ day, orders: 2 });
    expect(body.delivered_per_day.reduce((n: number, d: { orders: number }) => n + d.orders, 0)).toBe(2);
    expect(body.exports_per_hour).toHaveLength(1);
    expect(body.exports_per_hour[0]).toMatchObject({
      processed: 2,
      failed: 1,
      hour: expect.stringMatching(new RegExp(`^${day} \\d\\d:00$`)),
    });
    expect(body.failures_per_day.find((d: { day: string }) => d.day === day)).toEqual({ day, tracking: 2, haier: 1 });
  });
});
