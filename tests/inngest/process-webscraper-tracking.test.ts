import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProcessWebscraperTrackingFunction } from "@/inngest/functions/process-webscraper-tracking";
import { functions } from "@/inngest/functions";
import { prisma } from "@/lib/db/client";
import type { WebscraperJobFinishedData } from "@/lib/tracking/webhook/job-finished-event";
import { WebScraperApiError } from "@/lib/webscraper/types";
import { FakeExportClient } from "../lib/tracking/processing/fake-export-client";
import { createBatchWithJobs } from "../lib/tracking/processing/fixtures";
import { resetDatabase } from "../setup/reset-database";

const OWRYT = "official_website_redirect_to_yamato_tracking";
const JP_URL = "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=123456789013";

function eventData(overrides: Partial<WebscraperJobFinishedData> = {}): WebscraperJobFinishedData {
  return {
    source_name: OWRYT,
    job_id: "101",
    batch_uuid: null,
    custom_id: null,
    request_data: { scrapingjob_id: "101", status: "finished" },
    dry_run: false,
    dedupe: true,
    upsert: false,
    ...overrides,
  };
}

function engine(client: FakeExportClient, data: WebscraperJobFinishedData, attempt = 0) {
  return new InngestTestEngine({
    function: createProcessWebscraperTrackingFunction(() => client),
    events: [{ name: "tracking/webscraper.job-finished", data }],
    // The event goes nowhere in unit tests; what was sent is read from ctx.step.sendEvent.
    steps: [{ id: "publish-japan-post-job", handler: () => ({ ids: ["evt-1"] }) }],
    transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt, maxAttempts: 4 }),
  });
}

