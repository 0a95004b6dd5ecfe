// Client behaviour the simulator does not exercise on its own: configuration,
// odd answers, dead servers. Real HTTP against small simulator-framework servers.
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../../lib/local-runtime/platform/wait-for-port";
import { createSimulatorServer, type SimulatorServer } from "../../../lib/local-runtime/simulators/framework";
import {
  createWebScraperClient,
  DEFAULT_WEB_SCRAPER_API_BASE_URL,
  parseRetryAfterMs,
  webScraperClientFromEnv,
} from "../../../lib/webscraper/client";
import { WebScraperApiError } from "../../../lib/webscraper/types";

const servers: SimulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function fakeApi(routes: Parameters<typeof createSimulatorServer>[0]["routes"]) {
  const server = await createSimulatorServer({ name: "fake-webscraper", routes });
  servers.push(server);
  return server;
}

describe("webScraperClientFromEnv", () => {
  it("refuses to build a client without WEB_SCRAPER_API_TOKEN, naming the variable", () => {
    expect(() => webScraperClientFromEnv({})).toThrow(/WEB_SCRAPER_API_TOKEN/);
    expect(() => webScraperClientFromEnv({ WEB_SCRAPER_API_TOKEN: "  " })).toThrow(/WEB_SCRAPER_API_TOKEN/);
  });

  it("talks to WEB_SCRAPER_API_BASE_URL, defaulting to api.webscraper.io", async () => {
    expect(DEFAULT_WEB_SCRAPER_API_BASE_URL).toBe("https://api.webscraper.io");
    const server = await fakeApi([
      {
        method: "GET",
        path: "/api/v1/scraping-job/:id",
        handler: (request) => ({
          body: {
            success: true,
            // Older API answers carried numbers as strings and an empty custom_id.
            data: {
              id: request.params.id,
              custom_id: "",
              sitemap_id: "5",
              sitemap_name: "s",
              status: "finished",
              time_created: "1767830400",
            },
          },
        }),
      },
    ]);
    const client = webScraperClientFromEnv({ WEB_SCRAPER_API_BASE_URL: `${server.url}/`, WEB_SCRAPER_API_TOKEN: "t" });
    expect(await client.getScrapingJob(12)).toMatchObject({ id: 12, custom_id: null, sitemap_id: 5, time_created: 1767830400 });
    expect(server.requests[0]).toMatchObject({ path: "/api/v1/scraping-job/12", query: { api_token: "[redacted]" } });
  });
});

describe("WebScraper client errors", () => {
  it("reports a server that is not there as a retryable network error", async () => {
    const client = createWebScraperClient({ baseUrl: `http://127.0.0.1:${await freePort()}`, apiToken: "t" });
    const error = await client.getScrapingJob(1).catch((e) => e);
    expect(error).toBeInstanceOf(WebScraperApiError);
    expect(error).toMatchObject({ status: null, retryable: true });
    expect(error.message).toMatch(/network error/);
  });

  it("treats a garbled 200 as retryable and an unsuccessful answer as final, never leaking the token", async () => {
    const server = await fakeApi([
      { method: "GET", path: "/api/v1/scraping-job/1", handler: () => ({ body: "<html>gateway</html>" }) },
      { method: "GET", path: "/api/v1/scraping-job/2", handler: () => ({ body: { success: false, error: "Sitemap deleted" } }) },
      {
        method: "POST",
        path: "/api/v1/scraping-job",
        handler: () => ({ status: 422, body: { success: false, error: "Not enough page credits" } }),
      },
      { method: "GET", path: "/api/v1/scraping-job/3", handler: () => ({ status: 503, headers: { "Retry-After": "7" }, body: "busy" }) },
    ]);
    const client = createWebScraperClient({ baseUrl: server.url, apiToken: "very-secret-token" });
    const garbled = await client.getScrapingJob(1).catch((e) => e);
    expect(garbled).toMatchObject({ status: 200, retryable: true });
    const unsuccessful = await client.getScrapingJob(2).catch((e) => e);
    expect(unsuccessful).toMatchObject({ retryable: false });
    expect(unsuccessful.message).toContain("Sitemap deleted");
    const refused = await client
      .createScrapingJob({ sitemap_id: 1, driver: "fast", page_load_delay: 2000, request_interval: 2000 })
      .catch((e) => e);
    expect(refused).toMatchObject({ status: 422, retryable: false });
    expect(refused.message).toContain("Not enough page credits");
    const busy = await client.getScrapingJob(3).catch((e) => e);
    expect(busy).toMatchObject({ status: 503, retryable: true, retryAfterMs: 7000 });
    for (const error of [garbled, unsuccessful, refused, busy]) expect(error.message).not.toContain("very-secret-token");
  });
});

describe("parseRetryAfterMs", () => {
  it("reads seconds, an HTTP date, or WebScraper.io's X-RateLimit-Reset", () => {
    const now = Date.parse("2026-01-08T00:00:00Z");
    expect(parseRetryAfterMs(new Headers({ "Retry-After": "30" }), now)).toBe(30_000);
    expect(parseRetryAfterMs(new Headers({ "Retry-After": "Thu, 08 Jan 2026 00:01:00 GMT" }), now)).toBe(60_000);
    expect(parseRetryAfterMs(new Headers({ "X-RateLimit-Reset": String(now / 1000 + 90) }), now)).toBe(90_000);
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
  });
});
