// Each tracking alert (issue 11 §3) raised by its condition and cleared when the condition goes.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { evaluateAlerts } from "../../../lib/monitoring/evaluate-alerts";
import { computeTrackingHealth } from "../../../lib/monitoring/health-score";
import { readWebScraperBudget, TRACKING_THRESHOLDS } from "../../../lib/monitoring/tracking-conditions";
import { resetDatabase } from "../../setup/reset-database";

const open = (kind: string) => prisma.alert.findMany({ where: { kind, clearedAt: null } });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
// The background flow is tested on its own (background-conditions.test.ts): no engine state here.
const evaluate = (at = new Date()) => evaluateAlerts(prisma, at, { backgroundReader: null });

async function batch(jobs: { status: "pending" | "completed" | "failed"; jobId?: string | null; errorMessage?: string }[]) {
  const b = await prisma.trackingBatch.create({
    data: { filePath: "urls.txt", taskName: "yamato", totalJobs: jobs.length, status: "processing" },
  });
  await prisma.trackingJob.createMany({
    data: jobs.map((j, i) => ({
      batchId: b.id,
      customId: `c-${b.id}-${i}`,
      targetUrl: `https://example.test/${i}`,
      index: i,
      status: j.status,
      jobId: j.jobId === undefined ? `job-${b.id}-${i}` : j.jobId,
      errorMessage: j.errorMessage,
    })),
  });
  return b;
}

async function backdate(batchId: number, minutes: number) {
  const at = minutesAgo(minutes);
  await prisma.$executeRaw`UPDATE "TrackingJob" SET "updatedAt" = ${at} WHERE "batchId" = ${batchId}`;
  await prisma.$executeRaw`UPDATE "TrackingBatch" SET "updatedAt" = ${at}, "createdAt" = ${at} WHERE "id" = ${batchId}`;
}

async function published(n: number, at: Date, extra: object = {}) {
  await prisma.syncLog.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      operationType: "tracking_job_published",
      message: `Published c-${i}`,
      success: true,
      details: { custom_id: `c-${i}`, ...extra },
      createdAt: at,
    })),
  });
}

