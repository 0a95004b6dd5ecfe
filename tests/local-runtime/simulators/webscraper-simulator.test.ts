// The WebScraper.io simulator driven through the platform's real client over HTTP.
import Papa from "papaparse";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../../lib/local-runtime/platform/wait-for-port";
import {
  appleOrderUrl,
  renderExportCsv,
  startWebScraperSimulator,
  type WebScraperSimulatorOptions,
} from "../../../lib/local-runtime/simulators/webscraper";
import { createWebScraperClient } from "../../../lib/webscraper/client";
import { WebScraperApiError, type CreateScrapingJobInput } from "../../../lib/webscraper/types";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

const TOKEN = "sim-test-token";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: WebScraperSimulatorOptions = {}) {
  const sim = await startWebScraperSimulator({
    port: await freePort(),
    apiTokens: [TOKEN],
    jobDurationMs: 60,
    webhookRetryDelaysMs: [50, 100],
    webhookTimeoutMs: 500,
    ...options,
  });
  cleanups.push(() => sim.stop());
  const client = createWebScraperClient({ baseUrl: sim.url, apiToken: TOKEN, timeoutMs: 2000 });
  return { sim, client };
}

async function receiver(answer?: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(answer);
  cleanups.push(() => started.close());
  return started;
}

function orderJob(orderNumber: string, customId: string): CreateScrapingJobInput {
  return {
    sitemap_id: 1421177,
    driver: "fulljs",
    page_load_delay: 2000,
    request_interval: 2000,
    start_urls: [appleOrderUrl({ orderNumber, email: "buyer@example.jp" })],
    custom_id: customId,
  };
}

