import { afterEach, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "../../../lib/local-runtime/simulators/start-simulators";
import { webScraperClientFromEnv } from "../../../lib/webscraper/client";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

let running: RunningSimulators | undefined;
let hook: WebhookReceiver | undefined;
afterEach(async () => {
  await running?.stop();
  await hook?.close();
  running = hook = undefined;
});

describe("startSimulators", () => {
  it("starts the WebScraper.io simulator configured from the environment, ready for the platform's client", async () => {
    hook = await startWebhookReceiver();
    running = await startSimulators({
      env: {
        SIMULATOR_SEED: "42",
        WEB_SCRAPER_API_TOKEN: "embedded-token",
        WEBSCRAPER_SIMULATOR_WEBHOOK_URL: hook.url,
        WEBSCRAPER_SIMULATOR_JOB_DURATION_MS: "30",
        WEBSCRAPER_SIMULATOR_WEBHOOK_RETRY_DELAYS_MS: "10,20",
        WEBSCRAPER_SIMULATOR_FAULTS: '{"latencyMs":{"min":0,"max":5}}',
      },
    });
    expect(running.webscraper).toBeDefined();
    expect(running.env.WEB_SCRAPER_API_BASE_URL).toBe(running.webscraper!.url);
    expect(running.webscraper!.behaviour).toMatchObject({ jobDurationMs: 30, webhookRetryDelaysMs: [10, 20] });
    expect(running.webscraper!.server.faults.latencyMs).toEqual({ min: 0, max: 5 });

    // The platform's own client, configured only by environment variables, reaches it.
    const client = webScraperClientFromEnv({ ...running.env, WEB_SCRAPER_API_TOKEN: "embedded-token" });
    const { id } = await client.createScrapingJob({
      sitemap_id: 1421178,
      driver: "fulljs",
      page_load_delay: 2000,
      request_interval: 2000,
      start_urls: ["https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=123456789013&locale=ja"],
      custom_id: "jpt-from-owryt-owryt-abcd1234-0000",
    });
    const [notification] = await hook.waitFor(1);
    // The platform's sitemap names come with it, so the webhook can map the job to its tracker.
    expect(notification.form).toMatchObject({ scrapingjob_id: String(id), sitemap_name: "japan-post-sitemap" });
    await expect(webScraperClientFromEnv({ ...running.env, WEB_SCRAPER_API_TOKEN: "wrong" }).getScrapingJob(id)).rejects.toMatchObject({
      status: 401,
    });
  });

  it("lets explicit options win over the environment, and can leave a simulator out", async () => {
    running = await startSimulators({ env: { WEBSCRAPER_SIMULATOR_FAILURE_RATE: "0.5" }, webscraper: { failureRate: 0.1 } });
    expect(running.webscraper!.behaviour.failureRate).toBe(0.1);
    await running.stop();

    running = await startSimulators({ webscraper: false, temu: false });
    expect(running.webscraper).toBeUndefined();
    expect(running.env.WEB_SCRAPER_API_BASE_URL).toBeUndefined();
    await running.stop();
    running = await startSimulators({ webscraper: false, haier: false, temu: false });
    expect(running.env).toEqual({});
  });

  it("rejects an unreadable environment with a message naming the variable", async () => {
    await expect(startSimulators({ env: { WEBSCRAPER_SIMULATOR_JOB_DURATION_MS: "soon" } })).rejects.toThrow(
      /WEBSCRAPER_SIMULATOR_JOB_DURATION_MS/,
    );
  });
});