describe("tracking alerts: raised by their condition, cleared when it goes", () => {
  beforeEach(async () => {
    await resetDatabase();
    await evaluateAlerts(prisma, new Date(), { fromCron: true, backgroundReader: null });
  });

  it("a batch with pending jobs and no progress for 30 minutes", async () => {
    const b = await batch([{ status: "pending" }, { status: "completed" }]);
    await backdate(b.id, 29);
    await evaluate();
    expect(await open("tracking_batch_stalled")).toHaveLength(0);

    await backdate(b.id, 31);
    const snapshot = await evaluate();
    const [alert] = await open("tracking_batch_stalled");
    expect(alert).toMatchObject({
      flow: "tracking",
      severity: "warning",
      fingerprint: `tracking:batch_stalled:${b.id}`,
      link: `/tracking/batches/${b.batchUuid}`,
    });
    expect(alert.message).toMatch(/1 pending jobs and no progress for 31 minutes/);
    expect(snapshot.flows.tracking.metrics.stalledBatches).toBe(1);
    expect(snapshot.flows.tracking.health.deductions.stalled_batches).toBe(35);

    // Still stuck a minute later: the same row, refreshed.
    await evaluate(new Date(Date.now() + 60_000));
    const [again] = await open("tracking_batch_stalled");
    expect(again.id).toBe(alert.id);
    expect(again.lastSeenAt.getTime()).toBeGreaterThan(alert.lastSeenAt.getTime());

    // Progress (the pending job completes): cleared.
    await prisma.trackingJob.updateMany({ where: { batchId: b.id, status: "pending" }, data: { status: "completed" } });
    await evaluate();
    expect(await open("tracking_batch_stalled")).toHaveLength(0);
    expect((await prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).clearedAt).not.toBeNull();
  });

  it("a stuck batch also clears when its jobs move again (progress without finishing)", async () => {
    const b = await batch([{ status: "pending" }, { status: "pending" }]);
    await backdate(b.id, 45);
    await evaluate();
    expect(await open("tracking_batch_stalled")).toHaveLength(1);
    await prisma.trackingJob.updateMany({ where: { batchId: b.id, index: 0 }, data: { status: "completed" } });
    await evaluate();
    expect(await open("tracking_batch_stalled")).toHaveLength(0);
  });

  it("jobs that failed to publish in the last hour, per batch", async () => {
    const b = await batch([
      { status: "failed", jobId: null, errorMessage: "WebScraper 500" },
      { status: "failed", jobId: null, errorMessage: "WebScraper 502" },
      { status: "completed" },
    ]);
    // A job that failed processing (it has a scraping job id) is not a publish failure.
    await batch([{ status: "failed", jobId: "job-x", errorMessage: "parse_error" }]);
    await evaluate();
    const alerts = await open("tracking_publish_failed");
    expect(alerts).toMatchObject([{ fingerprint: `tracking:publish_failed:${b.id}`, link: `/tracking/batches/${b.batchUuid}` }]);
    expect(alerts[0].details).toMatchObject({ failed_jobs: 2 });

    // Requeued for publishing (back to pending): cleared.
    await prisma.trackingJob.updateMany({ where: { batchId: b.id, status: "failed" }, data: { status: "pending" } });
    await evaluate();
    expect(await open("tracking_publish_failed")).toHaveLength(0);

    // And one failed over an hour ago no longer counts.
    await prisma.trackingJob.updateMany({ where: { batchId: b.id, status: "pending" }, data: { status: "failed" } });
    await evaluate();
    expect(await open("tracking_publish_failed")).toHaveLength(1);
    await prisma.$executeRaw`UPDATE "TrackingJob" SET "updatedAt" = ${minutesAgo(61)} WHERE "batchId" = ${b.id}`;
    await evaluate();
    expect(await open("tracking_publish_failed")).toHaveLength(0);
  });

  it("webhook processing failures over the last hour", async () => {
    await prisma.syncLog.createMany({
      data: [
        { operationType: "webscraper_tracking", message: "ok", success: true, jobId: "1" },
        { operationType: "webscraper_tracking", message: "Tracking failed for job 2: parse_error", success: false, jobId: "2" },
        { operationType: "redirect_to_japan_post_tracking_failed", message: "redirect failed", success: false },
        // Not a processing type: a publish failure is its own alert.
        { operationType: "tracking_job_publish_failed", message: "publish failed", success: false },
      ],
    });
    await evaluate();
    const [alert] = await open("tracking_webhook_failures");
    expect(alert).toMatchObject({ severity: "warning", fingerprint: "tracking:webhook_failures" });
    expect(alert.details).toMatchObject({ failures: 2, processed: 3 });

    await prisma.syncLog.updateMany({ where: { success: false }, data: { createdAt: minutesAgo(61) } });
    await evaluate();
    expect(await open("tracking_webhook_failures")).toHaveLength(0);
  });

  it("the WebScraper.io budget: published in the current 15-minute window against 150, warned at ≥ 90%", async () => {
    const now = new Date();
    await published(134, minutesAgo(5));
    await published(20, minutesAgo(16)); // an earlier window
    await published(3, minutesAgo(2), { recovered: true }); // found an existing scraping job: created none
    const budget = await readWebScraperBudget(prisma, now);
    expect(budget).toMatchObject({ used: 134, limit: 150, windowMs: 15 * 60_000 });
    expect(budget.ratio).toBeCloseTo(134 / 150);
    await evaluate(now);
    expect(await open("tracking_rate_budget")).toHaveLength(0);

    await published(1, minutesAgo(1)); // 135 = 90%
    const snapshot = await evaluate();
    expect(snapshot.flows.tracking.metrics.budget.used).toBe(135);
    const [alert] = await open("tracking_rate_budget");
    expect(alert).toMatchObject({ severity: "warning", fingerprint: "tracking:rate_budget" });
    expect(alert.message).toMatch(/135 of 150/);

    await published(15, minutesAgo(1)); // 150: spent
    await evaluate();
    expect((await open("tracking_rate_budget"))[0]).toMatchObject({ severity: "critical" });

    // The window moves on: cleared.
    await evaluate(new Date(Date.now() + 15 * 60_000));
    expect(await open("tracking_rate_budget")).toHaveLength(0);
  });

  it("health score follows its formula", () => {
    const budget = { used: 140, limit: 150, windowMs: TRACKING_THRESHOLDS.budgetWindowMs, windowStart: "", ratio: 140 / 150 };
    const health = computeTrackingHealth({
      activeBatches: 3,
      stalledBatches: 1,
      publishFailures: 5,
      webhookFailures: 1,
      webhookProcessed: 20,
      budget,
    });
    // 100 − 35 − 25·0.5 − 25·0.5 − 15 = 25
    expect(health).toMatchObject({
      score: 25,
      status: "unhealthy",
      deductions: { stalled_batches: 35, webhook_failures: 12.5, publish_failures: 12.5, rate_budget: 15 },
    });
    expect(health.formula).toMatch(/^100 − 35·min\(1, stalled batches\)/);
    expect(
      computeTrackingHealth({
        activeBatches: 0,
        stalledBatches: 0,
        publishFailures: 0,
        webhookFailures: 0,
        webhookProcessed: 0,
        budget: { ...budget, used: 0, ratio: 0 },
      }).score,
    ).toBe(100);
  });
});
