// The WebScraper.io API as the platform uses it (https://webscraper.io/documentation/web-scraper-cloud/api).
// Implemented by lib/webscraper/client.ts; spoken by the simulator in lib/local-runtime/simulators/webscraper.

export interface CreateScrapingJobInput {
  sitemap_id: number;
  driver: "fast" | "fulljs";
  page_load_delay: number;
  request_interval: number;
  start_urls?: string[];
  custom_id?: string;
}

export interface ScrapingJob {
  id: number;
  custom_id: string | null;
  sitemap_id: number;
  sitemap_name: string;
  /** `shelved`: moved to cold storage after stopping or finishing with empty or failed pages. */
  status: "waiting-to-be-scheduled" | "scheduled" | "started" | "failed" | "finished" | "stopped" | "shelved";
  /** Unix seconds. */
  time_created: number;
  jobs_scheduled: number;
  jobs_executed: number;
  jobs_failed: number;
  stored_record_count: number;
  // Also returned by the API; optional because the platform does not rely on them.
  jobs_empty?: number;
  test_run?: number;
  scheduled?: number;
  driver?: "fast" | "fulljs";
  page_load_delay?: number;
  request_interval?: number;
  scraping_duration?: number;
}

/** The job-finished notification WebScraper.io POSTs (form-encoded) to the configured webhook URL. */
export interface ScrapingJobFinishedNotification {
  scrapingjob_id: string;
  status: string;
  sitemap_id: string;
  sitemap_name: string;
  custom_id: string;
}

export interface WebScraperClient {
  createScrapingJob(input: CreateScrapingJobInput): Promise<{ id: number }>;
  getScrapingJob(jobId: number | string): Promise<ScrapingJob>;
  /** Jobs whose custom_id matches; used to find a job published before a crash. */
  findScrapingJobsByCustomId(customId: string, sitemapId?: number): Promise<ScrapingJob[]>;
  /** The raw CSV export bytes (UTF-8, possibly with BOM). */
  downloadCsvExport(jobId: number | string): Promise<Buffer>;
}

/** Errors the client raises; `retryable` says whether trying again may help. */
export class WebScraperApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "WebScraperApiError";
  }
}
