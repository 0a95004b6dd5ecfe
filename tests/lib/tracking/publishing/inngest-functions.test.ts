import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../../lib/db/client";
import { createTrackingBatch } from "../../../../lib/tracking/publishing/create-tracking-batch";
import { WebScraperApiError } from "../../../../lib/webscraper/types";
import { createPublishTrackingJobFunction } from "../../../../inngest/functions/publish-tracking-job";
import { trackingNumberEmptyWorkerFunction } from "../../../../inngest/functions/tracking-number-empty-worker";
import { DEFAULT_PUBLISH_RETRY_POLICY } from "../../../../lib/tracking/publishing/publish-retry-policy";
import { backoffMs } from "../../../../lib/webscraper/retry-timing";
import { publishAttempt } from "../../../../lib/tracking/publishing/publish-attempt";
import { publishWithRetries } from "../../../../lib/tracking/publishing/publish-with-retries";
import { recordPublishFailure } from "../../../../lib/tracking/publishing/record-publish-failure";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeWebScraper } from "./fake-webscraper";
import { account, purchasing } from "./fixtures";

async function oneJob() {
  const batch = await createTrackingBatch({
    taskName: "yamato_tracking_only",
    filePath: "/yamato_tracking_only/YTO-1.csv",
    urls: ["https://example.com/1"],
  });
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
    const t = new InngestTestEngine({
      function: createPublishTrackingJobFunction(() => client),
      events: [{ name: "tracking/job.publish", data }],
    });
    const { result } = await t.execute();
    expect(result).toMatchObject({ status: "published", customId: data.customId });
    expect((await prisma.trackingJob.findFirstOrThrow()).jobId).toBe(String(client.jobs[0].id));
  });

  // Issue 7 fault 13: the function waits itself (durable sleeps), so the engine's attempts are not spent.
  const policy = { ...DEFAULT_PUBLISH_RETRY_POLICY, maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 4000 };

  function fakeSteps() {
    const sleeps: { id: string; ms: number }[] = [];
    const runs: string[] = [];
    return {
      sleeps,
      runs,
      steps: {
        run: async <T>(id: string, work: () => Promise<T>) => {
          runs.push(id);
          return work();
        },
        sleep: async (id: string, ms: number) => {
          sleeps.push({ id, ms });
        },
      },
    };
  }

  function loop(client: FakeWebScraper, data: { batchUuid: string; customId: string }, p = policy) {
    const fake = fakeSteps();
    const run = publishWithRetries(data, {
      steps: fake.steps,
      policy: p,
      attempt: (failuresSoFar) => publishAttempt(data, { client, policy: p, failuresSoFar }),
      recordFailure: (error) => recordPublishFailure({ ...data, error }),
    });
    return { run, ...fake };
  }

  it("a 429 waits its Retry-After without spending an attempt, however many come", async () => {
    const client = new FakeWebScraper();
    const data = await oneJob();
    for (let i = 0; i < 5; i++) client.createErrors.push(new WebScraperApiError("Too Many Requests", 429, true, 30_000));
    const { run, sleeps, runs } = loop(client, data, { ...policy, maxAttempts: 1 });
    expect(await run).toMatchObject({ status: "published", customId: data.customId });
    expect(sleeps).toEqual([0, 1, 2, 3, 4].map((i) => ({ id: `rate-limit-wait-${i}`, ms: 30_000 })));
    expect(runs).toEqual(["publish", "publish-1", "publish-2", "publish-3", "publish-4", "publish-5"]);
  });

  it("other failures back off with jitter, doubling to the cap, then fail the job with the reason", async () => {
    const client = new FakeWebScraper();
    const data = await oneJob();
    for (let i = 0; i < 3; i++) client.createErrors.push(new WebScraperApiError("Service Unavailable", 503, true));
    const { run, sleeps } = loop(client, data);
    expect(await run).toMatchObject({ status: "failed", error: "WebScraper API 503: Service Unavailable (gave up after 3 attempts)" });
    expect(sleeps.map((w) => w.id)).toEqual(["backoff-0", "backoff-1"]);
    expect(sleeps[0].ms).toBeGreaterThanOrEqual(500);
    expect(sleeps[0].ms).toBeLessThanOrEqual(1000);
    expect(sleeps[1].ms).toBeGreaterThanOrEqual(1000);
    expect(sleeps[1].ms).toBeLessThanOrEqual(2000);
    expect(await prisma.trackingJob.findFirstOrThrow()).toMatchObject({
      status: "failed",
      jobId: null,
      errorMessage: expect.stringContaining("gave up after 3 attempts"),
    });
  });

  it("429s mixed with failures: only the failures count", async () => {
    const client = new FakeWebScraper();
    const data = await oneJob();
    const e429 = () => new WebScraperApiError("Too Many Requests", 429, true, 2000);
    const e502 = () => new WebScraperApiError("Bad Gateway", 502, true);
    client.createErrors.push(e429(), e502(), e429(), e429(), e502(), e429());
    const { run, sleeps } = loop(client, data);
    expect(await run).toMatchObject({ status: "published" });
    expect(sleeps.filter((s) => s.id.startsWith("backoff"))).toHaveLength(2);
  });

  it("backoff doubles up to its cap with the jitter in the upper half", () => {
    const p = { ...DEFAULT_PUBLISH_RETRY_POLICY, backoffBaseMs: 15_000, backoffMaxMs: 600_000 };
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(p, n, () => 1))).toEqual([15_000, 30_000, 60_000, 120_000, 600_000]);
    expect(backoffMs(p, 10, () => 0)).toBe(300_000);
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
      {
        id: `publish-${job.customId}`,
        name: "tracking/job.publish",
        data: { batchUuid: (result as { batch_uuid: string }).batch_uuid, customId: job.customId },
      },
    ]);
    expect(
      await prisma.syncLog.count({
        where: { operationType: { in: ["tracking_number_empty_triggered", "tracking_number_empty_completed"] } },
      }),
    ).toBe(2);
  });
});