function csvRows(bytes: Buffer) {
  return Papa.parse<Record<string, string>>(bytes.toString("utf8").replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** An order number the simulator ships by Yamato: the pure renderer gives it the three-row export. */
function yamatoOrderNumber(): string {
  for (let i = 0; ; i++) {
    const orderNumber = `W${900_000_000 + i}`;
    const csv = renderExportCsv({
      id: 1,
      time_created: 1_767_830_400,
      start_urls: [appleOrderUrl({ orderNumber, email: "buyer@example.jp" })],
      successful_passes: 1,
    });
    if (csvRows(Buffer.from(csv)).length === 3) return orderNumber;
  }
}

describe("WebScraper.io simulator: a job's life", () => {
  it("publishes a job, runs it waiting → started → finished and posts the form-encoded notification", async () => {
    const hook = await receiver();
    const { client } = await simulator({ webhookUrl: hook.url, jobDurationMs: 900 });
    const { id } = await client.createScrapingJob(orderJob("W111222333", "owryt-abcd1234-0000"));
    expect(Number.isInteger(id)).toBe(true);

    const first = await client.getScrapingJob(id);
    expect(first).toMatchObject({
      id,
      custom_id: "owryt-abcd1234-0000",
      sitemap_id: 1421177,
      sitemap_name: "official-website-sitemap",
    });
    const seen = [first.status];
    while (seen.at(-1) !== "finished") {
      await new Promise((r) => setTimeout(r, 25));
      const { status } = await client.getScrapingJob(id);
      if (status !== seen.at(-1)) seen.push(status);
    }
    expect(seen).toEqual(["waiting-to-be-scheduled", "started", "finished"]);

    const [notification] = await hook.waitFor(1);
    expect(notification.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(notification.query.token).toBe("test-webhook-token");
    expect(notification.form).toEqual({
      scrapingjob_id: String(id),
      status: "finished",
      sitemap_id: "1421177",
      sitemap_name: "official-website-sitemap",
      custom_id: "owryt-abcd1234-0000",
    });
    const finished = await client.getScrapingJob(id);
    expect(finished).toMatchObject({ status: "finished", jobs_scheduled: 1, jobs_executed: 1, jobs_failed: 0 });
    expect(finished.stored_record_count).toBe(csvRows(await client.downloadCsvExport(id)).length);
    expect(finished.time_created).toBeCloseTo(Date.now() / 1000, -1);
  });

  it("retries a refused notification after the configured delays, then stops once it is accepted", async () => {
    const hook = await receiver((n) => (n < 3 ? 500 : 200));
    const { sim, client } = await simulator({ webhookUrl: hook.url, webhookRetryDelaysMs: [150, 300] });
    const { id } = await client.createScrapingJob(orderJob("W222333444", "owryt-retry-0001"));
    await hook.waitFor(3);
    await sim.whenIdle();
    expect(hook.received).toHaveLength(3);
    expect(hook.received.every((w) => w.form.scrapingjob_id === String(id))).toBe(true);
    const [a, b, c] = hook.received.map((w) => w.at);
    expect(b - a).toBeGreaterThanOrEqual(140);
    expect(c - b).toBeGreaterThanOrEqual(290);
    expect(sim.webhookAttempts.map((attempt) => [attempt.attempt, attempt.httpStatus, attempt.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    // The delivery log keeps the webhook token out.
    expect(sim.webhookAttempts[0].url).not.toContain("token");
  });

  it("treats a receiver that does not answer in time as a failure and gives up after the last retry", async () => {
    const hook = await receiver(() => "hang");
    const { sim, client } = await simulator({ webhookUrl: hook.url, webhookTimeoutMs: 100, webhookRetryDelaysMs: [20, 20] });
    await client.createScrapingJob(orderJob("W333444555", "owryt-hang-0001"));
    await sim.whenIdle();
    expect(hook.received).toHaveLength(3);
    expect(sim.webhookAttempts.every((attempt) => !attempt.ok && /within 100 ms/.test(attempt.error ?? ""))).toBe(true);
  });

  it("names sitemaps from the name map, defaulting to sitemap-<id>", async () => {
    const hook = await receiver();
    const { sim, client } = await simulator({ webhookUrl: hook.url, sitemapNames: { 1421178: "japan-post-sitemap" } });
    const jp = await client.createScrapingJob({ ...orderJob("W1", "jpt-from-owryt-x"), sitemap_id: 1421178 });
    const other = await client.createScrapingJob({ ...orderJob("W2", "other-1"), sitemap_id: 77 });
    await sim.whenIdle();
    expect((await client.getScrapingJob(jp.id)).sitemap_name).toBe("japan-post-sitemap");
    expect((await client.getScrapingJob(other.id)).sitemap_name).toBe("sitemap-77");
    expect(hook.received.map((w) => w.form.sitemap_name).sort()).toEqual(["japan-post-sitemap", "sitemap-77"]);
  });
});

describe("WebScraper.io simulator: exports", () => {
  it("serves the CSV with a Bearer token (and with api_token), 404 for an unknown job", async () => {
    const { sim, client } = await simulator();
    const { id } = await client.createScrapingJob(orderJob(yamatoOrderNumber(), "owryt-export-0001"));
    await sim.whenIdle();

    const bytes = await client.downloadCsvExport(id);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString("utf8")).toContain("\r\n");
    const rows = csvRows(bytes);
    expect(rows).toHaveLength(3);
    expect(rows[2].carrier).toBe("yamato");

    const viaQuery = await fetch(`${sim.url}/api/v1/scraping-job/${id}/export?format=csv&api_token=${TOKEN}`);
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(Buffer.from(await viaQuery.arrayBuffer())).toEqual(bytes);

    const missing = await client.downloadCsvExport(999).catch((e) => e);
    expect(missing).toBeInstanceOf(WebScraperApiError);
    expect(missing).toMatchObject({ status: 404, retryable: false });
  });

  it("follows the export's redirect to a download link", async () => {
    const { sim, client } = await simulator({ redirectExports: true });
    const { id } = await client.createScrapingJob(orderJob("W444555666", "owryt-redirect-0001"));
    await sim.whenIdle();
    expect(csvRows(await client.downloadCsvExport(id)).length).toBeGreaterThanOrEqual(1);
    expect(sim.requests.map((r) => r.status)).toContain(302);
  });

  it("fails the configured share of jobs with an empty export, and a continue recovers them", async () => {
    const hook = await receiver();
    const { sim, client } = await simulator({ webhookUrl: hook.url, failureRate: 1 });
    const { id } = await client.createScrapingJob(orderJob(yamatoOrderNumber(), "owryt-fail-0001"));
    await sim.whenIdle();
    expect(await client.getScrapingJob(id)).toMatchObject({ status: "failed", jobs_failed: 1, stored_record_count: 0 });
    expect(hook.received[0].form.status).toBe("failed");
    expect(csvRows(await client.downloadCsvExport(id))).toEqual([]);

    sim.configure({ failureRate: 0 });
    const continued = await fetch(`${sim.url}/__simulator/scraping-job/${id}/continue`, { method: "POST" });
    expect(continued.status).toBe(200);
    await sim.whenIdle();
    expect(hook.received.map((w) => [w.form.scrapingjob_id, w.form.status])).toEqual([
      [String(id), "failed"],
      [String(id), "finished"],
    ]);
    expect(csvRows(await client.downloadCsvExport(id))).toHaveLength(3);
  });

  it("continues a finished job: more rows, a fresher last row and a second notification for the same id", async () => {
    const hook = await receiver();
    const { sim, client } = await simulator({ webhookUrl: hook.url });
    const { id } = await client.createScrapingJob(orderJob(yamatoOrderNumber(), "owryt-continue-0001"));
    await sim.whenIdle();
    const before = csvRows(await client.downloadCsvExport(id));

    sim.continueJob(id);
    const refused = await fetch(`${sim.url}/__simulator/scraping-job/${id}/continue`, { method: "POST" });
    expect(refused.status).toBe(409); // still running
    await sim.whenIdle();

    const after = csvRows(await client.downloadCsvExport(id));
    expect(after.length).toBe(before.length + 1);
    expect(Date.parse(after.at(-1)!.last_updated_at)).toBeGreaterThan(Date.parse(before.at(-1)!.last_updated_at));
    expect(hook.received.map((w) => w.form.scrapingjob_id)).toEqual([String(id), String(id)]);
    expect((await client.getScrapingJob(id)).stored_record_count).toBe(after.length);
  });

  it("makes the configured share of exports malformed", async () => {
    const { sim, client } = await simulator({ malformedRate: 1 });
    const { id } = await client.createScrapingJob(orderJob("W555666777", "owryt-malformed-0001"));
    await sim.whenIdle();
    const parsed = Papa.parse((await client.downloadCsvExport(id)).toString("utf8"), { header: true });
    expect(parsed.errors.some((error) => error.type === "Quotes")).toBe(true);
  });
});

describe("WebScraper.io simulator: API errors", () => {
  it("refuses a bad token with 401 and a bad body with 400 and a message", async () => {
    const { sim } = await simulator();
    const wrongToken = createWebScraperClient({ baseUrl: sim.url, apiToken: "not-the-token" });
    const unauthorized = await wrongToken.createScrapingJob(orderJob("W1", "x")).catch((e) => e);
    expect(unauthorized).toMatchObject({ status: 401, retryable: false });
    expect(String(unauthorized.message)).not.toContain("not-the-token");
    expect((await fetch(`${sim.url}/api/v1/scraping-job/1`)).status).toBe(401);

    const badBody = await fetch(`${sim.url}/api/v1/scraping-job?api_token=${TOKEN}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sitemap_id: 1421177, driver: "slow", start_urls: ["not a url"] }),
    });
    expect(badBody.status).toBe(400);
    const body = await badBody.json();
    expect(body.success).toBe(false);
    expect(body.error).toMatch(/driver/);
    expect(body.error).toMatch(/start_urls/);
    expect(body.error).toMatch(/page_load_delay/);
    expect(sim.jobs()).toHaveLength(0);
  });

  it("raises retryable errors for injected 5xx and a timeout for injected latency", async () => {
    const { sim, client } = await simulator({ faults: { errorRate: 1 } });
    const serverError = await client.getScrapingJob(1).catch((e) => e);
    expect(serverError).toBeInstanceOf(WebScraperApiError);
    expect(serverError.retryable).toBe(true);
    expect([500, 503]).toContain(serverError.status);

    sim.setFaults({ errorRate: 0, latencyMs: 400 });
    const impatient = createWebScraperClient({ baseUrl: sim.url, apiToken: TOKEN, timeoutMs: 100 });
    const timeout = await impatient.getScrapingJob(1).catch((e) => e);
    expect(timeout).toMatchObject({ status: null, retryable: true });
    expect(timeout.message).toMatch(/within 100 ms/);
  });

  it("rate-limits with 429: the client error is retryable and carries Retry-After", async () => {
    const { client } = await simulator({ faults: { rateLimit: { limit: 2, windowMs: 60_000 } } });
    await client.getScrapingJob(1).catch(() => undefined);
    await client.getScrapingJob(1).catch(() => undefined);
    const limited = await client.createScrapingJob(orderJob("W1", "x")).catch((e) => e);
    expect(limited).toMatchObject({ status: 429, retryable: true });
    expect(limited.retryAfterMs).toBeGreaterThan(55_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe("WebScraper.io simulator: finding jobs", () => {
  it("finds a job by custom id across list pages, even when the list ignores the custom_id filter", async () => {
    const { sim, client } = await simulator({ listPageSize: 2, listFiltersByCustomId: false, jobDurationMs: 10_000 });
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const sitemap = i === 5 ? 1421178 : 1421177;
      ids.push(
        (await client.createScrapingJob({ ...orderJob(`W${i}`, i === 1 ? "owryt-lost-0001" : `owryt-other-${i}`), sitemap_id: sitemap }))
          .id,
      );
    }
    const found = await client.findScrapingJobsByCustomId("owryt-lost-0001", 1421177);
    expect(found.map((job) => job.id)).toEqual([ids[1]]);
    // Newest first, two per page: job #1 of the six sitemap-1421177 jobs sits on the last page.
    const pages = sim.requests.filter((r) => r.path === "/api/v1/scraping-jobs").map((r) => r.query.page);
    expect(pages).toEqual(["1", "2", "3"]);

    expect(await client.findScrapingJobsByCustomId("owryt-never-published")).toEqual([]);
    const page = await client.listScrapingJobs({ page: 1 });
    expect(page).toMatchObject({ current_page: 1, last_page: 4, per_page: 2, total: 7 });
  });

  it("filters the list by custom_id when asked, like the platform's recovery query", async () => {
    const { client } = await simulator({ listPageSize: 2 });
    for (let i = 0; i < 5; i++) await client.createScrapingJob(orderJob(`W${i}`, i % 2 ? "owryt-dup-0001" : `owryt-${i}`));
    const page = await client.listScrapingJobs({ customId: "owryt-dup-0001" });
    expect(page.total).toBe(2);
    expect((await client.findScrapingJobsByCustomId("owryt-dup-0001")).map((job) => job.custom_id)).toEqual([
      "owryt-dup-0001",
      "owryt-dup-0001",
    ]);
  });
});
