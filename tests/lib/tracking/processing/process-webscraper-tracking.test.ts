import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { TrackingError } from "@/lib/tracking/errors";
import { processWebscraperTracking } from "@/lib/tracking/processing/process-webscraper-tracking";
import type { PublishDispatcher } from "@/lib/tracking/publishing/dispatch-publish-jobs";
import type { PublishTrackingJobEventData } from "@/lib/tracking/publishing/events";
import { publishTrackingJob } from "@/lib/tracking/publishing/publish-tracking-job";
import { TRACKERS } from "@/lib/tracking/trackers/registry";
import { WebScraperApiError } from "@/lib/webscraper/types";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeExportClient } from "./fake-export-client";
import { createBatchWithJobs, input, successLogs } from "./fixtures";

const OWRYT = "official_website_redirect_to_yamato_tracking";
const JPT = "redirect_to_japan_post_tracking";
const APPLE = (order: string) => `https://store.apple.com/go/jp/vieworder/${order}/buyer@example.com`;
const JP_URL = "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=123456789013";

function appleExport(rows: [order: string, status: string, tracking?: string][]): string {
  const lines = ["web-scraper-order,web-scraper-start-url,order_number,email,tracking_number,delivery_status"];
  rows.forEach(([order, status, tracking = ""], i) =>
    lines.push(`${i + 1},${APPLE(order)},${order},buyer@example.com,${tracking},${status}`),
  );
  return lines.join("\r\n") + "\r\n";
}

