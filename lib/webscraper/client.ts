// HTTP client for the WebScraper.io Cloud API v1
// (https://webscraper.io/documentation/web-scraper-cloud/api). It never retries:
// callers (durable workflow steps) decide, guided by WebScraperApiError.retryable.
import { WebScraperApiError, type CreateScrapingJobInput, type ScrapingJob, type WebScraperClient } from "./types";

export interface WebScraperClientOptions {
  /** e.g. https://api.webscraper.io or a simulator's URL; `/api/v1` is appended. */
  baseUrl: string;
  apiToken: string;
  /** Per request, JSON calls. Default 30 s. */
  timeoutMs?: number;
  /** Per request, CSV downloads (large jobs export slowly). Default 120 s. */
  exportTimeoutMs?: number;
  /** Upper bound on list pages read by findScrapingJobsByCustomId. Default 50. */
  maxListPages?: number;
  fetchImpl?: typeof fetch;
}

export interface ScrapingJobListPage {
  data: ScrapingJob[];
  current_page: number;
  last_page: number;
  per_page: number;
  total: number;
}

export interface ListScrapingJobsParams {
  sitemapId?: number;
  /** Sent as a filter; the real API may ignore it, so results are still checked by the caller. */
  customId?: string;
  page?: number;
}

export interface HttpWebScraperClient extends WebScraperClient {
  listScrapingJobs(params?: ListScrapingJobsParams): Promise<ScrapingJobListPage>;
}

export const DEFAULT_WEB_SCRAPER_API_BASE_URL = "https://api.webscraper.io";

/** Retry-After is seconds or an HTTP date; X-RateLimit-Reset (unix seconds) is WebScraper.io's own hint. */
export function parseRetryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

function describeApiError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const detail = parsed.error ?? parsed.message;
    if (typeof detail === "string") return detail;
    if (detail !== undefined) return JSON.stringify(detail);
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200);
}

function normalizeJob(raw: Record<string, unknown>): ScrapingJob {
  // The API has returned numbers as strings at times (time_created); normalize once here.
  return {
    ...(raw as unknown as ScrapingJob),
    id: Number(raw.id),
    custom_id: typeof raw.custom_id === "string" && raw.custom_id !== "" ? raw.custom_id : null,
    sitemap_id: Number(raw.sitemap_id),
    time_created: Number(raw.time_created),
    jobs_scheduled: Number(raw.jobs_scheduled ?? 0),
    jobs_executed: Number(raw.jobs_executed ?? 0),
    jobs_failed: Number(raw.jobs_failed ?? 0),
    stored_record_count: Number(raw.stored_record_count ?? 0),
  };
}

