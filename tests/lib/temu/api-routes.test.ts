import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase } from "../../setup/reset-database";

let session: { user: { id: string; email: string; role: "staff" | "admin" }; expires: string } | null = null;
vi.mock("../../../lib/auth/get-staff-session", () => ({ getStaffSession: async () => session }));

const { inngest } = await import("../../../inngest/client");
const { prisma } = await import("../../../lib/db/client");
const progressRoute = await import("../../../app/api/sync/shops/[shop_id]/orders/progress/route");
const enrichRoute = await import("../../../app/api/sync/shops/[shop_id]/orders/enrich-details/route");
const tasksRoute = await import("../../../app/api/sync/shops/[shop_id]/orders/enrich-tasks/route");
const retryRoute = await import("../../../app/api/sync/shops/[shop_id]/orders/enrich-tasks/[task_id]/retry/route");
const statsRoute = await import("../../../app/api/sync/orders/enrich-tasks/stats/route");
const alertsRoute = await import("../../../app/api/sync/monitoring/alerts/route");
const healthRoute = await import("../../../app/api/sync/monitoring/health/route");
const shopsRoute = await import("../../../app/api/sync/shops/route");
const syncRoute = await import("../../../app/api/sync/shops/[shop_id]/sync/route");
const ordersRoute = await import("../../../app/api/sync/shops/[shop_id]/orders/route");

const staff = { user: { id: "2", email: "staff@example.com", role: "staff" as const }, expires: "2099-01-01" };
const admin = { user: { id: "1", email: "admin@example.com", role: "admin" as const }, expires: "2099-01-01" };
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const get = (url: string) => new NextRequest(`http://localhost${url}`);
const post = (url: string, body?: unknown) =>
  new NextRequest(`http://localhost${url}`, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
  });

