import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../lib/db/client";
import { startTemuSimulator, type TemuSimulator } from "../../lib/local-runtime/simulators/temu";
import { setTemuDeps, temuFullOrderScheduleFunction, temuOrderSyncFunction } from "../../inngest/functions/temu-sync";
import { temuEnrichDetailsFunction } from "../../inngest/functions/temu-enrichment";
import { resetDatabase } from "../setup/reset-database";
import { createShops, shopConfig, testDeps } from "../lib/temu/fixtures";

const configOf = (fn: unknown) =>
  (fn as { getConfig(o: object): Record<string, unknown>[] }).getConfig({
    baseUrl: new URL("http://localhost/api/inngest"),
    appPrefix: "resale-ops",
  })[0];

describe("Temu Inngest functions", () => {
  let sim: TemuSimulator;
  beforeAll(async () => {
    sim = await startTemuSimulator({ seed: 9, shops: [shopConfig("F1", 700)], ratePerAppKey: 1000 });
    setTemuDeps(testDeps(sim));
  });
  afterAll(async () => {
    setTemuDeps(null);
    await sim.stop();
  });
  beforeEach(resetDatabase);

  it("one order sync per shop at a time; full syncs at 02:00 in the staff's time zone", () => {
    expect(configOf(temuOrderSyncFunction).concurrency).toEqual({ limit: 1, key: "event.data.shopId" });
    expect(configOf(temuEnrichDetailsFunction).concurrency).toEqual({ limit: 1, key: "event.data.shopId" });
    expect(configOf(temuFullOrderScheduleFunction).triggers).toEqual([{ cron: "TZ=Asia/Tokyo 0 2 * * *" }]);
  });

  it("the order sync function runs page chunks as steps, finishes the run and asks for enrichment", async () => {
    const [shop] = await createShops(sim);
    const t = new InngestTestEngine({
      function: temuOrderSyncFunction,
      events: [{ name: "temu/orders.sync.requested", data: { shopId: shop.id, mode: "full", trigger: "test" } }],
      steps: [{ id: "enrich", handler: () => ({ ids: ["evt-1"] }) }],
    });
    const { result, ctx } = await t.execute();
    expect(result).toMatchObject({ status: "completed", failedPages: [] });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((c) => c[0]);
    expect(stepIds).toEqual(["start", "pages-0", "pages-1", "pages-2", "finish"]);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("enrich", {
      name: "temu/enrich.requested",
      data: { shopId: shop.id, trigger: "order-sync" },
    });
    expect(await prisma.temuSyncRun.findFirstOrThrow()).toMatchObject({ status: "completed", totalPages: 7, pagesDone: 7 });

    const enrich = new InngestTestEngine({
      function: temuEnrichDetailsFunction,
      events: [{ name: "temu/enrich.requested", data: { shopId: shop.id } }],
    });
    const enriched = await enrich.execute();
    expect(enriched.result).toMatchObject({ more: false });
    expect(await prisma.orderDetailTask.count({ where: { status: { in: ["pending", "processing"] } } })).toBe(0);
    expect(await prisma.temuOrder.count({ where: { packageSn: { not: null } } })).toBeGreaterThan(0);
  }, 120_000);
});