export function createWebScraperClient(options: WebScraperClientOptions): HttpWebScraperClient {
  if (!options.apiToken) throw new Error("WebScraper.io client needs an API token");
  const apiRoot = `${options.baseUrl.replace(/\/+$/, "")}/api/v1`;
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const exportTimeoutMs = options.exportTimeoutMs ?? 120_000;
  const maxListPages = options.maxListPages ?? 50;

  /** `what` names the call in errors; URLs are never put in errors because they carry the token. */
  async function send(what: string, path: string, init: RequestInit, timeout: number): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${apiRoot}${path}`, { ...init, signal: AbortSignal.timeout(timeout) });
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new WebScraperApiError(`WebScraper.io ${what}: no answer within ${timeout} ms`, null, true);
      }
      const cause = (error as Error & { cause?: Error }).cause;
      throw new WebScraperApiError(`WebScraper.io ${what}: network error (${cause?.message ?? (error as Error).message})`, null, true);
    }
    if (response.ok) return response;

    const body = await response.text().catch(() => "");
    const status = response.status;
    const detail = describeApiError(body);
    if (status === 429) {
      throw new WebScraperApiError(
        `WebScraper.io ${what}: rate limited (429) ${detail}`.trim(),
        status,
        true,
        parseRetryAfterMs(response.headers),
      );
    }
    if (status >= 500) {
      throw new WebScraperApiError(
        `WebScraper.io ${what}: server error ${status} ${detail}`.trim(),
        status,
        true,
        parseRetryAfterMs(response.headers),
      );
    }
    // 408 is the server giving up waiting for us: trying again can help.
    throw new WebScraperApiError(`WebScraper.io ${what}: ${status} ${detail}`.trim(), status, status === 408);
  }

  async function callJson<T>(what: string, path: string, init: RequestInit = {}): Promise<{ data: T } & Record<string, unknown>> {
    const response = await send(what, path, { ...init, headers: { Accept: "application/json", ...init.headers } }, timeoutMs);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new WebScraperApiError(
        `WebScraper.io ${what}: connection lost mid-answer (${(error as Error).message})`,
        response.status,
        true,
      );
    }
    let body: { success?: boolean; data?: T } & Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch {
      // A 200 that is not JSON comes from a proxy or a cut connection, not from the API's judgement.
      throw new WebScraperApiError(`WebScraper.io ${what}: answer was not JSON`, response.status, true);
    }
    if (body.success !== true) {
      throw new WebScraperApiError(`WebScraper.io ${what}: unsuccessful answer ${describeApiError(text)}`, response.status, false);
    }
    return body as { data: T } & Record<string, unknown>;
  }

  const withToken = (path: string, params: Record<string, string | number | undefined> = {}) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
    query.set("api_token", options.apiToken);
    return `${path}?${query.toString()}`;
  };

  const client: HttpWebScraperClient = {
    async createScrapingJob(input: CreateScrapingJobInput) {
      const body = await callJson<{ id: number | string }>("create scraping job", withToken("/scraping-job"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(input),
      });
      const id = Number(body.data?.id);
      if (!Number.isFinite(id)) {
        throw new WebScraperApiError("WebScraper.io create scraping job: answer had no job id", 200, false);
      }
      return { id };
    },

    async getScrapingJob(jobId) {
      const body = await callJson<Record<string, unknown>>(
        `get scraping job ${jobId}`,
        withToken(`/scraping-job/${encodeURIComponent(String(jobId))}`),
      );
      return normalizeJob(body.data);
    },

    async listScrapingJobs(params = {}) {
      const body = await callJson<Array<Record<string, unknown>>>(
        "list scraping jobs",
        withToken("/scraping-jobs", { sitemap_id: params.sitemapId, custom_id: params.customId, page: params.page ?? 1 }),
      );
      return {
        data: (body.data ?? []).map(normalizeJob),
        current_page: Number(body.current_page ?? params.page ?? 1),
        last_page: Number(body.last_page ?? 1),
        per_page: Number(body.per_page ?? body.data?.length ?? 0),
        total: Number(body.total ?? body.data?.length ?? 0),
      };
    },

    async findScrapingJobsByCustomId(customId, sitemapId) {
      const found: ScrapingJob[] = [];
      for (let page = 1; page <= maxListPages; page++) {
        const result = await client.listScrapingJobs({ sitemapId, customId, page });
        found.push(...result.data.filter((job) => job.custom_id === customId));
        if (page >= result.last_page || result.data.length === 0) break;
      }
      return found;
    },

    async downloadCsvExport(jobId) {
      // The export is fetched with a Bearer header (seed 000 §5.3) and may redirect to storage: fetch follows.
      const response = await send(
        `download export of job ${jobId}`,
        `/scraping-job/${encodeURIComponent(String(jobId))}/export?format=csv`,
        { headers: { Authorization: `Bearer ${options.apiToken}`, Accept: "text/csv" }, redirect: "follow" },
        exportTimeoutMs,
      );
      try {
        return Buffer.from(await response.arrayBuffer());
      } catch (error) {
        throw new WebScraperApiError(
          `WebScraper.io download export of job ${jobId}: connection lost mid-body (${(error as Error).message})`,
          response.status,
          true,
        );
      }
    },
  };
  return client;
}

/** The client configured by WEB_SCRAPER_API_BASE_URL (default https://api.webscraper.io) and WEB_SCRAPER_API_TOKEN. */
export function webScraperClientFromEnv(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Omit<WebScraperClientOptions, "baseUrl" | "apiToken">> = {},
): HttpWebScraperClient {
  const apiToken = env.WEB_SCRAPER_API_TOKEN?.trim();
  if (!apiToken) {
    throw new Error(
      "WEB_SCRAPER_API_TOKEN is not set: the WebScraper.io client needs the API token from cloud.webscraper.io/api " +
        "(in embedded mode the platform generates one for its simulator)",
    );
  }
  const baseUrl = env.WEB_SCRAPER_API_BASE_URL?.trim() || DEFAULT_WEB_SCRAPER_API_BASE_URL;
  return createWebScraperClient({ ...overrides, baseUrl, apiToken });
}
