import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../../lib/db/client";
import type { PublishTrackingJobEventData } from "../../../../lib/tracking/publishing/events";
import { publishEvents } from "../../../../lib/tracking/publishing/events";
import { runJapanPostWorker } from "../../../../lib/tracking/publishing/japan-post-worker";
import { publishJobsInProcess } from "../../../../lib/tracking/publishing/publish-jobs-in-process";
import { runTrackingNumberEmptyWorker } from "../../../../lib/tracking/publishing/tracking-number-empty-worker";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeWebScraper } from "./fake-webscraper";
import { account, purchasing } from "./fixtures";

const quiet = () => {};

function recordingDispatch() {
  const sent: PublishTrackingJobEventData[][] = [];
  const dispatch = async (jobs: PublishTrackingJobEventData[]) => {
    sent.push(jobs);
    return { dispatched: jobs.length, eventIds: jobs.map((j) => `evt-${j.customId}`) };
  };
  return { sent, dispatch };
}

describe("tracking-number-empty worker", () => {
  beforeEach(resetDatabase);

  it("creates one batch with a pending job per order and dispatches one publish per job", async () => {
    const a = await account("user@example.com");
    await purchasing({ orderNumber: "W100", officialAccountId: a.id });
    await purchasing({ orderNumber: "W101", officialAccountId: a.id });
    const { sent, dispatch } = recordingDispatch();

    const result = await runTrackingNumberEmptyWorker({ dispatch, log: quiet });

    expect(result).toMatchObject({ matched: 2, dispatched: 2, dry_run: false });
    const batch = await prisma.trackingBatch.findUniqueOrThrow({
      where: { batchUuid: result.batch_uuid! },
      include: { jobs: { orderBy: { index: "asc" } } },
    });
    const batch8 = result.batch_uuid!.replace(/-/g, "").slice(0, 8);
    expect(batch).toMatchObject({
      filePath: `purchasing_query_tracking_number_empty_${batch8}`,
      taskName: "official_website_redirect_to_yamato_tracking",
      totalJobs: 2,
      status: "pending",
    });
    expect(batch.jobs.map((j) => [j.customId, j.targetUrl, j.index, j.status, j.jobId])).toEqual([
      [`owryt-${batch8}-0000`, "https://store.apple.com/go/jp/vieworder/W100/user@example.com", 0, "pending", null],
      [`owryt-${batch8}-0001`, "https://store.apple.com/go/jp/vieworder/W101/user@example.com", 1, "pending", null],
    ]);
    expect(sent).toEqual([batch.jobs.map((j) => ({ batchUuid: result.batch_uuid, customId: j.customId }))]);
    const logs = await prisma.syncLog.findMany({ orderBy: { id: "asc" } });
    expect(logs.map((l) => l.operationType)).toEqual(["tracking_number_empty_triggered", "tracking_number_empty_completed"]);
    expect(logs[1].details).toMatchObject({ matched: 2, dispatched: 2, batch_uuid: result.batch_uuid });
  });

  it("publish events carry idempotent ids publish-{customId}", () => {
    expect(publishEvents([{ batchUuid: "b", customId: "owryt-12345678-0000" }])).toEqual([
      { id: "publish-owryt-12345678-0000", name: "tracking/job.publish", data: { batchUuid: "b", customId: "owryt-12345678-0000" } },
    ]);
  });

  it("dry run lists the matching orders and creates or publishes nothing", async () => {
    const a = await account("dry@example.com");
    await purchasing({ orderNumber: "W1", officialAccountId: a.id });
    const { sent, dispatch } = recordingDispatch();
    const result = await runTrackingNumberEmptyWorker({ dryRun: true, dispatch, log: quiet });
    expect(result).toEqual({
      matched: 1,
      batch_uuid: null,
      dispatched: 0,
      event_ids: [],
      dry_run: true,
      orders: [{ orderNumber: "W1", email: "dry@example.com", url: "https://store.apple.com/go/jp/vieworder/W1/dry@example.com" }],
    });
    expect(sent).toHaveLength(0);
    expect(await prisma.trackingBatch.count()).toBe(0);
    expect(await prisma.syncLog.count()).toBe(0);
  });

  it("with nothing to do creates no batch but logs the run", async () => {
    const { sent, dispatch } = recordingDispatch();
    const result = await runTrackingNumberEmptyWorker({ dispatch, log: quiet });
    expect(result).toMatchObject({ matched: 0, batch_uuid: null, dispatched: 0 });
    expect(sent).toHaveLength(0);
    expect(await prisma.trackingBatch.count()).toBe(0);
    expect(await prisma.syncLog.count({ where: { operationType: "tracking_number_empty_completed" } })).toBe(1);
  });

  it("--sync publishes in process through the client", async () => {
    const a = await account("sync@example.com");
    await purchasing({ orderNumber: "W1", officialAccountId: a.id });
    await purchasing({ orderNumber: "W2", officialAccountId: a.id });
    const client = new FakeWebScraper();
    const result = await runTrackingNumberEmptyWorker({ dispatch: publishJobsInProcess(client), log: quiet });
    expect(result.dispatched).toBe(2);
    expect(client.creates.map((c) => c.custom_id)).toEqual(
      (await prisma.trackingJob.findMany({ orderBy: { index: "asc" } })).map((j) => j.customId),
    );
    expect(await prisma.trackingJob.count({ where: { jobId: null } })).toBe(0);
  });
});

describe("Japan Post worker", () => {
  beforeEach(resetDatabase);

  it("batches open orders to the japan_post_tracking_10 tracker, ten numbers a job", async () => {
    for (let i = 0; i < 12; i++) await purchasing({ orderNumber: `J${i}`, trackingNumber: String(200000000000 + i) });
    const { sent, dispatch } = recordingDispatch();
    const result = await runJapanPostWorker({ dispatch, log: quiet });
    expect(result).toMatchObject({ matched: 12, dispatched: 2 });
    const batch = await prisma.trackingBatch.findUniqueOrThrow({
      where: { batchUuid: result.batch_uuid! },
      include: { jobs: { orderBy: { index: "asc" } } },
    });
    const batch8 = result.batch_uuid!.replace(/-/g, "").slice(0, 8);
    expect(batch).toMatchObject({ taskName: "japan_post_tracking_10", filePath: `purchasing_query_japan_post_${batch8}`, totalJobs: 2 });
    expect(batch.jobs.map((j) => j.customId)).toEqual([`jpt10-${batch8}-0000`, `jpt10-${batch8}-0001`]);
    expect(new URL(batch.jobs[1].targetUrl).searchParams.get("reqCodeNo2")).toBe("200000000011");
    expect(sent[0]).toHaveLength(2);
    expect((await prisma.syncLog.findMany()).map((l) => l.operationType).sort()).toEqual([
      "japan_post_tracking_10_completed",
      "japan_post_tracking_10_triggered",
    ]);

    // The next run leaves the numbers being scraped alone.
    await purchasing({ orderNumber: "J-new", trackingNumber: "299999999999" });
    const next = await runJapanPostWorker({ dryRun: true });
    expect(next.orders.map((o) => o.orderNumber)).toEqual(["J-new"]);
  });
});
