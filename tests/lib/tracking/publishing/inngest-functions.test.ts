import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../../lib/db/client";
import { createTrackingBatch } from "../../../../lib/tracking/publishing/create-tracking-batch";
import { WebScraperApiError } from "../../../../lib/webscraper/types";
import { createPublishTrackingJobFunction } from "../../../../inngest/functions/publish-tracking-job";
import { trackingNumberEmptyWorkerFunction } from "../../../../inngest/functions/tracking-number-empty-worker";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeWebScraper } from "./fake-webscraper";
import { account, purchasing } from "./fixtures";

async function oneJob() {
  const batch = await createTrackingBatch({ taskName: "yamato_tracking_only", filePath: "/yamato_tracking_only/YTO-1.csv", urls: ["https://example.com/1"] });
  return { batchUuid: batch.batchUuid, customId: batch.jobs[0].customId };
}

describe("Inngest functions of the publishing half", () => {
  beforeEach(resetDatabase);

  it("publish-tracking-job is throttled to WebScraper's 150 jobs per 15 minutes", () => {
    const fn = createPublishTrackingJobFunction(() => new FakeWebScraper());
    const config = fn["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "resale-ops" })[0];
    // Not { limit: 150, period: "15m" }: Inngest's GCRA would start 150 at once and up to 299 in 15 minutes.
    // limit 4 / 25 s: at most 4 + floor(900 s / 6.25 s) = 148 in any 15 minutes (tests/inngest/publish-throttle.test.ts runs it).
    expect(config.throttle).toMatchObject({ limit: 4, period: "25s" });
    expect(config.triggers).toEqual([{ event: "tracking/job.publish" }]);
  });

  it("publish-tracking-job publishes the job of the event", async () => {
    const client = new FakeWebScraper();
    const data = await oneJob();
    const t = new InngestTestEngine({ function: createPublishTrackingJobFunction(() => client), events: [{ name: "tracking/job.publish", data }] });
    const { result } = await t.execute();
    expect(result).toMatchObject({ status: "published", customId: data.customId });
    expect((await prisma.trackingJob.findFirstOrThrow()).jobId).toBe(String(client.jobs[0].id));
  });

  it("a 429 becomes a RetryAfterError; the final attempt records the error", async () => {
    const client = new FakeWebScraper();
    const data = await oneJob();
    client.createErrors.push(new WebScraperApiError("Too Many Requests", 429, true, 30_000));
    const fn = createPublishTrackingJobFunction(() => client);
    const first = await new InngestTestEngine({ function: fn, events: [{ name: "tracking/job.publish", data }] }).execute();
    expect(first.error).toMatchObject({ name: "RetryAfterError" });
    expect((await prisma.trackingJob.findFirstOrThrow()).status).toBe("pending");

    client.createErrors.push(new WebScraperApiError("Service Unavailable", 503, true));
    const last = await new InngestTestEngine({
      function: fn,
      events: [{ name: "tracking/job.publish", data }],
      transformCtx: (ctx) => ({ ...ctx, attempt: 2, maxAttempts: 3 }),
    }).execute();
    expect(last.result).toMatchObject({ status: "failed", error: "WebScraper API 503: Service Unavailable" });
    expect(await prisma.trackingJob.findFirstOrThrow()).toMatchObject({ status: "failed", errorMessage: "WebScraper API 503: Service Unavailable" });
  });

  it("the worker function creates the batch and sends one publish event per job", async () => {
    const a = await account("w@example.com");
    await purchasing({ orderNumber: "W1", officialAccountId: a.id });
    const t = new InngestTestEngine({
      function: trackingNumberEmptyWorkerFunction,
      events: [{ name: "tracking/tracking-number-empty.run", data: {} }],
      steps: [{ id: "dispatch-publish", handler: () => ({ ids: ["evt-1"] }) }],
    });
    const { result, ctx } = await t.execute();
    expect(result).toMatchObject({ matched: 1, dispatched: 1, event_ids: ["evt-1"] });
    const job = await prisma.trackingJob.findFirstOrThrow();
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("dispatch-publish", [
      { id: `publish-${job.customId}`, name: "tracking/job.publish", data: { batchUuid: (result as { batch_uuid: string }).batch_uuid, customId: job.customId } },
    ]);
    expect(await prisma.syncLog.count({ where: { operationType: { in: ["tracking_number_empty_triggered", "tracking_number_empty_completed"] } } })).toBe(2);
  });
});
