// Haier alerts joined to the one alert model (issue 8 thresholds, seed 003 监控指标).
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { evaluateAlerts } from "../../../lib/monitoring/evaluate-alerts";
import { resetDatabase } from "../../setup/reset-database";

const open = (kind: string) => prisma.alert.findMany({ where: { kind, clearedAt: null, flow: "haier" } });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const evaluate = () => evaluateAlerts(prisma, new Date(), { backgroundReader: null });

async function log(
  syncType: "products" | "prices" | "stock",
  status: "success" | "partial" | "failed",
  at: Date,
  counts = { total: 100, ok: 100, failed: 0 },
) {
  return prisma.haierSyncLog.create({
    data: {
      syncType,
      status,
      createdAt: at,
      startedAt: at,
      completedAt: new Date(at.getTime() + 10_000),
      totalCount: counts.total,
      successCount: counts.ok,
      failedCount: counts.failed,
      apiCalls: 10,
      apiLatencyMs: 1000,
      message: status === "success" ? "" : "network: 5xx from Haier",
    },
  });
}

describe("haier alerts", () => {
  beforeEach(async () => {
    await resetDatabase();
    await evaluateAlerts(prisma, new Date(), { fromCron: true, backgroundReader: null });
  });

  it("the latest run of a sync type failed or was partial; cleared by a later success", async () => {
    await log("prices", "success", minutesAgo(20));
    const failed = await log("prices", "failed", minutesAgo(10), { total: 100, ok: 0, failed: 100 });
    await evaluate();
    expect(await open("haier_sync_failed")).toMatchObject([
      { severity: "critical", fingerprint: "haier:sync_failed:prices", link: "/haier" },
    ]);
    expect((await open("haier_sync_failed"))[0].details).toMatchObject({ log_id: failed.id });
    await log("prices", "success", minutesAgo(1));
    await evaluate();
    expect(await open("haier_sync_failed")).toHaveLength(0);
  });

  it("a scheduled sync type not run on schedule (stock every 30 minutes)", async () => {
    await log("stock", "success", minutesAgo(45));
    await evaluate();
    expect(await open("haier_sync_overdue")).toMatchObject([{ severity: "warning", fingerprint: "haier:sync_overdue:stock" }]);
    await log("stock", "success", minutesAgo(1));
    await evaluate();
    expect(await open("haier_sync_overdue")).toHaveLength(0);
  });

  it("seed thresholds over the last 24 h: success rate and failure rate", async () => {
    await log("products", "partial", minutesAgo(5), { total: 100, ok: 90, failed: 10 });
    const snapshot = await evaluate();
    expect((await open("haier_success_rate")).length).toBe(1);
    expect((await open("haier_failure_rate")).length).toBe(1);
    expect(snapshot.flows.haier.health.score).toBeLessThan(100);
    expect(snapshot.flows.haier.health.formula).toMatch(/^100 − 25·/);
    await prisma.haierSyncLog.updateMany({
      data: { createdAt: minutesAgo(25 * 60), status: "success", successCount: 100, failedCount: 0 },
    });
    await evaluate();
    expect(await open("haier_success_rate")).toHaveLength(0);
    expect(await open("haier_failure_rate")).toHaveLength(0);
  });
});
