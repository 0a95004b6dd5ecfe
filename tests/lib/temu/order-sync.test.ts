import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { startTemuSimulator, type TemuSimulator } from "../../../lib/local-runtime/simulators/temu";
import { TemuApiError } from "../../../lib/temu/errors";
import { processOrderSyncChunk, runOrderSync, startOrderSync, finishOrderSync } from "../../../lib/temu/order-sync";
import { runProductSync } from "../../../lib/temu/product-sync";
import { resetDatabase } from "../../setup/reset-database";
import { createShops, shopConfig, testDeps } from "./fixtures";

describe("order sync against the Temu simulator", () => {
  let sim: TemuSimulator;
  beforeAll(async () => {
    sim = await startTemuSimulator({ seed: 7, shops: [shopConfig("A1", 20_000), shopConfig("B2", 600)], ratePerAppKey: 1000 });
  });
  afterAll(() => sim.stop());
  beforeEach(resetDatabase);

  it("a full sync of a 20,000-order shop stores every child order, parents and readable statuses, and queues enrichment tasks", async () => {
    const [shop] = await createShops(sim);
    const deps = testDeps(sim);
    const summary = await runOrderSync(deps, { shopId: shop.id, mode: "full", trigger: "test" });
    expect(summary.status).toBe("completed");
    const views = sim.ordersOf("A1");
    const children = views.reduce((n, v) => n + v.life.children.length, 0);
    expect(views.length).toBeGreaterThan(19_000);
    expect(Math.abs((await prisma.temuOrder.count({ where: { shopId: shop.id } })) - children)).toBeLessThanOrEqual(3); // orders created during the sync
    const parents = new Set((await prisma.temuOrder.findMany({ select: { parentOrderSn: true } })).map((o) => o.parentOrderSn));
    expect(views.filter((v) => !parents.has(v.life.parentOrderSn)).every((v) => v.life.createTime * 1000 > Date.now() - 120_000)).toBe(
      true,
    );
    const statuses = await prisma.temuOrder.groupBy({ by: ["parentOrderStatus"], _count: true });
    expect(statuses.map((s) => s.parentOrderStatus).sort()).toEqual(expect.arrayContaining(["canceled", "delivered", "shipped"]));
    // Statuses move while the sync runs: compare with what was stored.
    const shippedParents = await prisma.temuOrder.groupBy({ by: ["parentOrderSn"], where: { parentOrderStatusCode: { in: [4, 5] } } });
    expect(shippedParents.length).toBeGreaterThan(10_000);
    expect(await prisma.orderDetailTask.count({ where: { shopId: shop.id, status: "pending" } })).toBe(shippedParents.length);
    const after = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(after.syncStatus).toBe("success");
    expect(after.lastFullSyncAt).not.toBeNull();
    const newestStored = await prisma.temuOrder.aggregate({ _max: { orderUpdatedAt: true } });
    expect(after.lastSyncAt!.getTime()).toBe(newestStored._max.orderUpdatedAt!.getTime());
    const run = await prisma.temuSyncRun.findFirstOrThrow();
    expect(run).toMatchObject({ status: "completed", pagesDone: run.totalPages, failedPages: [] });
  }, 120_000);

  it("incremental sync picks up an order updated exactly on the watermark and later ones", async () => {
    const [, shopRow] = await createShops(sim);
    const deps = testDeps(sim, { nowFromSim: true });
    await runOrderSync(deps, { shopId: shopRow.id, mode: "full" });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopRow.id } });
    const watermark = shop.lastSyncAt!.getTime() / 1000;
    // Temu records an update at the very second of the watermark after we read it: the overlap re-reads it.
    const onBoundary = sim.ordersOf("B2").find((v) => v.updateTime === watermark)!;
    await prisma.temuOrder.updateMany({
      where: { parentOrderSn: onBoundary.life.parentOrderSn },
      data: { orderStatus: "stale", orderUpdatedAt: new Date((watermark - 10) * 1000) },
    });
    sim.advance(3 * 86_400);
    const summary = await runOrderSync(deps, { shopId: shop.id, mode: "incremental" });
    expect(summary.status).toBe("completed");
    const run = await prisma.temuSyncRun.findFirstOrThrow({ where: { mode: "incremental" } });
    expect(run.windowStart!.getTime()).toBe((watermark - 300) * 1000);
    const stored = await prisma.temuOrder.findFirstOrThrow({ where: { parentOrderSn: onBoundary.life.parentOrderSn } });
    expect(stored.orderStatus).not.toBe("stale");
    for (const view of sim.ordersOf("B2").slice(0, 50)) {
      const row = await prisma.temuOrder.findFirst({ where: { parentOrderSn: view.life.parentOrderSn } });
      expect(row?.parentOrderStatusCode).toBe(view.status);
    }
  }, 60_000);

  it("a crash mid-sync resumes at the next page of the same run", async () => {
    const [shop] = await createShops(sim);
    const deps = testDeps(sim);
    const { runId } = await startOrderSync(deps, { shopId: shop.id, mode: "full" });
    await processOrderSyncChunk(deps, runId);
    await processOrderSyncChunk(deps, runId);
    // The process dies here; a new invocation finds the running run and continues.
    const before = await prisma.temuSyncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(before.nextPage).toBe(7);
    const resumed = await startOrderSync(deps, { shopId: shop.id, mode: "full" });
    expect(resumed).toEqual({ runId, resumed: true });
    sim.server.clearRequests();
    for (;;) if ((await processOrderSyncChunk(deps, runId)).done) break;
    const firstPageAgain = sim.requests.some((r) => (r.body as { pageNumber?: number }).pageNumber === 1);
    expect(firstPageAgain).toBe(false);
    expect((await finishOrderSync(deps, runId)).status).toBe("completed");
    expect(await prisma.temuSyncRun.count()).toBe(1);
  }, 120_000);

  it("a page that keeps failing is a gap: the run fails and the watermark stays", async () => {
    const [, shop] = await createShops(sim);
    const deps = testDeps(sim);
    const { runId } = await startOrderSync(deps, { shopId: shop.id, mode: "full" });
    await processOrderSyncChunk(deps, runId);
    sim.setFaults({ errorRate: 1 });
    try {
      for (;;) if ((await processOrderSyncChunk(deps, runId)).done) break;
      const summary = await finishOrderSync(deps, runId);
      expect(summary.status).toBe("failed");
      expect(summary.failedPages.length).toBeGreaterThan(0);
    } finally {
      sim.setFaults({ errorRate: 0 });
    }
    const after = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(after).toMatchObject({ syncStatus: "failed", lastSyncAt: null });
    expect(after.lastSyncError).toMatch(/pages .* failed/);
  }, 60_000);

  it("an expired token fails the run at once, without retries, and says to re-authorise", async () => {
    const [, shop] = await createShops(sim);
    sim.setTokenExpired("B2", true);
    sim.server.clearRequests();
    try {
      await expect(runOrderSync(testDeps(sim), { shopId: shop.id, mode: "incremental" })).rejects.toBeInstanceOf(TemuApiError);
    } finally {
      sim.setTokenExpired("B2", false);
    }
    expect(sim.requests).toHaveLength(1);
    const after = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(after.syncStatus).toBe("failed");
    expect(after.lastSyncError).toMatch(/3000034.*re-authorise/);
  });

  it("product sync pages the goods list with pageNo and stores every product", async () => {
    const [shop] = await createShops(sim);
    const result = await runProductSync(testDeps(sim), { shopId: shop.id, mode: "full" });
    expect(result.status).toBe("completed");
    expect(await prisma.temuProduct.count()).toBe(150);
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).lastProductFullSyncAt).not.toBeNull();
  });
});
