import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/acquisition/webscraper/webscraper-tracking/route";
import { inngest } from "@/inngest/client";
import { checkWebhookToken } from "@/lib/tracking/webhook/check-webhook-token";
import { jobFinishedEventId } from "@/lib/tracking/webhook/job-finished-event";
import { resetDatabase } from "../../../setup/reset-database";
import { createBatchWithJobs } from "../processing/fixtures";

const URL_BASE = "http://localhost/api/acquisition/webscraper/webscraper-tracking/";
const context = { params: Promise.resolve({}) };

function post(init: { query?: string; body?: string; type?: string; headers?: Record<string, string> }) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.type) headers["content-type"] = init.type;
  return POST(new NextRequest(`${URL_BASE}${init.query ? `?${init.query}` : ""}`, { method: "POST", body: init.body, headers }), context);
}

const json = (body: unknown, query = "token=hook-secret") => post({ query, body: JSON.stringify(body), type: "application/json" });

describe("POST /api/acquisition/webscraper/webscraper-tracking/", () => {
  let send: ReturnType<typeof vi.fn>;
  beforeEach(async () => {
    await resetDatabase();
    vi.stubEnv("WEBSCRAPER_WEBHOOK_TOKEN", "hook-secret");
    vi.stubEnv("BATCH_STATS_API_TOKEN", "stats-secret");
    vi.stubEnv("WEB_SCRAPER_SOURCE_MAP", "");
    send = vi.fn(async () => ({ ids: ["evt-123"] }));
    vi.spyOn(inngest, "send").mockImplementation(send as never);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("accepts WebScraper.io's form-encoded notification: 202 with the seed's body, one event enqueued", async () => {
    const res = await post({
      query: "token=hook-secret",
      type: "application/x-www-form-urlencoded",
      body: "scrapingjob_id=7001&status=finished&sitemap_id=1421177&sitemap_name=official-website-sitemap&custom_id=owryt-abcdef12-0000",
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({
      mode: "webhook",
      accepted: true,
      task_id: "evt-123",
      job_id: "7001",
      source: "official_website_redirect_to_yamato_tracking",
      dry_run: false,
      dedupe: true,
      upsert: false,
      batch_id: null,
    });
    expect(send).toHaveBeenCalledTimes(1);
    const event = send.mock.calls[0][0][0];
    expect(event).toMatchObject({
      name: "tracking/webscraper.job-finished",
      id: expect.stringMatching(/^webscraper-tracking:official_website_redirect_to_yamato_tracking:7001:\d+$/),
      data: {
        source_name: "official_website_redirect_to_yamato_tracking",
        job_id: "7001",
        custom_id: "owryt-abcdef12-0000",
        batch_uuid: null,
        dry_run: false,
        dedupe: true,
        upsert: false,
        request_data: {
          scrapingjob_id: "7001",
          status: "finished",
          sitemap_id: "1421177",
          sitemap_name: "official-website-sitemap",
          custom_id: "owryt-abcdef12-0000",
        },
      },
    });
  });

  it("sends a burst's events to the engine together, answering each notification with its own event's id", async () => {
    let releaseFirst = () => {};
    send.mockImplementation(async (events: { data: { job_id: string } }[]) => {
      if (events[0].data.job_id === "1") await new Promise<void>((resolve) => (releaseFirst = resolve));
      return { ids: events.map((event) => `evt-${event.data.job_id}`) };
    });
    let bodiesRead = 0;
    const notify = (jobId: string) => {
      const bytes = new TextEncoder().encode(JSON.stringify({ scrapingjob_id: jobId, source: "yamato_tracking_only" }));
      // A body that counts itself read when the handler reaches its end.
      let given = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!given) {
            given = true;
            controller.enqueue(bytes);
            return;
          }
          bodiesRead++;
          controller.close();
        },
      });
      const request = new NextRequest(`${URL_BASE}?token=hook-secret`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as ConstructorParameters<typeof NextRequest>[1]);
      return POST(request, context);
    };
    const first = notify("1");
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    const burst = ["2", "3", "4", "5"].map(notify);
    // All four read and waiting behind the first send before it is answered.
    await vi.waitFor(() => expect(bodiesRead).toBe(5));
    await new Promise((resolve) => setImmediate(resolve));
    releaseFirst();
    const answers = await Promise.all([first, ...burst].map(async (res) => (await res).json()));
    expect(answers.map((answer) => [answer.job_id, answer.task_id])).toEqual(["1", "2", "3", "4", "5"].map((id) => [id, `evt-${id}`]));
    expect(send.mock.calls.map(([events]) => events.map((event: { data: { job_id: string } }) => event.data.job_id))).toEqual([
      ["1"],
      ["2", "3", "4", "5"],
    ]);
  });

  it("accepts a JSON body with job_id alias and explicit source, and the query options", async () => {
    const batchId = "8e3c52a6-1b7d-4c1e-9a55-3f3c2b1d0e9f";
    const res = await json(
      { job_id: 42, source: "japan_post_tracking_10" },
      `t=stats-secret&dry_run=1&dedupe=false&upsert=true&batch_id=${batchId.toUpperCase()}`,
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      job_id: "42",
      source: "japan_post_tracking_10",
      dry_run: true,
      dedupe: false,
      upsert: true,
      batch_id: batchId,
    });
  });

  it("passes on only the batch_id it was given, leaving the job's batch to the processing (seed §4.6)", async () => {
    await createBatchWithJobs("yamato_tracking_only", [{ customId: "yto-aaaaaaaa-0000", jobId: "900" }]);
    expect(await (await json({ scrapingjob_id: "900", custom_id: "yto-aaaaaaaa-0000" })).json()).toMatchObject({
      batch_id: null,
      source: "yamato_tracking_only",
    });
    expect(send.mock.calls[0][0][0].data.batch_uuid).toBeNull();
  });

  it("takes the token from the header, query token/t, or body token/t; strips it from the event", async () => {
    const body = { scrapingjob_id: "1", source: "yamato_tracking_only" };
    expect(
      (await post({ body: JSON.stringify(body), type: "application/json", headers: { "X-Webhook-Token": "hook-secret" } })).status,
    ).toBe(202);
    expect((await json(body, "t=hook-secret")).status).toBe(202);
    expect((await json({ ...body, token: "stats-secret" }, "")).status).toBe(202);
    expect(
      (await post({ body: "scrapingjob_id=1&source=yamato_tracking_only&t=hook-secret", type: "application/x-www-form-urlencoded" }))
        .status,
    ).toBe(202);
    for (const call of send.mock.calls) expect(call[0][0].data.request_data).not.toHaveProperty("token");
    for (const call of send.mock.calls) expect(call[0][0].data.request_data).not.toHaveProperty("t");
  });

  it("403 with the seed's detail when the token is missing or wrong", async () => {
    for (const res of [
      await json({ scrapingjob_id: "1", source: "yamato_tracking_only" }, "token=wrong"),
      await json({ scrapingjob_id: "1" }, ""),
    ]) {
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toBe("Webhook token 不匹配");
    }
    expect(send).not.toHaveBeenCalled();
  });

  it("400 when job id or source cannot be found, 400 for an unknown tracker", async () => {
    let res = await json({ source: "yamato_tracking_only" });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toBe("Webhook 需要 job_id 与 source");
    res = await json({ scrapingjob_id: "1", sitemap_name: "nobody", custom_id: "zzz-1" });
    expect((await res.json()).detail).toBe("Webhook 需要 job_id 与 source");
    res = await json({ scrapingjob_id: "1", source: "mystery_tracker" });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toBe("未知任务: mystery_tracker");
    expect(send).not.toHaveBeenCalled();
  });

  it("400 for invalid query options", async () => {
    const body = { scrapingjob_id: "1", source: "yamato_tracking_only" };
    expect((await json(body, "token=hook-secret&dry_run=maybe")).status).toBe(400);
    expect((await json(body, "token=hook-secret&batch_id=not-a-uuid")).status).toBe(400);
    expect(send).not.toHaveBeenCalled();
  });

  it("500 with the seed's detail when enqueueing fails, without the internal cause", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    send.mockRejectedValueOnce(new Error("event API unreachable at http://127.0.0.1:8288"));
    const res = await json({ scrapingjob_id: "1", source: "yamato_tracking_only" });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.detail).toBe("调度任务时出错");
    expect(JSON.stringify(body)).not.toContain("unreachable");
  });
});

describe("webhook token and event id", () => {
  it("refuses every token when none is configured", () => {
    expect(checkWebhookToken("x", {})).toBe(false);
    expect(checkWebhookToken(null, { WEBSCRAPER_WEBHOOK_TOKEN: "a" })).toBe(false);
    expect(checkWebhookToken("a", { WEBSCRAPER_WEBHOOK_TOKEN: "a" })).toBe(true);
    expect(checkWebhookToken("b", { WEBSCRAPER_WEBHOOK_TOKEN: "a", BATCH_STATS_API_TOKEN: "b" })).toBe(true);
  });

  it("collapses a burst of deliveries into one event id but not a later Continue re-run", () => {
    const t = new Date("2026-01-08T10:00:05Z");
    expect(jobFinishedEventId("s", "1", t)).toBe(jobFinishedEventId("s", "1", new Date("2026-01-08T10:00:40Z")));
    expect(jobFinishedEventId("s", "1", t)).not.toBe(jobFinishedEventId("s", "1", new Date("2026-01-08T10:05:00Z")));
  });
});
