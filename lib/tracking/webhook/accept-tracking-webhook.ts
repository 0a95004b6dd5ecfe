// Seed 000 阶段四: validate, record and enqueue; never download here.
// WebScraper.io wants a 2xx within 10 s, so the export is fetched by the
// Inngest function, not by the request.
import { ApiError, badRequest, forbidden } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { getTracker } from "../trackers/registry";
import { TrackingError } from "../errors";
import { checkWebhookToken, pickWebhookToken } from "./check-webhook-token";
import {
  jobFinishedEventId,
  WEBSCRAPER_JOB_FINISHED_EVENT,
  type WebscraperJobFinishedData,
} from "./job-finished-event";
import { resolveSource } from "./resolve-source";
import { parseWebhookOptions } from "./webhook-options";

export interface WebhookRequest {
  query: URLSearchParams;
  headerToken: string | null;
  body: Record<string, unknown>;
}

export interface SendJobFinished {
  (event: { id: string; name: typeof WEBSCRAPER_JOB_FINISHED_EVENT; data: WebscraperJobFinishedData }): Promise<{ ids: string[] }>;
}

export interface WebhookAccepted {
  mode: "webhook";
  accepted: true;
  task_id: string | null;
  job_id: string;
  source: string;
  dry_run: boolean;
  dedupe: boolean;
  upsert: boolean;
  batch_id: string | null;
}

const TOKEN_FIELDS = new Set(["token", "t"]);

function text(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** The batch of the TrackingJob this notification is about: by WebScraper job id, else by custom id. */
export async function findBatchUuidForJob(jobId: string, customId: string | null): Promise<string | null> {
  const byJob = await prisma.trackingJob.findFirst({
    where: { jobId },
    orderBy: { createdAt: "desc" },
    select: { batch: { select: { batchUuid: true } } },
  });
  if (byJob) return byJob.batch.batchUuid;
  if (!customId) return null;
  const byCustomId = await prisma.trackingJob.findFirst({
    where: { customId },
    orderBy: { createdAt: "desc" },
    select: { batch: { select: { batchUuid: true } } },
  });
  return byCustomId?.batch.batchUuid ?? null;
}

export async function acceptTrackingWebhook(
  request: WebhookRequest,
  deps: { send: SendJobFinished; env?: Record<string, string | undefined>; now?: Date },
): Promise<WebhookAccepted> {
  const env = deps.env ?? process.env;
  const token = pickWebhookToken({ header: request.headerToken, query: request.query, body: request.body });
  if (!checkWebhookToken(token, env)) throw forbidden("Webhook token 不匹配", { code: "webhook_token_mismatch" });

  const options = parseWebhookOptions(request.query);
  const body = request.body;
  const jobId = text(body.scrapingjob_id) ?? text(body.job_id) ?? text(request.query.get("scrapingjob_id")) ?? text(request.query.get("job_id"));
  const customId = text(body.custom_id);
  const source = resolveSource({ source: text(body.source), sitemapName: text(body.sitemap_name), customId }, env);
  if (!jobId || !source) throw badRequest("Webhook 需要 job_id 与 source", undefined, { code: "webhook_job_id_and_source_required" });

  try {
    getTracker(source);
  } catch (error) {
    if (error instanceof TrackingError && error.type === "unknown_tracker") throw badRequest(`未知任务: ${source}`, undefined, { code: "unknown_tracker", params: { tracker: source } });
    throw error;
  }

  const requestData = Object.fromEntries(Object.entries(body).filter(([key]) => !TOKEN_FIELDS.has(key)));
  try {
    const batchUuid = options.batch_id ?? (await findBatchUuidForJob(jobId, customId));
    const { ids } = await deps.send({
      id: jobFinishedEventId(source, jobId, deps.now),
      name: WEBSCRAPER_JOB_FINISHED_EVENT,
      data: {
        source_name: source,
        job_id: jobId,
        batch_uuid: batchUuid,
        custom_id: customId,
        request_data: requestData,
        dry_run: options.dry_run,
        dedupe: options.dedupe,
        upsert: options.upsert,
      },
    });
    return {
      mode: "webhook",
      accepted: true,
      task_id: ids[0] ?? null,
      job_id: jobId,
      source,
      dry_run: options.dry_run,
      dedupe: options.dedupe,
      upsert: options.upsert,
      batch_id: batchUuid,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiError(500, `调度任务时出错: ${message}`, "schedule_failed");
  }
}
