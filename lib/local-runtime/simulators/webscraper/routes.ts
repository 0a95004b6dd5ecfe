import { randomBytes } from "node:crypto";
import type { RouteDefinition, SimulatorRequest, SimulatorResponse } from "../framework/types";
import { publicJobView, type JobStore, type SimulatedJob } from "./job-store";
import type { WebScraperBehaviour } from "./options";
import { renderExportCsv } from "./render-export";
import { createScrapingJobSchema, describeIssues } from "./request-schema";

export interface ApiRouteDeps {
  store: JobStore;
  isAuthorized: (request: SimulatorRequest) => boolean;
  publish: (input: ReturnType<typeof createScrapingJobSchema.parse>) => SimulatedJob;
  behaviour: () => WebScraperBehaviour;
  listPageSize: number;
  listFiltersByCustomId: boolean;
  redirectExports: boolean;
}

const failure = (status: number, error: string): SimulatorResponse => ({ status, body: { success: false, error } });
const success = (data: unknown): SimulatorResponse => ({ body: { success: true, data } });
const UNAUTHORIZED = failure(401, "Unauthorized: missing or invalid api_token");

function parseJobId(raw: string): number | null {
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

export function createApiRoutes(deps: ApiRouteDeps): RouteDefinition[] {
  const { store } = deps;
  // One-time links the export redirects to; they carry their own secret instead of the API token.
  const downloadLinks = new Map<string, number>();

  const findJob = (request: SimulatorRequest): SimulatedJob | undefined => {
    const id = parseJobId(request.params.id);
    return id === null ? undefined : store.get(id);
  };

  const csvOf = (job: SimulatedJob): SimulatorResponse => ({
    headers: {
      "Content-Type": "text/csv; charset=UTF-8",
      "Content-Disposition": `attachment; filename="${job.sitemap_name}_${job.id}.csv"`,
    },
    body: Buffer.from(renderExportCsv(job, { japanPostShare: deps.behaviour().japanPostShare }), "utf8"),
  });

  const exportCsv = (request: SimulatorRequest): SimulatorResponse => {
    if (!deps.isAuthorized(request)) return UNAUTHORIZED;
    const format = request.query.format ?? "csv";
    if (format !== "csv") return failure(400, `unsupported export format "${format}"; this simulator serves csv`);
    const job = findJob(request);
    if (!job) return failure(404, "Scraping job not found");
    if (!deps.redirectExports) return csvOf(job);
    const key = randomBytes(12).toString("hex");
    downloadLinks.set(key, job.id);
    return { status: 302, headers: { Location: `${request.baseUrl}/downloads/${key}/scraping-job-${job.id}.csv` } };
  };

  return [
    {
      method: "POST",
      path: "/api/v1/scraping-job",
      handler: (request) => {
        if (!deps.isAuthorized(request)) return UNAUTHORIZED;
        if (typeof request.body !== "object" || request.body === null) {
          return failure(400, "expected a JSON body with sitemap_id, driver, page_load_delay, request_interval");
        }
        const parsed = createScrapingJobSchema.safeParse(request.body);
        if (!parsed.success) return failure(400, `invalid scraping job: ${describeIssues(parsed.error)}`);
        return success({ id: deps.publish(parsed.data).id });
      },
    },
    {
      method: "GET",
      path: "/api/v1/scraping-job/:id",
      handler: (request) => {
        if (!deps.isAuthorized(request)) return UNAUTHORIZED;
        const job = findJob(request);
        return job ? success(publicJobView(job)) : failure(404, "Scraping job not found");
      },
    },
    {
      method: "DELETE",
      path: "/api/v1/scraping-job/:id",
      handler: (request) => {
        if (!deps.isAuthorized(request)) return UNAUTHORIZED;
        const job = findJob(request);
        if (!job) return failure(404, "Scraping job not found");
        store.delete(job.id);
        return success("ok");
      },
    },
    {
      method: "GET",
      path: "/api/v1/scraping-jobs",
      handler: (request) => {
        if (!deps.isAuthorized(request)) return UNAUTHORIZED;
        const page = Math.max(1, Number.parseInt(request.query.page ?? "1", 10) || 1);
        const sitemapId = request.query.sitemap_id ? Number(request.query.sitemap_id) : undefined;
        const customId = (deps.listFiltersByCustomId && request.query.custom_id) || undefined;
        const result = store.list({ sitemapId, customId }, page, deps.listPageSize);
        return { body: { success: true, ...result, data: result.data.map(publicJobView) } };
      },
    },
    // The export URL the platform uses (seed 000 §5.3) and the documented /csv download.
    { method: "GET", path: "/api/v1/scraping-job/:id/export", handler: exportCsv },
    { method: "GET", path: "/api/v1/scraping-job/:id/csv", handler: exportCsv },
    {
      method: "GET",
      path: "/downloads/:key/:file",
      handler: (request) => {
        const jobId = downloadLinks.get(request.params.key);
        const job = jobId === undefined ? undefined : store.get(jobId);
        if (!job) return failure(404, "download link expired or unknown");
        downloadLinks.delete(request.params.key);
        return csvOf(job);
      },
    },
  ];
}
