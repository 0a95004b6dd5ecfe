// Issue 7 faults 13 and 17: failed jobs go back to the publisher (sweeper and staff), bounded, never recovering the old scraping job.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../../lib/db/client";
import { createTrackingBatch } from "../../../../lib/tracking/publishing/create-tracking-batch";
import { publishTrackingJob } from "../../../../lib/tracking/publishing/publish-tracking-job";
import { recordPublishFailure } from "../../../../lib/tracking/publishing/record-publish-failure";
import { requeueEvents, requeueFailedJobs } from "../../../../lib/tracking/publishing/requeue-failed-jobs";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeWebScraper } from "./fake-webscraper";

async function batchOf(n: number) {
  const urls = Array.from({ length: n }, (_, i) => `https://example.com/${i}`);
  const created = await createTrackingBatch({ taskName: "yamato_tracking_only", filePath: "/yamato_tracking_only/YTO-requeue.csv", urls });
  const row = await prisma.trackingBatch.findUniqueOrThrow({
    where: { batchUuid: created.batchUuid },
    include: { jobs: { orderBy: { index: "asc" } } },
  });
  return { batchUuid: created.batchUuid, batchId: row.id, jobs: row.jobs };
}

describe("requeueFailedJobs", () => {
  beforeEach(resetDatabase);

  it("the sweeper re-queues unpublished failed jobs a bounded number of times, each with its own event id", async () => {
    const batch = await batchOf(2);
    const [a, b] = batch.jobs;
    await recordPublishFailure({ batchUuid: batch.batchUuid, customId: a.customId, error: "WebScraper API 503" });
    // b was published and its scraping job failed: not the sweeper's business.
    await prisma.trackingJob.update({
      where: { id: b.id },
      data: { jobId: "777", status: "failed", scraperStatus: "failed", errorMessage: "scraper_failed" },
    });

    const sweep = () => requeueFailedJobs({ unpublishedOnly: true, maxRequeues: 2, requestedBy: "sweeper" });
    const first = await sweep();
    expect(first).toEqual([{ batchUuid: batch.batchUuid, customId: a.customId, requeue: 1 }]);
    expect(requeueEvents(first)[0]).toMatchObject({ id: `publish-${a.customId}-r1`, name: "tracking/job.publish" });
    expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "pending",
      publishRequeues: 1,
      errorMessage: null,
    });
    expect((await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.batchId } })).failedJobs).toBe(1);

    await recordPublishFailure({ batchUuid: batch.batchUuid, customId: a.customId, error: "again" });
    expect((await sweep()).map((j) => j.requeue)).toEqual([2]);
    await recordPublishFailure({ batchUuid: batch.batchUuid, customId: a.customId, error: "and again" });
    expect(await sweep()).toEqual([]);
    expect(await prisma.syncLog.count({ where: { operationType: "tracking_job_requeued" } })).toBe(2);
  });

  it("staff re-publish any failed job of the batch; the publisher creates a new scraping job rather than recover the failed one", async () => {
    const batch = await batchOf(1);
    const [job] = batch.jobs;
    const client = new FakeWebScraper();
    expect((await publishTrackingJob({ batchUuid: batch.batchUuid, customId: job.customId }, { client })).status).toBe("published");
    const oldId = String(client.jobs[0].id);
    await prisma.trackingJob.update({
      where: { id: job.id },
      data: { status: "failed", scraperStatus: "stopped", errorMessage: "scraper_failed: stopped" },
    });

    const requeued = await requeueFailedJobs({ batchId: batch.batchId, requestedBy: "staff:admin@example.com" });
    expect(requeued).toHaveLength(1);
    expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "pending",
      jobId: null,
      scraperStatus: null,
    });

    const again = await publishTrackingJob({ batchUuid: batch.batchUuid, customId: job.customId }, { client });
    expect(again.status).toBe("published");
    expect(client.jobs).toHaveLength(2);
    expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: job.id } })).jobId).not.toBe(oldId);
  });
});