describe("processWebscraperTracking", () => {
  let client: FakeExportClient;
  beforeEach(async () => {
    await resetDatabase();
    client = new FakeExportClient();
    vi.restoreAllMocks();
  });

  it("finds the batch of a notification that named none from its job, for the result and both kinds of SyncLog", async () => {
    const { batch } = await createBatchWithJobs(OWRYT, [
      { customId: "owryt-bbbbbbbb-0000", jobId: "151" },
      { customId: "owryt-bbbbbbbb-0001", jobId: "152" },
    ]);
    client.setExport(
      "151",
      appleExport([
        ["W7", "荷物受付"],
        ["W8", "輸送中"],
      ]),
    );
    client.setExport("152", 'order_number,delivery_status\nW1,"輸送中"x\nW2,"配達完了\n');
    const applied = await processWebscraperTracking(input({ source: OWRYT, jobId: "151", customId: "owryt-bbbbbbbb-0000" }), { client });
    expect(applied).toMatchObject({ status: "success", batch_uuid: batch.batchUuid });
    expect((await successLogs("151"))[0].details).toMatchObject({ batch_uuid: batch.batchUuid });

    const failed = await processWebscraperTracking(input({ source: OWRYT, jobId: "152", customId: "owryt-bbbbbbbb-0001" }), { client });
    expect(failed).toMatchObject({ status: "error", error_type: "parse_error" });
    expect((await prisma.syncLog.findFirstOrThrow({ where: { jobId: "152", success: false } })).details).toMatchObject({
      batch_uuid: batch.batchUuid,
    });
  });

  it("applies the export, logs success with the seed's details, completes the job and the batch", async () => {
    const { batch, jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-aaaaaaaa-0000", jobId: "101" }]);
    client.setExport(
      "101",
      appleExport([
        ["W1", "荷物受付"],
        ["W2", "輸送中", "123456789013"],
        ["W1", "配達完了"],
      ]),
    );
    const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "101", batchUuid: batch.batchUuid }), { client });
    expect(result).toMatchObject({
      status: "success",
      job_id: "101",
      source: OWRYT,
      batch_uuid: batch.batchUuid,
      task_id: expect.stringMatching(/^test-run-/),
    });
    expect(await prisma.purchasing.count()).toBe(2);
    expect((await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W1" } })).deliveryStatus).toBe("delivered");

    const logs = await successLogs("101");
    expect(logs).toHaveLength(1);
    expect(logs[0].taskId).toMatch(/^test-run-/);
    expect(logs[0].details).toMatchObject({
      job_id: "101",
      source: OWRYT,
      batch_uuid: batch.batchUuid,
      export_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((logs[0].details as { result: { created: number } }).result.created).toBe(2);

    expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("completed");
    expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "completed",
      completedJobs: 1,
      failedJobs: 0,
    });
    expect((await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).completedAt).not.toBeNull();
  });

  it("finds the job and batch by custom id when the webhook named neither the batch nor a known job id", async () => {
    const { batch, jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-bbbbbbbb-0000", jobId: null }]);
    client.setExport(
      "555",
      appleExport([
        ["W1", "輸送中"],
        ["W2", "輸送中"],
      ]),
    );
    await processWebscraperTracking(input({ source: OWRYT, jobId: "555", customId: jobs[0].customId }), { client });
    expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("completed");
    expect((await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("completed");
  });

  it("dedupes a repeated delivery of the same export (already_processed) and processes a Continue re-run with new data", async () => {
    client.setExport(
      "200",
      appleExport([
        ["W1", "輸送中"],
        ["W2", "輸送中"],
      ]),
    );
    expect((await processWebscraperTracking(input({ source: OWRYT, jobId: "200" }), { client })).status).toBe("success");
    expect(await processWebscraperTracking(input({ source: OWRYT, jobId: "200" }), { client })).toEqual({
      status: "already_processed",
      job_id: "200",
    });
    expect(await successLogs("200")).toHaveLength(1);

    client.setExport(
      "200",
      appleExport([
        ["W1", "配達完了"],
        ["W2", "輸送中"],
        ["W3", "荷物受付"],
      ]),
    );
    expect((await processWebscraperTracking(input({ source: OWRYT, jobId: "200" }), { client })).status).toBe("success");
    expect(await successLogs("200")).toHaveLength(2);
    expect((await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W1" } })).deliveryStatus).toBe("delivered");
    expect(await prisma.purchasing.count()).toBe(3);

    // dedupe=false processes the same export again (seed §5.2: dedupe is an option).
    expect((await processWebscraperTracking(input({ source: OWRYT, jobId: "200", dedupe: false }), { client })).status).toBe("success");
    expect(await successLogs("200")).toHaveLength(3);
  });

  it("processes the same job delivered 20 times at once exactly once", async () => {
    const { jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-cccccccc-0000", jobId: "300" }]);
    client.setExport(
      "300",
      appleExport([
        ["W1", "輸送中"],
        ["W2", "配達中"],
      ]),
    );
    const run = vi.spyOn(TRACKERS[OWRYT], "run");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => processWebscraperTracking(input({ source: OWRYT, jobId: "300" }), { client })),
    );
    expect(results.filter((r) => r.status === "success")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already_processed")).toHaveLength(19);
    expect(run).toHaveBeenCalledTimes(1);
    expect(await successLogs("300")).toHaveLength(1);
    expect(await prisma.purchasing.count()).toBe(2);
    expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("completed");
  });

  it("a CSV whose every row is malformed changes nothing and logs parse_error; the job fails", async () => {
    const { batch, jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-dddddddd-0000", jobId: "400" }]);
    // (A malformed row among good ones is skipped and reported instead: faults.test.ts, item 15.)
    client.setExport("400", 'order_number,delivery_status\nW1,"輸送中"x\nW2,"配達完了\n');
    const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "400" }), { client });
    expect(result).toMatchObject({ status: "error", error_type: "parse_error", job_id: "400" });
    expect(await prisma.purchasing.count()).toBe(0);
    expect(await prisma.officialAccount.count()).toBe(0);
    const log = await prisma.syncLog.findFirstOrThrow({ where: { jobId: "400" } });
    expect(log).toMatchObject({ operationType: "webscraper_tracking", success: false });
    expect(log.details).toMatchObject({ error_type: "parse_error", job_id: "400", source: OWRYT });
    expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).toMatchObject({
      status: "failed",
      errorMessage: expect.stringMatching(/^parse_error/),
    });
    expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "partial", failedJobs: 1 });
  });

  it("an export without rows is empty_data", async () => {
    client.setExport("401", "\uFEFForder_number,delivery_status\r\n");
    expect(await processWebscraperTracking(input({ source: OWRYT, jobId: "401" }), { client })).toMatchObject({
      status: "error",
      error_type: "empty_data",
    });
    client.setExport("402", "");
    expect(await processWebscraperTracking(input({ source: OWRYT, jobId: "402" }), { client })).toMatchObject({
      status: "error",
      error_type: "empty_data",
    });
  });

  it("an unknown source is unknown_tracker, logged, without downloading", async () => {
    expect(await processWebscraperTracking(input({ source: "nope", jobId: "403" }), { client })).toMatchObject({
      status: "error",
      error_type: "unknown_tracker",
    });
    expect(client.downloads).toBe(0);
    expect((await prisma.syncLog.findFirstOrThrow({ where: { jobId: "403" } })).details).toMatchObject({ error_type: "unknown_tracker" });
  });

  it("a download failure is a retryable processing_error", async () => {
    client.downloadError = new WebScraperApiError("502 Bad Gateway", 502, true);
    const error = await processWebscraperTracking(input({ source: OWRYT, jobId: "404" }), { client }).catch((e) => e);
    expect(error).toBeInstanceOf(TrackingError);
    expect(error).toMatchObject({ type: "processing_error", retryable: true });
  });

  it("tracker_error when the key column is missing, tracker_failed when no row applies; both change nothing", async () => {
    client.setExport("405", "delivery_status\n配達中\n");
    expect(await processWebscraperTracking(input({ source: "japan_post_tracking_only", jobId: "405" }), { client })).toMatchObject({
      status: "error",
      error_type: "tracker_error",
    });
    client.setExport("406", "tracking_number,email,delivery_status\n123456789013,x@example.com,配達中\n");
    expect(await processWebscraperTracking(input({ source: "japan_post_tracking_only", jobId: "406" }), { client })).toMatchObject({
      status: "error",
      error_type: "tracker_failed",
    });
    expect(await prisma.officialAccount.count()).toBe(0);
    expect(await prisma.syncLog.count({ where: { success: true } })).toBe(0);
  });

  it("dry_run reports what would change and changes nothing", async () => {
    client.setExport(
      "407",
      appleExport([
        ["W1", "輸送中"],
        ["W2", "輸送中"],
      ]),
    );
    const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "407", dryRun: true }), { client });
    expect(result).toMatchObject({ status: "dry_run", would_redirect: false, result: { created: 2 } });
    expect(await prisma.purchasing.count()).toBe(0);
    expect(await successLogs("407")).toHaveLength(0);
  });

  describe("smart redirect to Japan Post (seed §5.4.1)", () => {
    // What would go to the engine's throttled publisher.
    let dispatched: PublishTrackingJobEventData[];
    let dispatch: PublishDispatcher;
    beforeEach(() => {
      dispatched = [];
      dispatch = async (jobs) => {
        dispatched.push(...jobs);
        return { dispatched: jobs.length, eventIds: [] };
      };
    });

    async function redirectSetup() {
      const setup = await createBatchWithJobs(OWRYT, [
        { customId: "owryt-eeeeeeee-0000", jobId: "500", targetUrl: APPLE("W500") },
        { customId: "owryt-eeeeeeee-0001", jobId: "501", targetUrl: APPLE("W501") },
      ]);
      await prisma.purchasing.create({ data: { orderNumber: "W500" } });
      client.setExport("500", `web-scraper-order,web-scraper-start-url,order_number\n1-1,${JP_URL},W500\n`);
      return setup;
    }

    it("redirects a single-row owryt export once, queues the jpt job for the publisher, and counts it only when the jpt job completes", async () => {
      const { batch, jobs } = await redirectSetup();
      const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "500" }), { client, dispatch });
      expect(result).toMatchObject({
        status: "redirected",
        original_custom_id: "owryt-eeeeeeee-0000",
        new_custom_id: "jpt-from-owryt-owryt-eeeeeeee-0000",
        target_url: JP_URL,
        new_job_id: null,
      });
      // Queued, not published: the WebScraper API is the throttled publisher's alone.
      expect(client.created).toEqual([]);
      expect(dispatched).toEqual([{ batchUuid: batch.batchUuid, customId: "jpt-from-owryt-owryt-eeeeeeee-0000" }]);
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("redirected");
      const queued = await prisma.trackingJob.findFirstOrThrow({ where: { customId: "jpt-from-owryt-owryt-eeeeeeee-0000" } });
      expect(queued).toMatchObject({ batchId: batch.id, index: 0, status: "pending", targetUrl: JP_URL, jobId: null, publishedAt: null });
      const ops = (await prisma.syncLog.findMany({ orderBy: { id: "asc" } })).map((l) => l.operationType);
      expect(ops).toEqual([
        "official_website_redirect_to_yamato_tracking_completed",
        "webscraper_tracking",
        "redirect_to_japan_post_tracking_triggered",
      ]);
      expect(
        (await prisma.syncLog.findFirstOrThrow({ where: { operationType: "redirect_to_japan_post_tracking_triggered" } })).details,
      ).toEqual({
        original_custom_id: "owryt-eeeeeeee-0000",
        new_custom_id: "jpt-from-owryt-owryt-eeeeeeee-0000",
        new_job_id: null,
        target_url: JP_URL,
      });

      // The publisher (publish-tracking-job) handles the event with the Japan Post sitemap, not the batch's Yamato one.
      expect(await publishTrackingJob(dispatched[0], { client })).toMatchObject({ status: "published", jobId: "90000" });
      expect(client.created).toEqual([
        {
          sitemap_id: 1421178,
          driver: "fulljs",
          page_load_delay: 2000,
          request_interval: 2000,
          start_urls: [JP_URL],
          custom_id: "jpt-from-owryt-owryt-eeeeeeee-0000",
        },
      ]);
      const jpt = await prisma.trackingJob.findFirstOrThrow({ where: { customId: "jpt-from-owryt-owryt-eeeeeeee-0000" } });
      expect(jpt).toMatchObject({ batchId: batch.id, index: 0, status: "pending", targetUrl: JP_URL, jobId: "90000" });
      expect((await prisma.syncLog.findFirstOrThrow({ where: { operationType: "tracking_job_published" } })).details).toMatchObject({
        custom_id: "jpt-from-owryt-owryt-eeeeeeee-0000",
        job_id: "90000",
      });
      // The Yamato tracker did not run on the redirect row.
      expect((await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W500" } })).lastInfoUpdatedAt).toBeNull();
      expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
        status: "pending",
        completedJobs: 0,
      });

      // Second delivery: no second publish.
      expect((await processWebscraperTracking(input({ source: OWRYT, jobId: "500" }), { client, dispatch })).status).toBe(
        "already_processed",
      );
      // A Continue re-run with other bytes: the job is already redirected, so no publish either.
      client.setExport("500", `web-scraper-order,web-scraper-start-url,order_number\n1-2,${JP_URL},W500\n`);
      await processWebscraperTracking(input({ source: OWRYT, jobId: "500" }), { client, dispatch });
      expect(client.created).toHaveLength(1);
      expect(dispatched).toHaveLength(1);
      expect(await prisma.trackingJob.count({ where: { customId: { startsWith: "jpt-from-owryt-" } } })).toBe(1);

      // The other owryt job completes directly: 1 of 2.
      client.setExport(
        "501",
        appleExport([
          ["W501", "輸送中"],
          ["W501", "配達中"],
        ]),
      );
      await processWebscraperTracking(input({ source: OWRYT, jobId: "501" }), { client, dispatch });
      expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
        status: "processing",
        completedJobs: 1,
      });

      // The jpt job's webhook: the tracking number is new, the order is found through the redirect chain.
      client.setExport(
        "90000",
        `web-scraper-order,web-scraper-start-url,tracking_number,delivery_status\n1-1,${JP_URL},123456789013,お届け先にお届け済み\n`,
      );
      const jptResult = await processWebscraperTracking(input({ source: JPT, jobId: "90000", customId: jpt.customId }), { client });
      expect(jptResult.status).toBe("success");
      expect(await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W500" } })).toMatchObject({
        trackingNumber: "123456789013",
        carrier: "japan_post",
        deliveryStatus: "delivered",
      });
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jpt.id } })).status).toBe("completed");
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("redirected");
      expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
        status: "completed",
        completedJobs: 2,
        totalJobs: 2,
      });
    });

    it("20 concurrent deliveries of the redirect queue one jpt job and one publish event", async () => {
      const { batch } = await redirectSetup();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => processWebscraperTracking(input({ source: OWRYT, jobId: "500" }), { client, dispatch })),
      );
      expect(results.filter((r) => r.status === "redirected")).toHaveLength(1);
      expect(dispatched).toEqual([{ batchUuid: batch.batchUuid, customId: "jpt-from-owryt-owryt-eeeeeeee-0000" }]);
      expect(await prisma.trackingJob.count({ where: { customId: { startsWith: "jpt-from-owryt-" } } })).toBe(1);
      expect(await prisma.syncLog.count({ where: { operationType: "redirect_to_japan_post_tracking_triggered" } })).toBe(1);
      expect(client.created).toHaveLength(0);
    });

    it("an export without web_start_url leaves the job redirected, logs the error and returns redirected_failed", async () => {
      const { batch, jobs } = await redirectSetup();
      client.setExport("500", "web-scraper-order,order_number\n1-1,W500\n");
      const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "500" }), { client, dispatch });
      expect(result).toMatchObject({
        status: "redirected_failed",
        target_url: null,
        error: "the export has no web_start_url to redirect to",
      });
      expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).toMatchObject({
        status: "redirected",
        errorMessage: "redirect failed: the export has no web_start_url to redirect to",
      });
      const log = await prisma.syncLog.findFirstOrThrow({ where: { operationType: "redirect_to_japan_post_tracking_failed" } });
      expect(log).toMatchObject({ success: false });
      expect(await prisma.trackingJob.count({ where: { customId: { startsWith: "jpt-from-owryt-" } } })).toBe(0);
      expect(dispatched).toEqual([]);
      expect(client.created).toHaveLength(0);
      expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
        failedJobs: 1,
        status: "processing",
      });
    });

    it("a jpt job the publisher cannot publish fails, and the batch counts the redirected job as failed", async () => {
      const { batch, jobs } = await redirectSetup();
      await processWebscraperTracking(input({ source: OWRYT, jobId: "500" }), { client, dispatch });
      client.createError = new WebScraperApiError("quota exceeded", 400, false);
      expect(await publishTrackingJob(dispatched[0], { client })).toMatchObject({
        status: "failed",
        error: "WebScraper API 400: quota exceeded",
      });
      expect(await prisma.trackingJob.findFirstOrThrow({ where: { customId: "jpt-from-owryt-owryt-eeeeeeee-0000" } })).toMatchObject({
        status: "failed",
        jobId: null,
        errorMessage: "WebScraper API 400: quota exceeded",
      });
      // The failure is on the jpt row; the original stays redirected without an error of its own.
      expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).toMatchObject({
        status: "redirected",
        errorMessage: null,
      });
      expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
        failedJobs: 1,
        status: "processing",
      });

      client.setExport(
        "501",
        appleExport([
          ["W501", "輸送中"],
          ["W501", "配達中"],
        ]),
      );
      await processWebscraperTracking(input({ source: OWRYT, jobId: "501" }), { client, dispatch });
      expect(await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
        status: "partial",
        completedJobs: 1,
        failedJobs: 1,
      });
    });

    it("does not redirect without a TrackingJob or with more than one row", async () => {
      client.setExport("600", `web-scraper-start-url,order_number,delivery_status\n${JP_URL},W600,輸送中\n`);
      expect((await processWebscraperTracking(input({ source: OWRYT, jobId: "600" }), { client, dispatch })).status).toBe("success");
      expect(client.created).toHaveLength(0);
      expect(dispatched).toEqual([]);
    });
  });
});
