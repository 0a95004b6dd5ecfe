import type { CreateScrapingJobInput, ScrapingJob } from "../../../webscraper/types";
import type { ExportSource } from "./render-export";

/** A job as the simulator keeps it: the API's fields plus what its export is derived from. */
export interface SimulatedJob extends ScrapingJob, ExportSource {
  driver: CreateScrapingJobInput["driver"];
  page_load_delay: number;
  request_interval: number;
  start_urls: string[];
  jobs_empty: number;
  scraping_duration: number;
  /** Passes run so far, successful or not (the first run plus every continue). */
  passes: number;
  /** The last pass's notification is not yet delivered (or given up); a restart sends it again. */
  notification_pending?: boolean;
}

/** The job as GET /scraping-job/{id} shows it (the real API does not return start URLs). */
export function publicJobView(job: SimulatedJob) {
  return {
    id: job.id,
    custom_id: job.custom_id,
    sitemap_id: job.sitemap_id,
    sitemap_name: job.sitemap_name,
    status: job.status,
    test_run: 0,
    jobs_scheduled: job.jobs_scheduled,
    jobs_executed: job.jobs_executed,
    jobs_failed: job.jobs_failed,
    jobs_empty: job.jobs_empty,
    stored_record_count: job.stored_record_count,
    request_interval: job.request_interval,
    page_load_delay: job.page_load_delay,
    driver: job.driver,
    scheduled: 0,
    time_created: job.time_created,
    scraping_duration: job.scraping_duration,
  };
}

export interface JobListFilter {
  sitemapId?: number;
  customId?: string;
}

export interface JobPage {
  data: SimulatedJob[];
  current_page: number;
  last_page: number;
  per_page: number;
  total: number;
}

export interface JobStoreSnapshot {
  nextId: number;
  jobs: SimulatedJob[];
}

export interface JobStore {
  /** Everything needed to carry on after a restart: the jobs and the id counter. */
  snapshot(): JobStoreSnapshot;
  add(input: CreateScrapingJobInput, sitemapName: string, nowSeconds: number): SimulatedJob;
  get(id: number): SimulatedJob | undefined;
  delete(id: number): boolean;
  all(): SimulatedJob[];
  /** Newest first, like the real list. */
  list(filter: JobListFilter, page: number, perPage: number): JobPage;
}

export function createJobStore(firstJobId: number, restored?: JobStoreSnapshot): JobStore {
  const jobs = new Map<number, SimulatedJob>((restored?.jobs ?? []).map((job) => [job.id, job]));
  // Never hand out an id again, even if the saved counter lags behind the jobs.
  let nextId = Math.max(firstJobId, restored?.nextId ?? 0, ...[...jobs.keys()].map((id) => id + 1));
  return {
    snapshot: () => ({ nextId, jobs: [...jobs.values()] }),
    add(input, sitemapName, nowSeconds) {
      const job: SimulatedJob = {
        id: nextId++,
        custom_id: input.custom_id ?? null,
        sitemap_id: input.sitemap_id,
        sitemap_name: sitemapName,
        status: "waiting-to-be-scheduled",
        time_created: nowSeconds,
        jobs_scheduled: 0,
        jobs_executed: 0,
        jobs_failed: 0,
        jobs_empty: 0,
        stored_record_count: 0,
        scraping_duration: 0,
        driver: input.driver,
        page_load_delay: input.page_load_delay,
        request_interval: input.request_interval,
        start_urls: input.start_urls ?? [],
        successful_passes: 0,
        passes: 0,
        malformed: false,
      };
      jobs.set(job.id, job);
      return job;
    },
    get: (id) => jobs.get(id),
    delete: (id) => jobs.delete(id),
    all: () => [...jobs.values()],
    list(filter, page, perPage) {
      const matching = [...jobs.values()]
        .filter((job) => filter.sitemapId === undefined || job.sitemap_id === filter.sitemapId)
        .filter((job) => filter.customId === undefined || job.custom_id === filter.customId)
        .sort((a, b) => b.id - a.id);
      const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
      return {
        data: matching.slice((page - 1) * perPage, page * perPage),
        current_page: page,
        last_page: lastPage,
        per_page: perPage,
        total: matching.length,
      };
    },
  };
}
