// A WebScraper.io stand-in for the receiving half's unit tests: serves CSV
// exports by job id and records scraping jobs created by the redirect.
import { WebScraperApiError, type CreateScrapingJobInput, type ScrapingJob, type WebScraperClient } from "@/lib/webscraper/types";

export class FakeExportClient implements WebScraperClient {
  readonly exports = new Map<string, Buffer>();
  readonly created: CreateScrapingJobInput[] = [];
  readonly jobs: ScrapingJob[] = [];
  downloads = 0;
  nextId = 90_000;
  createError: Error | null = null;
  downloadError: Error | null = null;

  setExport(jobId: string | number, csv: string | Buffer): void {
    this.exports.set(String(jobId), typeof csv === "string" ? Buffer.from(csv, "utf8") : csv);
  }

  async downloadCsvExport(jobId: number | string): Promise<Buffer> {
    this.downloads++;
    if (this.downloadError) throw this.downloadError;
    const content = this.exports.get(String(jobId));
    if (!content) throw new WebScraperApiError(`no export for job ${jobId}`, 404, false);
    return content;
  }

  async createScrapingJob(input: CreateScrapingJobInput): Promise<{ id: number }> {
    if (this.createError) throw this.createError;
    this.created.push(input);
    const id = this.nextId++;
    this.jobs.push({
      id,
      custom_id: input.custom_id ?? null,
      sitemap_id: input.sitemap_id,
      sitemap_name: "japan-post-sitemap",
      status: "waiting-to-be-scheduled",
      time_created: Math.floor(Date.now() / 1000),
      jobs_scheduled: 0,
      jobs_executed: 0,
      jobs_failed: 0,
      stored_record_count: 0,
    });
    return { id };
  }

  async getScrapingJob(jobId: number | string): Promise<ScrapingJob> {
    const job = this.jobs.find((j) => String(j.id) === String(jobId));
    if (!job) throw new WebScraperApiError(`no job ${jobId}`, 404, false);
    return job;
  }

  async findScrapingJobsByCustomId(customId: string, sitemapId?: number): Promise<ScrapingJob[]> {
    return this.jobs.filter((j) => j.custom_id === customId && (sitemapId === undefined || j.sitemap_id === sitemapId));
  }
}
