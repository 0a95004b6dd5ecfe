import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { evaluateAlerts } from "../../../lib/monitoring/evaluate-alerts";
import { computeHealthScore } from "../../../lib/monitoring/health-score";
import { resetDatabase } from "../../setup/reset-database";

const now = () => new Date();
const open = (kind: string) => prisma.alert.findMany({ where: { kind, clearedAt: null } });

async function shop(id = "M1", extra: object = {}) {
  return prisma.shop.create({ data: { shopId: id, name: `Shop ${id}`, lastSuccessfulSyncAt: new Date(), ...extra } });
}

async function tasks(shopId: number, n: number, status: "pending" | "completed" | "failed", offset = 0) {
  await prisma.orderDetailTask.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      shopId,
      parentOrderSn: `PO-${status}-${offset + i}`,
      orderIds: [`o-${offset + i}`],
      status,
    })),
  });
}

describe("monitoring: every alert raised and cleared by its condition", () => {
  beforeEach(async () => {
    await resetDatabase();
    await evaluateAlerts(prisma, now(), { fromCron: true });
  });

  it("queue backlog > 1000 pending tasks", async () => {
    const s = await shop();
    await tasks(s.id, 1001, "pending");
    await evaluateAlerts(prisma, now());
    const [alert] = await open("temu_queue_backlog");
    expect(alert).toMatchObject({ flow: "temu", severity: "warning", fingerprint: "temu:queue_backlog" });
    const firstSeen = alert.firstSeenAt;
    await evaluateAlerts(prisma, new Date(Date.now() + 1000));
    const [again] = await open("temu_queue_backlog");
    expect(again.id).toBe(alert.id);
    expect(again.firstSeenAt).toEqual(firstSeen);
    expect(again.lastSeenAt.getTime()).toBeGreaterThan(firstSeen.getTime());
    await prisma.orderDetailTask.updateMany({
      where: { parentOrderSn: { in: ["PO-pending-0", "PO-pending-1"] } },
      data: { status: "completed" },
    });
    await evaluateAlerts(prisma, now());
    expect(await open("temu_queue_backlog")).toHaveLength(0);
    expect((await prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).clearedAt).not.toBeNull();
  });

  it("task failure rate > 10%", async () => {
    const s = await shop();
    await tasks(s.id, 3, "failed");
    await tasks(s.id, 17, "completed");
    await evaluateAlerts(prisma, now());
    expect(await open("temu_task_failure_rate")).toHaveLength(1);
    await prisma.orderDetailTask.updateMany({ where: { status: "failed" }, data: { status: "completed" } });
    await evaluateAlerts(prisma, now());
    expect(await open("temu_task_failure_rate")).toHaveLength(0);
  });

  it("a sync running longer than 1 hour", async () => {
    const s = await shop();
    const run = await prisma.temuSyncRun.create({
      data: { shopId: s.id, kind: "orders", mode: "full", windowEnd: now(), startedAt: new Date(Date.now() - 61 * 60_000) },
    });
    await evaluateAlerts(prisma, now());
    expect(await open("temu_sync_too_long")).toMatchObject([{ severity: "critical", fingerprint: `temu:sync_too_long:${s.id}:orders` }]);
    await prisma.temuSyncRun.update({ where: { id: run.id }, data: { status: "completed" } });
    await evaluateAlerts(prisma, now());
    expect(await open("temu_sync_too_long")).toHaveLength(0);
  });

  it("no successful sync within 3 intervals", async () => {
    const s = await shop("M2", { lastSuccessfulSyncAt: new Date(Date.now() - 31 * 60_000), lastSyncError: "pages 3 failed" });
    await evaluateAlerts(prisma, now());
    const [alert] = await open("temu_sync_stale");
    expect(alert.message).toMatch(/pages 3 failed/);
    await prisma.shop.update({ where: { id: s.id }, data: { lastSuccessfulSyncAt: now() } });
    await evaluateAlerts(prisma, now());
    expect(await open("temu_sync_stale")).toHaveLength(0);
  });

  it("Temu API failure rate > 5% per shop, and refused credentials", async () => {
    const s = await shop();
    const call = (ok: boolean, errorCode: number | null = null) => ({
      shopId: s.id,
      appKey: "k",
      type: "bg.order.list.v2.get",
      ok,
      errorCode,
      latencyMs: 30,
      at: now(),
    });
    await prisma.temuApiCall.createMany({
      data: [...Array.from({ length: 18 }, () => call(true)), call(false, 4000000), call(false, 3000034)],
    });
    await evaluateAlerts(prisma, now());
    expect(await open("temu_api_failure_rate")).toMatchObject([{ fingerprint: `temu:api_failure_rate:${s.id}` }]);
    expect(await open("temu_shop_unauthorised")).toMatchObject([{ severity: "critical" }]);
    await prisma.temuApiCall.updateMany({ data: { at: new Date(Date.now() - 16 * 60_000) } });
    await evaluateAlerts(prisma, now());
    expect(await open("temu_api_failure_rate")).toHaveLength(0);
    expect(await open("temu_shop_unauthorised")).toHaveLength(0);
  });

  it("the executor not running cron (no heartbeat for 3 minutes)", async () => {
    await prisma.monitorHeartbeat.updateMany({ data: { at: new Date(Date.now() - 4 * 60_000) } });
    const snapshot = await evaluateAlerts(prisma, now());
    expect(snapshot.executorRunning).toBe(false);
    expect(await open("executor_cron_stalled")).toMatchObject([{ flow: "platform", severity: "critical" }]);
    await evaluateAlerts(prisma, now(), { fromCron: true });
    expect(await open("executor_cron_stalled")).toHaveLength(0);
  });

  it("health score follows its formula", () => {
    const metrics = {
      pendingTasks: 500,
      processingTasks: 0,
      failedTasks: 0,
      completedTasks: 0,
      taskFailureRate: 0.05,
      activeShops: 4,
      staleShops: 1,
      longRunningSyncs: 0,
      apiCalls: 100,
      apiFailures: 10,
      apiFailureRate: 0.1,
    };
    const health = computeHealthScore(metrics, true);
    // 100 − 0 − 20·0.5 − 20·0.5 − 15·0.25 − 15·1 = 61.25
    expect(health).toMatchObject({
      score: 61,
      status: "degraded",
      deductions: { executor: 0, backlog: 10, task_failures: 10, stale_shops: 3.8, api_failures: 15 },
    });
    expect(computeHealthScore({ ...metrics, pendingTasks: 0, taskFailureRate: 0, staleShops: 0, apiFailureRate: 0 }, true).score).toBe(100);
    expect(computeHealthScore({ ...metrics, pendingTasks: 0, taskFailureRate: 0, staleShops: 0, apiFailureRate: 0 }, false).score).toBe(70);
    expect(health.formula).toMatch(/^100 − 30·\[executor not running cron\]/);
  });
});
