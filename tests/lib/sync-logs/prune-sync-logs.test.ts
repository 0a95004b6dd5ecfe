import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { pruneSyncLogs } from "@/lib/sync-logs/prune-sync-logs";
import { retentionDaysFrom } from "@/lib/sync-logs/retention-days";
import { resetDatabase } from "../../setup/reset-database";

const DAY = 86_400_000;

describe("pruneSyncLogs", () => {
  beforeEach(resetDatabase);

  it("deletes logs older than the cutoff in batches, oldest first, and keeps newer ones", async () => {
    const now = Date.now();
    await prisma.syncLog.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        operationType: "webscraper_tracking",
        message: `log ${i}`,
        success: true,
        createdAt: new Date(now - (100 + i) * DAY),
      })),
    });
    await prisma.syncLog.create({
      data: { operationType: "webscraper_tracking", message: "recent", success: true, createdAt: new Date(now - 10 * DAY) },
    });
    const olderThan = new Date(now - 90 * DAY);
    expect(await pruneSyncLogs({ olderThan, batchSize: 3 })).toEqual({ deleted: 3, more: true });
    // The oldest went first.
    expect((await prisma.syncLog.findMany({ orderBy: { createdAt: "asc" } })).map((l) => l.message)).toEqual([
      "log 3",
      "log 2",
      "log 1",
      "log 0",
      "recent",
    ]);
    expect(await pruneSyncLogs({ olderThan, batchSize: 3 })).toEqual({ deleted: 3, more: true });
    expect(await pruneSyncLogs({ olderThan, batchSize: 3 })).toEqual({ deleted: 1, more: false });
    expect((await prisma.syncLog.findMany()).map((l) => l.message)).toEqual(["recent"]);
  });

  it("keeps old logs of jobs whose batch is still running: the webhook's dedupe check reads them", async () => {
    const old = new Date(Date.now() - 200 * DAY);
    const running = await prisma.trackingBatch.create({ data: { filePath: "/a", taskName: "yamato_tracking_only", status: "processing" } });
    const done = await prisma.trackingBatch.create({ data: { filePath: "/b", taskName: "yamato_tracking_only", status: "completed" } });
    await prisma.trackingJob.createMany({
      data: [
        { batchId: running.id, customId: "yto-1", targetUrl: "u", index: 0, jobId: "501" },
        { batchId: done.id, customId: "yto-2", targetUrl: "u", index: 0, jobId: "502", status: "completed" },
      ],
    });
    await prisma.syncLog.createMany({
      data: [
        { operationType: "webscraper_tracking", message: "running batch", success: true, jobId: "501", createdAt: old },
        { operationType: "webscraper_tracking", message: "finished batch", success: true, jobId: "502", createdAt: old },
        { operationType: "japan_post_tracking_10_triggered", message: "no job", success: true, createdAt: old },
      ],
    });
    expect((await pruneSyncLogs({ olderThan: new Date(Date.now() - 90 * DAY), batchSize: 100 })).deleted).toBe(2);
    expect((await prisma.syncLog.findMany()).map((l) => l.message)).toEqual(["running batch"]);
  });

  it("reads the retention age from configuration, 90 days unless a whole number of days is given", () => {
    expect(retentionDaysFrom(undefined)).toBe(90);
    expect(retentionDaysFrom("30")).toBe(30);
    expect(retentionDaysFrom("0")).toBe(90);
    expect(retentionDaysFrom("abc")).toBe(90);
  });
});