describe("process-webscraper-tracking function", () => {
  let client: FakeExportClient;
  beforeEach(async () => {
    await resetDatabase();
    client = new FakeExportClient();
    // The download's own retries (lib/webscraper/retrying-client.ts), with waits of a millisecond.
    vi.stubEnv("WEBSCRAPER_RETRY_BACKOFF_BASE_MS", "1");
    vi.stubEnv("WEBSCRAPER_RETRY_BACKOFF_MAX_MS", "2");
    vi.stubEnv("WEBSCRAPER_RATE_LIMIT_MIN_WAIT_MS", "1");
    vi.stubEnv("WEBSCRAPER_RATE_LIMIT_MAX_WAIT_MS", "600000");
  });
  afterEach(() => vi.unstubAllEnvs());

  it("is registered with the seed's retries (3) and concurrency (2) on the job-finished event", () => {
    const fn = createProcessWebscraperTrackingFunction(() => client);
    const [config] = fn["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "resale-ops" });
    expect(config.id).toBe("resale-ops-process-webscraper-tracking");
    expect(config.triggers).toEqual([{ event: "tracking/webscraper.job-finished" }]);
    expect(config.concurrency).toEqual({ limit: 2 });
    expect(config.steps.step.retries).toEqual({ attempts: 3 });
    expect(functions.some((f) => f.id("resale-ops") === "resale-ops-process-webscraper-tracking")).toBe(true);
  });

  it("runs the stages as steps and returns the seed's success result", async () => {
    const { batch } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-aaaaaaaa-0000", jobId: "101" }]);
    client.setExport("101", "order_number,delivery_status\nW1,輸送中\nW2,配達完了\n");
    const { result, state } = await engine(client, eventData({ batch_uuid: batch.batchUuid })).execute();
    expect(result).toMatchObject({ status: "success", job_id: "101", source: OWRYT, batch_uuid: batch.batchUuid, result: { created: 2 } });
    // apply-export, refresh-batch-progress (state is keyed by hashed step ids).
    expect(Object.keys(state)).toHaveLength(2);
    expect((await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("completed");
  });

  it("returns parse_error as a result (not retried) after logging it", async () => {
    client.setExport("102", 'a,b\n"x,1\n');
    const { result, error } = await engine(client, eventData({ job_id: "102" })).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "error", error_type: "parse_error" });
    expect(await prisma.syncLog.count({ where: { jobId: "102", success: false } })).toBe(1);
  });

  it("a download failure is thrown for a retry (processing_error)", async () => {
    client.downloadError = new WebScraperApiError("503", 503, true);
    const { error } = await engine(client, eventData({ job_id: "103" })).execute();
    expect(error).toMatchObject({ name: "TrackingError" });
    expect((error as { message: string }).message).toMatch(/Failed to download export/);
    expect(await prisma.syncLog.count()).toBe(0);
  });

  it("a download retries inside its step: 429s wait Retry-After without an attempt, 5xx back off, then it succeeds", async () => {
    const { batch } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-bbbbbbbb-0000", jobId: "104" }]);
    client.setExport("104", "order_number,delivery_status\nW1,輸送中\nW2,配達完了\n");
    const answers = [
      new WebScraperApiError("429", 429, true, 5),
      new WebScraperApiError("500", 500, true),
      new WebScraperApiError("429", 429, true, 5),
      new WebScraperApiError("502", 502, true),
    ];
    const download = client.downloadCsvExport.bind(client);
    client.downloadCsvExport = async (jobId) => {
      const next = answers.shift();
      if (next) throw next;
      return download(jobId);
    };
    const { result, error } = await engine(client, eventData({ job_id: "104", batch_uuid: batch.batchUuid })).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "success", job_id: "104", result: { created: 2 } });
  });

  it("a 429 asking for longer than a step may wait becomes a durable sleep and a new round, not an engine attempt", async () => {
    vi.stubEnv("WEBSCRAPER_RETRY_MAX_TOTAL_WAIT_MS", "1000");
    const { batch } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-cccccccc-0000", jobId: "105" }]);
    client.setExport("105", "order_number,delivery_status\nW1,輸送中\nW2,配達完了\n");
    let limited = 2;
    const download = client.downloadCsvExport.bind(client);
    client.downloadCsvExport = async (jobId) => {
      if (limited-- > 0) throw new WebScraperApiError("WebScraper.io download: rate limited (429)", 429, true, 120_000);
      return download(jobId);
    };
    // The test engine does not run sleeps: they are answered as done.
    const { result, error, ctx } = await new InngestTestEngine({
      function: createProcessWebscraperTrackingFunction(() => client),
      events: [{ name: "tracking/webscraper.job-finished", data: eventData({ job_id: "105", batch_uuid: batch.batchUuid }) }],
      steps: [
        { id: "rate-limit-wait-0", handler: () => null },
        { id: "rate-limit-wait-1", handler: () => null },
      ],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "success", job_id: "105" });
    expect(ctx.step.sleep).toHaveBeenCalledWith("rate-limit-wait-0", 120_000);
    expect(ctx.step.sleep).toHaveBeenCalledWith("rate-limit-wait-1", 120_000);
    expect(await prisma.syncLog.count({ where: { jobId: "105", success: true } })).toBe(1);
  });

  it("malformed event data is non-retriable", async () => {
    const { error } = await engine(client, { job_id: 5 } as unknown as WebscraperJobFinishedData).execute();
    expect(error).toMatchObject({ name: "NonRetriableError" });
  });

  it("queues the redirect in its own step and sends one publish event for the throttled publisher", async () => {
    const { batch } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-eeeeeeee-0000", jobId: "500" }]);
    client.setExport("500", `web-scraper-start-url,order_number\n${JP_URL},W500\n`);
    const { result, error, ctx } = await new InngestTestEngine({
      function: createProcessWebscraperTrackingFunction(() => client),
      events: [{ name: "tracking/webscraper.job-finished", data: eventData({ job_id: "500" }) }],
      steps: [{ id: "publish-japan-post-job", handler: () => ({ ids: ["evt-1"] }) }],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "redirected", new_custom_id: "jpt-from-owryt-owryt-eeeeeeee-0000", new_job_id: null });
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("publish-japan-post-job", [
      {
        id: "publish-jpt-from-owryt-owryt-eeeeeeee-0000",
        name: "tracking/job.publish",
        data: { batchUuid: batch.batchUuid, customId: "jpt-from-owryt-owryt-eeeeeeee-0000" },
      },
    ]);
    // The WebScraper API is left to publish-tracking-job.
    expect(client.created).toHaveLength(0);
    expect(await prisma.trackingJob.findFirstOrThrow({ where: { customId: "jpt-from-owryt-owryt-eeeeeeee-0000" } })).toMatchObject({
      status: "pending",
      jobId: null,
    });
  });

  it("a retried queue step reuses the queued jpt job and re-sends the same event id", async () => {
    const { batch } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-gggggggg-0000", jobId: "502" }]);
    client.setExport("502", `web-scraper-start-url,order_number\n${JP_URL},W502\n`);
    const first = await engine(client, eventData({ job_id: "502" })).execute();
    const applied = (await Object.values(first.state)[0]) as unknown;
    expect(applied).toMatchObject({ status: "redirect_pending" });
    // A run that crashed after queueing: apply-export is memoized, the queue step runs again.
    const retry = await new InngestTestEngine({
      function: createProcessWebscraperTrackingFunction(() => client),
      events: [{ name: "tracking/webscraper.job-finished", data: eventData({ job_id: "502" }) }],
      steps: [
        { id: "apply-export", handler: () => applied },
        { id: "publish-japan-post-job", handler: () => ({ ids: ["evt-1"] }) },
      ],
      transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt: 1, maxAttempts: 4 }),
    }).execute();
    expect(retry.result).toMatchObject({ status: "redirected", reused: true });
    expect(retry.ctx.step.sendEvent).toHaveBeenCalledWith("publish-japan-post-job", [
      expect.objectContaining({
        id: "publish-jpt-from-owryt-owryt-gggggggg-0000",
        data: { batchUuid: batch.batchUuid, customId: "jpt-from-owryt-owryt-gggggggg-0000" },
      }),
    ]);
    expect(await prisma.trackingJob.count({ where: { customId: { startsWith: "jpt-from-owryt-" } } })).toBe(1);
    expect(await prisma.syncLog.count({ where: { operationType: "redirect_to_japan_post_tracking_triggered" } })).toBe(1);
  });

  it("an export without web_start_url records redirected_failed and sends no publish event", async () => {
    await createBatchWithJobs(OWRYT, [{ customId: "owryt-ffffffff-0000", jobId: "501" }]);
    client.setExport("501", "order_number\nW501\n");
    const { result, ctx } = await engine(client, eventData({ job_id: "501" })).execute();
    expect(result).toMatchObject({ status: "redirected_failed", error: "the export has no web_start_url to redirect to" });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(client.created).toHaveLength(0);
  });
});
