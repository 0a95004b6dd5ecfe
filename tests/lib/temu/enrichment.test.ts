import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { startTemuSimulator, type TemuSimulator } from "../../../lib/local-runtime/simulators/temu";
import { claimTaskBatch, runEnrichment } from "../../../lib/temu/enrichment";
import { runOrderSync } from "../../../lib/temu/order-sync";
import type { TemuDeps } from "../../../lib/temu/shop-client";
import { resetDatabase } from "../../setup/reset-database";
import { createShops, shopConfig, testDeps } from "./fixtures";

describe("package-number enrichment", () => {
  let sim: TemuSimulator;
  beforeAll(async () => {
    sim = await startTemuSimulator({ seed: 11, shops: [shopConfig("E1", 1200)], ratePerAppKey: 1000 });
  });
  afterAll(() => sim.stop());
  beforeEach(resetDatabase);

  it("with 30% injected failures every task ends completed or failed after 5 tries, and no task is processed by two runs at once", async () => {
    const [shop] = await createShops(sim);
    const base = testDeps(sim);
    await runOrderSync(base, { shopId: shop.id, mode: "full" });
    const taskCount = await prisma.orderDetailTask.count();
    expect(taskCount).toBeGreaterThan(300);

    // Each task attempt is one call (no client-side retries) so failures reach the task's retry count.
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    const deps = (): TemuDeps => {
      const inner = testDeps(sim);
      return {
        ...inner,
        clientFor(s) {
          const client = { ...inner.clientFor(s) };
          const real = testDepsNoRetry(sim).clientFor(s);
          client.orderDetail = async (sn: string) => {
            const now = (inFlight.get(sn) ?? 0) + 1;
            inFlight.set(sn, now);
            if (now > 1) overlaps++;
            try {
              return await real.orderDetail(sn);
            } finally {
              inFlight.set(sn, (inFlight.get(sn) ?? 1) - 1);
            }
          };
          return client;
        },
      };
    };

    sim.setFaults({ errorRate: 0.3 });
    try {
      for (let round = 0; round < 10; round++) {
        await Promise.all([0, 1, 2].map((w) => runEnrichment(deps(), { runId: `r${round}-w${w}`, backoffBaseMs: 0 })));
        if ((await prisma.orderDetailTask.count({ where: { status: { in: ["pending", "processing"] } } })) === 0) break;
      }
    } finally {
      sim.setFaults({ errorRate: 0 });
    }
    expect(overlaps).toBe(0);
    const tasks = await prisma.orderDetailTask.findMany();
    expect(tasks.every((t) => t.status === "completed" || t.status === "failed")).toBe(true);
    const failed = tasks.filter((t) => t.status === "failed");
    // 0.3^5 ≈ 0.24% fail all five tries.
    expect(failed.every((t) => t.retryCount === 5 && /after 5 attempts/.test(t.errorMessage ?? ""))).toBe(true);
    const completed = tasks.filter((t) => t.status === "completed");
    expect(completed.length).toBeGreaterThan(taskCount * 0.97);
    expect(completed.filter((t) => t.packageSn).length).toBeGreaterThan(completed.length * 0.8);
    // Package numbers reached the orders.
    const withPackage = completed.find((t) => t.packageSn)!;
    const orders = await prisma.temuOrder.findMany({ where: { parentOrderSn: withPackage.parentOrderSn } });
    expect(orders.every((o) => o.packageSn === withPackage.packageSn)).toBe(true);
  }, 180_000);

  it("a crashed run's tasks are claimed again once their 5-minute lock expires, and the old run can no longer write", async () => {
    const [shop] = await createShops(sim);
    await runOrderSync(testDeps(sim), { shopId: shop.id, mode: "full" });
    const claimed = await claimTaskBatch(prisma, { runId: "crashed" });
    expect(claimed).toHaveLength(50);
    expect(await claimTaskBatch(prisma, { runId: "other", batchSize: 2000 })).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: claimed[0].id })]),
    );
    await prisma.orderDetailTask.updateMany({ where: { lockedBy: "crashed" }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await prisma.orderDetailTask.updateMany({
      where: { lockedBy: "other" },
      data: { status: "pending", lockedBy: null, lockedUntil: null },
    });
    const again = await claimTaskBatch(prisma, { runId: "sweeper", batchSize: 2000 });
    expect(again.map((t) => t.id)).toEqual(expect.arrayContaining(claimed.map((t) => t.id)));
    expect(again.find((t) => t.id === claimed[0].id)!.lockedBy).toBe("sweeper");
  });
});

function testDepsNoRetry(sim: TemuSimulator) {
  return testDeps(sim, { maxAttempts: 1 });
}
