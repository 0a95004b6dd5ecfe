// An in-memory WebScraper.io for unit tests: remembers every create call.
import type { CreateScrapingJobInput, ScrapingJob, WebScraperClient } from "../../../../lib/webscraper/types";

export class FakeWebScraper implements WebScraperClient {
  readonly creates: CreateScrapingJobInput[] = [];
  readonly jobs: ScrapingJob[] = [];
  findCalls = 0;
  nextId = 5000;
  /** Thrown by the next create calls (shifted one per call). */
  createErrors: Error[] = [];
  findErrors: Error[] = [];
  clock = () => Date.now();

  async createScrapingJob(input: CreateScrapingJobInput): Promise<{ id: number }> {
    const error = this.createErrors.shift();
    if (error) throw error;
    this.creates.push(input);
    const job: ScrapingJob = {
      id: this.nextId++,
      custom_id: input.custom_id ?? null,
      sitemap_id: input.sitemap_id,
      sitemap_name: `sitemap-${input.sitemap_id}`,
      status: "waiting-to-be-scheduled",
      time_created: Math.floor(this.clock() / 1000),
      jobs_scheduled: 0,
      jobs_executed: 0,
      jobs_failed: 0,
      stored_record_count: 0,
    };
    this.jobs.push(job);
    return { id: job.id };
  }

  async getScrapingJob(jobId: number | string): Promise<ScrapingJob> {
    const job = this.jobs.find((j) => String(j.id) === String(jobId));
    if (!job) throw new Error(`no job ${jobId}`);
    return job;
  }

  async findScrapingJobsByCustomId(customId: string, sitemapId?: number): Promise<ScrapingJob[]> {
    this.findCalls++;
    const error = this.findErrors.shift();
    if (error) throw error;
    return this.jobs.filter((j) => j.custom_id === customId && (sitemapId === undefined || j.sitemap_id === sitemapId));
  }

  async downloadCsvExport(): Promise<Buffer> {
    throw new Error("not used by the publishing tests");
  }
}
