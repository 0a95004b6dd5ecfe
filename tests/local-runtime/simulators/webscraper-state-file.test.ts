// The simulator's state survives a restart (issue 7, "Also"): runs in flight
// finish and notify, exports stay downloadable, job ids are never reused.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../../lib/local-runtime/platform/wait-for-port";
import { appleOrderUrl, startWebScraperSimulator } from "../../../lib/local-runtime/simulators/webscraper";
import { createWebScraperClient } from "../../../lib/webscraper/client";
import { startWebhookReceiver } from "./webhook-receiver";

const TOKEN = "sim-state-token";
const dir = mkdtempSync(path.join(os.tmpdir(), "sim-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("WebScraper simulator state file", () => {
  it("a restart keeps jobs, finishes the one in flight, keeps its export and numbers new jobs after the old ones", async () => {
    const stateFile = path.join(dir, "webscraper-simulator.json");
    const receiver = await startWebhookReceiver();
    const options = { apiTokens: [TOKEN], stateFile, webhookUrl: receiver.url, webhookRetryDelaysMs: [50], webhookTimeoutMs: 2000 };
    const job = {
      sitemap_id: 1421177,
      driver: "fulljs" as const,
      page_load_delay: 2000,
      request_interval: 2000,
      start_urls: [appleOrderUrl({ orderNumber: "W12345678", email: "a@example.jp" })],
      custom_id: "owryt-0000aaaa-0000",
    };

    const first = await startWebScraperSimulator({ ...options, port: await freePort(), jobDurationMs: 60_000 });
    const client1 = createWebScraperClient({ baseUrl: first.url, apiToken: TOKEN });
    const { id } = await client1.createScrapingJob(job);
    await first.stop(); // the run is cut short, as by a crash

    const second = await startWebScraperSimulator({ ...options, port: await freePort(), jobDurationMs: 50 });
    try {
      const client2 = createWebScraperClient({ baseUrl: second.url, apiToken: TOKEN });
      await second.whenIdle();
      expect((await client2.getScrapingJob(id)).status).toBe("finished");
      expect((await client2.downloadCsvExport(id)).toString("utf8")).toContain("W12345678");
      expect(receiver.received.some((n) => n.form.scrapingjob_id === String(id))).toBe(true);
      const next = await client2.createScrapingJob({ ...job, custom_id: "owryt-0000aaaa-0001" });
      expect(next.id).toBeGreaterThan(id);
      await second.whenIdle();
    } finally {
      await second.stop();
      await receiver.close();
    }
  });
});
