// Issue 7 fault 13 for the calls a processing step makes: a 429 waits its
// Retry-After without spending an attempt, other failures back off with
// jitter, the total wait is bounded, and a wait too long for the step rides on
// the error so the workflow sleeps durably.
import { describe, expect, it } from "vitest";
import { WebScraperApiError, type WebScraperClient } from "@/lib/webscraper/types";
import {
  callWithRetries,
  DEFAULT_WEBSCRAPER_RETRY_POLICY,
  rateLimitWaitOf,
  withWebScraperRetries,
  type WebScraperRetryPolicy,
} from "@/lib/webscraper/retrying-client";
import { backoffMs } from "@/lib/webscraper/retry-timing";
import { TrackingError } from "@/lib/tracking/errors";

const policy: WebScraperRetryPolicy = {
  ...DEFAULT_WEBSCRAPER_RETRY_POLICY,
  maxAttempts: 3,
  backoffBaseMs: 100,
  backoffMaxMs: 1000,
  rateLimitMinWaitMs: 50,
  rateLimitMaxWaitMs: 5000,
  maxTotalWaitMs: 10_000,
};

function scripted(answers: Array<Error | string>) {
  let calls = 0;
  const call = async () => {
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { call, calls: () => calls };
}

const limited = (retryAfterMs?: number) => new WebScraperApiError("WebScraper.io download: rate limited (429)", 429, true, retryAfterMs);
const serverError = () => new WebScraperApiError("WebScraper.io download: server error 500", 500, true);

describe("WebScraper.io calls inside a step", () => {
  it("waits Retry-After on every 429 without counting it as an attempt", async () => {
    const waits: number[] = [];
    // Ten 429s in a row, more than maxAttempts (3): still answered.
    const { call, calls } = scripted([...Array.from({ length: 10 }, () => limited(200)), "csv"]);
    const result = await callWithRetries("download", call, { policy, sleep: async (ms) => void waits.push(ms) });
    expect(result).toBe("csv");
    expect(calls()).toBe(11);
    expect(waits).toEqual(Array(10).fill(200));
  });

  it("clamps Retry-After, and uses the default wait when a 429 gives none", async () => {
    const waits: number[] = [];
    const { call } = scripted([limited(1), limited(999_999), limited(undefined), "ok"]);
    await callWithRetries("download", call, {
      policy: { ...policy, maxTotalWaitMs: 60_000, rateLimitDefaultWaitMs: 700 },
      sleep: async (ms) => void waits.push(ms),
    });
    expect(waits).toEqual([50, 5000, 700]);
  });

  it("backs off with jitter after other failures and gives up after maxAttempts", async () => {
    const waits: number[] = [];
    const { call, calls } = scripted([serverError()]);
    await expect(
      callWithRetries("download", call, { policy, sleep: async (ms) => void waits.push(ms), random: () => 0.5 }),
    ).rejects.toThrow(/server error 500/);
    expect(calls()).toBe(3);
    // Exponential (100, 200) with equal jitter: between half and all of each.
    expect(waits).toEqual([75, 150]);
    for (let failures = 1; failures < 8; failures++) {
      const low = backoffMs(policy, failures, () => 0);
      const high = backoffMs(policy, failures, () => 1);
      expect(high).toBeLessThanOrEqual(policy.backoffMaxMs);
      expect(low).toBe(Math.round(high / 2));
    }
  });

  it("mixes both: 429s in between failures do not use up the attempts", async () => {
    const { call } = scripted([serverError(), limited(100), limited(100), serverError(), limited(100), "ok"]);
    await expect(callWithRetries("download", call, { policy, sleep: async () => {} })).resolves.toBe("ok");
  });

  it("never retries what cannot succeed (401, 404)", async () => {
    const { call, calls } = scripted([new WebScraperApiError("WebScraper.io download: 404 not found", 404, false)]);
    await expect(callWithRetries("download", call, { policy, sleep: async () => {} })).rejects.toThrow(/404/);
    expect(calls()).toBe(1);
  });

  it("bounds the total wait: a 429 asking for more is thrown with its wait, for a durable sleep", async () => {
    const waits: number[] = [];
    const { call } = scripted([limited(3000), limited(3000), limited(3000), limited(3000), "never"]);
    const error = await callWithRetries("download", call, {
      policy: { ...policy, maxTotalWaitMs: 7000 },
      sleep: async (ms) => void waits.push(ms),
    }).catch((e: unknown) => e);
    expect(waits).toEqual([3000, 3000]);
    expect(error).toBeInstanceOf(WebScraperApiError);
    // Wrapped as the processing step wraps it, the wait is still found.
    const wrapped = new TrackingError("processing_error", "Failed to download export", { cause: error });
    expect(rateLimitWaitOf(wrapped)).toBe(3000);
    expect(rateLimitWaitOf(new TrackingError("processing_error", "x", { cause: serverError() }))).toBeNull();
  });

  it("wraps the client's reads, and leaves creating a job (not idempotent) to publishing", async () => {
    let downloads = 0;
    let creates = 0;
    const client: WebScraperClient = {
      async createScrapingJob() {
        creates++;
        throw serverError();
      },
      async getScrapingJob() {
        throw new Error("unused");
      },
      async findScrapingJobsByCustomId() {
        return [];
      },
      async downloadCsvExport() {
        if (++downloads < 3) throw limited(10);
        return Buffer.from("a,b\n");
      },
    };
    const retrying = withWebScraperRetries(client, { policy, sleep: async () => {} });
    expect((await retrying.downloadCsvExport(1)).toString()).toBe("a,b\n");
    expect(downloads).toBe(3);
    await expect(
      retrying.createScrapingJob({ sitemap_id: 1, driver: "fast", page_load_delay: 2000, request_interval: 2000 } as never),
    ).rejects.toThrow();
    expect(creates).toBe(1);
  });
});