describe("Temu sync APIs", () => {
  let sent: { name: string; data: unknown }[];
  let shopRowId: number;
  beforeEach(async () => {
    await resetDatabase();
    session = staff;
    sent = [];
    vi.spyOn(inngest, "send").mockImplementation((async (payload: unknown) => {
      const events = (Array.isArray(payload) ? payload : [payload]) as typeof sent;
      sent.push(...events);
      return { ids: events.map((_, i) => `evt-${i}`) };
    }) as never);
    const shop = await prisma.shop.create({
      data: {
        shopId: "635517726820718",
        name: "Tokyo Gadgets",
        appKey: "f9d5cc9313893a20d5aa85c654e8f503",
        appSecret: "super-secret-value",
        accessToken: "token-value-123456",
      },
    });
    shopRowId = shop.id;
    await prisma.temuOrder.createMany({
      data: [
        {
          shopId: shop.id,
          orderSn: "211-1",
          parentOrderSn: "PO-1",
          orderStatus: "shipped",
          parentOrderStatus: "shipped",
          parentOrderStatusCode: 4,
          goodsName: "Desk lamp",
        },
        {
          shopId: shop.id,
          orderSn: "211-2",
          parentOrderSn: "PO-2",
          orderStatus: "delivered",
          parentOrderStatus: "delivered",
          parentOrderStatusCode: 5,
          packageSn: "PK123",
        },
      ],
    });
    await prisma.orderDetailTask.create({
      data: { shopId: shop.id, parentOrderSn: "PO-9", orderIds: ["211-9"], status: "failed", retryCount: 5, errorMessage: "Temu 4000000" },
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("every route needs a session (401)", async () => {
    session = null;
    const answers = await Promise.all([
      progressRoute.GET(get("/api/sync/shops/635517726820718/orders/progress"), ctx({ shop_id: "635517726820718" })),
      enrichRoute.POST(post("/api/sync/shops/635517726820718/orders/enrich-details"), ctx({ shop_id: "635517726820718" })),
      tasksRoute.GET(get("/api/sync/shops/635517726820718/orders/enrich-tasks"), ctx({ shop_id: "635517726820718" })),
      statsRoute.GET(get("/api/sync/orders/enrich-tasks/stats"), ctx()),
      alertsRoute.GET(get("/api/sync/monitoring/alerts"), ctx()),
      healthRoute.GET(get("/api/sync/monitoring/health"), ctx()),
      shopsRoute.GET(get("/api/sync/shops"), ctx()),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
  });

  it("GET progress: shape, masked credentials, 404 for an unknown shop", async () => {
    const run = await prisma.temuSyncRun.create({
      data: { shopId: shopRowId, kind: "orders", mode: "full", windowEnd: new Date(), totalPages: 10, pagesDone: 4, nextPage: 5 },
    });
    const res = await progressRoute.GET(get("/api/sync/shops/635517726820718/orders/progress"), ctx({ shop_id: "635517726820718" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.shop).toMatchObject({ shop_id: "635517726820718", app_key: "f9d5…f503", has_credentials: true });
    expect(JSON.stringify(body)).not.toContain("super-secret-value");
    expect(JSON.stringify(body)).not.toContain("token-value-123456");
    expect(body.orders.current).toMatchObject({ run_id: run.id, pages_done: 4, total_pages: 10, percent: 40, status: "running" });
    expect(body.enrichment).toEqual({ pending: 0, processing: 0, completed: 0, failed: 1 });
    const missing = await progressRoute.GET(get("/api/sync/shops/nope/orders/progress"), ctx({ shop_id: "nope" }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toMatch(/shop nope not found/);
  });

  it("POST enrich-details is admin-only, creates tasks for shipped parents without a package and queues a run", async () => {
    expect(
      (await enrichRoute.POST(post("/api/sync/shops/635517726820718/orders/enrich-details"), ctx({ shop_id: "635517726820718" }))).status,
    ).toBe(403);
    session = admin;
    const res = await enrichRoute.POST(
      post("/api/sync/shops/635517726820718/orders/enrich-details", { retry_failed: true }),
      ctx({ shop_id: "635517726820718" }),
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ shop_id: "635517726820718", tasks_created: 1, retried: 1 });
    expect(sent).toEqual([{ name: "temu/enrich.requested", data: { shopId: shopRowId, trigger: "manual" } }]);
    expect((await enrichRoute.POST(post("/api/sync/shops/x/orders/enrich-details"), ctx({ shop_id: "x" }))).status).toBe(404);
    const bad = await enrichRoute.POST(
      post("/api/sync/shops/635517726820718/orders/enrich-details", { retry_failed: "yes" }),
      ctx({ shop_id: "635517726820718" }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toMatch(/retry_failed/);
  });

  it("GET enrich-tasks filters by status and pages; bad parameters are 400 with the reason", async () => {
    const res = await tasksRoute.GET(
      get("/api/sync/shops/635517726820718/orders/enrich-tasks?status=failed&page=1&page_size=10"),
      ctx({ shop_id: "635517726820718" }),
    );
    expect(await res.json()).toMatchObject({
      shop_id: "635517726820718",
      total: 1,
      page: 1,
      page_size: 10,
      items: [
        { parent_order_sn: "PO-9", status: "failed", retry_count: 5, max_retries: 5, error_message: "Temu 4000000", package_sn: null },
      ],
    });
    const bad = await tasksRoute.GET(
      get("/api/sync/shops/635517726820718/orders/enrich-tasks?status=done"),
      ctx({ shop_id: "635517726820718" }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toMatch(/status/);
    expect(
      (await tasksRoute.GET(get("/api/sync/shops/635517726820718/orders/enrich-tasks?page_size=1000"), ctx({ shop_id: "635517726820718" })))
        .status,
    ).toBe(400);
    expect((await tasksRoute.GET(get("/api/sync/shops/zz/orders/enrich-tasks"), ctx({ shop_id: "zz" }))).status).toBe(404);
  });

  it("GET stats, alerts and health answer their shapes", async () => {
    const stats = await (await statsRoute.GET(get("/api/sync/orders/enrich-tasks/stats"), ctx())).json();
    expect(stats).toMatchObject({ total: 1, by_status: { failed: 1 }, by_shop: [{ shop_id: "635517726820718", failed: 1 }] });
    const alerts = await (await alertsRoute.GET(get("/api/sync/monitoring/alerts"), ctx())).json();
    // Nothing ran the monitoring cron in this test: the executor alert is up.
    expect(alerts.alerts).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "executor_cron_stalled", severity: "critical", cleared_at: null })]),
    );
    expect((await alertsRoute.GET(get("/api/sync/monitoring/alerts?active=maybe"), ctx())).status).toBe(400);
    const health = await (await healthRoute.GET(get("/api/sync/monitoring/health"), ctx())).json();
    expect(health).toMatchObject({ score: expect.any(Number), formula: expect.stringContaining("100 −"), executor: { running: false } });
    expect(health.score).toBeLessThanOrEqual(70);
  });

  it("shop list, sync trigger, order search and task retry", async () => {
    const shops = await (await shopsRoute.GET(get("/api/sync/shops"), ctx())).json();
    expect(shops.shops[0].shop).toMatchObject({ shop_id: "635517726820718", app_key: "f9d5…f503" });
    const trigger = await syncRoute.POST(
      post("/api/sync/shops/635517726820718/sync", { kind: "orders", mode: "full" }),
      ctx({ shop_id: "635517726820718" }),
    );
    expect(trigger.status).toBe(202);
    expect(sent[0]).toMatchObject({ name: "temu/orders.sync.requested", data: { shopId: shopRowId, mode: "full" } });
    expect(
      (
        await syncRoute.POST(
          post("/api/sync/shops/635517726820718/sync", { kind: "orders", mode: "weekly" }),
          ctx({ shop_id: "635517726820718" }),
        )
      ).status,
    ).toBe(400);
    const orders = await (
      await ordersRoute.GET(get("/api/sync/shops/635517726820718/orders?q=PK123"), ctx({ shop_id: "635517726820718" }))
    ).json();
    expect(orders).toMatchObject({ total: 1, items: [{ order_sn: "211-2", package_sn: "PK123", status: "delivered" }] });
    const task = await prisma.orderDetailTask.findFirstOrThrow();
    expect((await retryRoute.POST(post(`/x`), ctx({ shop_id: "635517726820718", task_id: String(task.id) }))).status).toBe(403);
    session = admin;
    expect((await retryRoute.POST(post(`/x`), ctx({ shop_id: "635517726820718", task_id: String(task.id) }))).status).toBe(202);
    expect(await prisma.orderDetailTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "pending", retryCount: 0 });
    expect((await retryRoute.POST(post(`/x`), ctx({ shop_id: "635517726820718", task_id: String(task.id) }))).status).toBe(404);
  });
});
