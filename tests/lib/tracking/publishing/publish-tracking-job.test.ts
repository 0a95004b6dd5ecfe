import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../../lib/db/client";
import { getTrackerConfig } from "../../../../lib/tracking/tracker-configs";
import { createTrackingBatch } from "../../../../lib/tracking/publishing/create-tracking-batch";
import { publishJobsInProcess } from "../../../../lib/tracking/publishing/publish-jobs-in-process";
import { publishTrackingJob } from "../../../../lib/tracking/publishing/publish-tracking-job";
import { WebScraperApiError } from "../../../../lib/webscraper/types";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeWebScraper } from "./fake-webscraper";

async function batchOf(urls: string[]) {
  const batch = await createTrackingBatch({
    taskName: "official_website_redirect_to_yamato_tracking",
    filePath: (b) => `purchasing_query_tracking_number_empty_${b}`,
    urls,
  });
  return { batch, refs: batch.jobs.map((j) => ({ batchUuid: batch.batchUuid, customId: j.customId })) };
}

const job = (customId: string) => prisma.trackingJob.findFirstOrThrow({ where: { customId } });

describe("publishTrackingJob", () => {
  beforeEach(resetDatabase);

  it("publishes with the tracker's configuration and records the job id", async () => {
    const client = new FakeWebScraper();
    const { refs } = await batchOf(["https://store.apple.com/go/jp/vieworder/W1/u@x.jp"]);
    const outcome = await publishTrackingJob(refs[0], { client });
    expect(outcome).toEqual({ status: "published", customId: refs[0].customId, jobId: "5000" });
    const config = getTrackerConfig("official_website_redirect_to_yamato_tracking");
    expect(client.creates).toEqual([
      {
        sitemap_id: config.sitemapId,
        driver: "fulljs",
        page_load_delay: 2000,
        request_interval: 2000,
        start_urls: ["https://store.apple.com/go/jp/vieworder/W1/u@x.jp"],
        custom_id: refs[0].customId,
      },
    ]);
    const row = await job(refs[0].customId);
    expect(row.jobId).toBe("5000");
    expect(row.publishedAt).toBeInstanceOf(Date);
    expect(row.status).toBe("pending");
    const log = await prisma.syncLog.findFirstOrThrow({ where: { operationType: "tracking_job_published" } });
    expect(log.details).toMatchObject({ custom_id: refs[0].customId, job_id: "5000", batch_uuid: refs[0].batchUuid });
  });

  it("publishes a redirect's jpt-from-owryt job in an owryt batch with the Japan Post sitemap", async () => {
    const client = new FakeWebScraper();
    const { batch, refs } = await batchOf(["https://store.apple.com/go/jp/vieworder/W1/u@x.jp"]);
    const saved = await prisma.trackingBatch.findUniqueOrThrow({ where: { batchUuid: batch.batchUuid } });
    const customId = `jpt-from-owryt-${refs[0].customId}`;
    const jpUrl = "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=123456789013";
    await prisma.trackingJob.create({ data: { batchId: saved.id, customId, targetUrl: jpUrl, index: 0 } });
    expect(await publishTrackingJob({ batchUuid: batch.batchUuid, customId }, { client })).toMatchObject({ status: "published" });
    expect(client.creates).toEqual([
      { sitemap_id: 1421178, driver: "fulljs", page_load_delay: 2000, request_interval: 2000, start_urls: [jpUrl], custom_id: customId },
    ]);
  });

  it("skips a job that already has a job id without calling the API", async () => {
    const client = new FakeWebScraper();
    const { refs } = await batchOf(["https://example.com/a"]);
    await prisma.trackingJob.updateMany({ where: { customId: refs[0].customId }, data: { jobId: "777" } });
    const outcome = await publishTrackingJob(refs[0], { client });
    expect(outcome).toMatchObject({ status: "skipped", jobId: "777", reason: "already_published" });
    expect(client.creates).toHaveLength(0);
    expect(client.findCalls).toBe(0);
  });

  it("never publishes twice when a crash falls between publishing and recording", async () => {
    const fake = new FakeWebScraper();
    let crashAfterCreate = true;
    // The API call succeeds, then the process dies before the job id reaches the database.
    const crashingClient = {
      ...fake,
      findScrapingJobsByCustomId: fake.findScrapingJobsByCustomId.bind(fake),
      getScrapingJob: fake.getScrapingJob.bind(fake),
      downloadCsvExport: fake.downloadCsvExport.bind(fake),
      async createScrapingJob(input: Parameters<FakeWebScraper["createScrapingJob"]>[0]) {
        const created = await fake.createScrapingJob(input);
        if (crashAfterCreate) {
          crashAfterCreate = false;
          throw new Error("worker killed");
        }
        return created;
      },
    };
    const { refs } = await batchOf(["https://example.com/a"]);
    await expect(publishTrackingJob(refs[0], { client: crashingClient })).rejects.toThrow("worker killed");
    expect((await job(refs[0].customId)).jobId).toBeNull();

    // The engine retries the run.
    const retry = await publishTrackingJob(refs[0], { client: crashingClient });
    expect(retry).toMatchObject({ status: "recovered", jobId: "5000" });
    expect(fake.creates).toHaveLength(1);
    expect((await job(refs[0].customId)).jobId).toBe("5000");

    // And once more (a duplicate event): still nothing new.
    expect(await publishTrackingJob(refs[0], { client: crashingClient })).toMatchObject({ status: "skipped" });
    expect(fake.creates).toHaveLength(1);
  });

  it("does not mistake an old batch's job with the same custom id for this one", async () => {
    const client = new FakeWebScraper();
    const { refs } = await batchOf(["https://example.com/a"]);
    const config = getTrackerConfig("official_website_redirect_to_yamato_tracking");
    client.jobs.push({
      id: 42,
      custom_id: refs[0].customId,
      sitemap_id: config.sitemapId,
      sitemap_name: "old",
      status: "finished",
      time_created: Math.floor(new Date("2024-01-01").getTime() / 1000),
      jobs_scheduled: 1,
      jobs_executed: 1,
      jobs_failed: 0,
      stored_record_count: 1,
    });
    expect(await publishTrackingJob(refs[0], { client })).toMatchObject({ status: "published", jobId: "5000" });
    expect(client.creates).toHaveLength(1);
  });

  it("records a 4xx failure on the job and counts it in the batch", async () => {
    const client = new FakeWebScraper();
    client.createErrors.push(new WebScraperApiError("sitemap not found", 404, false));
    const { refs, batch } = await batchOf(["https://example.com/a"]);
    const outcome = await publishTrackingJob(refs[0], { client });
    expect(outcome).toMatchObject({ status: "failed", error: "WebScraper API 404: sitemap not found" });
    const row = await job(refs[0].customId);
    expect(row).toMatchObject({ status: "failed", jobId: null, errorMessage: "WebScraper API 404: sitemap not found" });
    const saved = await prisma.trackingBatch.findUniqueOrThrow({ where: { batchUuid: batch.batchUuid } });
    expect(saved).toMatchObject({ failedJobs: 1, status: "partial" });
    expect(await prisma.syncLog.count({ where: { operationType: "tracking_job_publish_failed", success: false } })).toBe(1);
    // A failed job is not published by a later duplicate event.
    expect(await publishTrackingJob(refs[0], { client })).toMatchObject({ status: "skipped", reason: "not_pending" });
    expect(client.creates).toHaveLength(0);
  });

  it("rethrows retryable errors so the engine retries, and records them on the final attempt", async () => {
    const client = new FakeWebScraper();
    const { refs } = await batchOf(["https://example.com/a", "https://example.com/b"]);
    const overloaded = new WebScraperApiError("Service Unavailable", 503, true);
    client.createErrors.push(overloaded);
    await expect(publishTrackingJob(refs[0], { client })).rejects.toBe(overloaded);
    expect(await job(refs[0].customId)).toMatchObject({ status: "pending", errorMessage: null });

    client.findErrors.push(new WebScraperApiError("socket hang up", null, true));
    expect(await publishTrackingJob(refs[0], { client, finalAttempt: true })).toMatchObject({ status: "failed" });
    expect(await job(refs[0].customId)).toMatchObject({ status: "failed", errorMessage: "WebScraper API: socket hang up" });

    // The other job of the batch is unaffected.
    expect(await publishTrackingJob(refs[1], { client })).toMatchObject({ status: "published" });
  });

  it("publishes in process one after another, resuming a half-published batch", async () => {
    const client = new FakeWebScraper();
    const { refs } = await batchOf(["https://example.com/a", "https://example.com/b", "https://example.com/c"]);
    await publishTrackingJob(refs[0], { client });
    const statuses: string[] = [];
    const dispatch = publishJobsInProcess(client, { onOutcome: (o) => statuses.push(o.status) });
    expect(await dispatch(refs)).toEqual({ dispatched: 3, eventIds: [] });
    expect(statuses).toEqual(["skipped", "published", "published"]);
    expect(client.creates.map((c) => c.start_urls?.[0])).toEqual([
      "https://example.com/a",
      "https://example.com/b",
      "https://example.com/c",
    ]);
  });

  it("keeps to 150 publishes per 15 minutes in process", async () => {
    const client = new FakeWebScraper();
    const { refs } = await batchOf(["https://example.com/a", "https://example.com/b", "https://example.com/c"]);
    let clock = 0;
    const waits: number[] = [];
    const dispatch = publishJobsInProcess(client, {
      limit: 2,
      windowMs: 1000,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await dispatch(refs);
    expect(waits).toEqual([1000]);
    expect(client.creates).toHaveLength(3);
  });
});
