// Seed 000 阶段四: validate, record and enqueue; never download here.
// WebScraper.io wants a 2xx within 10 s, so the export is fetched by the
// Inngest function, not by the request.
import { DomainError, invalidInput } from "@/lib/errors/domain-error";
import { isDatabaseUnavailable, withDeadline } from "@/lib/db/timeouts";
import { getTracker } from "../trackers/registry";
import { TrackingError } from "../errors";
import { checkWebhookToken, pickWebhookToken } from "./check-webhook-token";
import { jobFinishedEventId, WEBSCRAPER_JOB_FINISHED_EVENT, type WebscraperJobFinishedData } from "./job-finished-event";
import { resolveSource } from "./resolve-source";
import { parseWebhookOptions } from "./webhook-options";

export interface WebhookRequest {
  query: URLSearchParams;
  headerToken: string | null;
  /**
   * The notification's fields, or how to read them. A reader is called only
   * after a header or query token has passed, or when the token can only be
   * in the body (then the reader's cap bounds what an anonymous caller costs).
   */
  body: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
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

// The notification's own fields (WebScraper.io's form plus the seed's aliases,
// seed 000 §4.3); anything else a caller adds is not passed on.
const NOTIFICATION_FIELDS = ["scrapingjob_id", "job_id", "status", "sitemap_id", "sitemap_name", "custom_id", "source"] as const;
const MAX_FIELD_LENGTH = 500;

function notificationFields(body: Record<string, unknown>): Record<string, string | number> {
  const fields: Record<string, string | number> = {};
  for (const key of NOTIFICATION_FIELDS) {
    const value = body[key];
    if (typeof value === "number" && Number.isFinite(value)) fields[key] = value;
    else if (typeof value === "string") {
      if (value.length > MAX_FIELD_LENGTH) throw invalidInput(`字段 ${key} 过长`);
      fields[key] = value;
    }
  }
  return fields;
}

/** WebScraper.io job ids are positive integers; anything else (1.5, 1e400, -1, SQL, long strings) is refused. */
export function parseScrapingJobId(value: unknown): string | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (!/^[1-9][0-9]{0,15}$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) return null;
  return trimmed;
}

const WEBHOOK_DEADLINE_MS = Number(process.env.WEBHOOK_DEADLINE_MS ?? 5000);

function text(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

export async function acceptTrackingWebhook(
  request: WebhookRequest,
  deps: { send: SendJobFinished; env?: Record<string, string | undefined>; now?: Date; deadlineMs?: number },
): Promise<WebhookAccepted> {
  const env = deps.env ?? process.env;
  // The token before the body: a caller without one costs no more than a capped read.
  const outerToken = pickWebhookToken({ header: request.headerToken, query: request.query, body: {} });
  const mismatch = () => new DomainError("forbidden", "Webhook token 不匹配", { code: "webhook_token_mismatch" });
  if (outerToken !== null && !checkWebhookToken(outerToken, env)) throw mismatch();
  const rawBody = typeof request.body === "function" ? await request.body() : request.body;
  if (outerToken === null && !checkWebhookToken(pickWebhookToken({ header: null, query: new URLSearchParams(), body: rawBody }), env)) {
    throw mismatch();
  }

  const options = parseWebhookOptions(request.query);
  const body = notificationFields(rawBody);
  const rawJobId =
    text(body.scrapingjob_id) ?? text(body.job_id) ?? text(request.query.get("scrapingjob_id")) ?? text(request.query.get("job_id"));
  const customId = text(body.custom_id);
  const source = resolveSource({ source: text(body.source), sitemapName: text(body.sitemap_name), customId }, env);
  if (!rawJobId || !source) throw invalidInput("Webhook 需要 job_id 与 source", { code: "webhook_job_id_and_source_required" });
  const jobId = parseScrapingJobId(rawJobId);
  if (!jobId) throw invalidInput("scrapingjob_id 必须是正整数", { code: "webhook_job_id_invalid" });

  try {
    getTracker(source);
  } catch (error) {
    if (error instanceof TrackingError && error.type === "unknown_tracker")
      throw invalidInput(`未知任务: ${source}`, { code: "unknown_tracker", params: { tracker: source } });
    throw error;
  }

  // Seed 000 §4.6 passes on the batch_id it was given; a missing one is found by the processing, off the request.
  const event: Parameters<SendJobFinished>[0] = {
    id: jobFinishedEventId(source, jobId, deps.now),
    name: WEBSCRAPER_JOB_FINISHED_EVENT,
    data: {
      source_name: source,
      job_id: jobId,
      batch_uuid: options.batch_id,
      custom_id: customId,
      request_data: body,
      dry_run: options.dry_run,
      dedupe: options.dedupe,
      upsert: options.upsert,
    },
  };
  try {
    // WebScraper.io gives up after 10 s and retries later: with the database or the engine stalled, answer 503 well before that.
    const { ids } = await withDeadline("recording the notification", deps.deadlineMs ?? WEBHOOK_DEADLINE_MS, deps.send(event));
    return {
      mode: "webhook",
      accepted: true,
      task_id: ids[0] ?? null,
      job_id: jobId,
      source,
      dry_run: options.dry_run,
      dedupe: options.dedupe,
      upsert: options.upsert,
      batch_id: options.batch_id,
    };
  } catch (error) {
    // The cause stays in the server log; the caller learns only whether to retry.
    console.error(`[webhook] could not enqueue job ${jobId} (${source}):`, error);
    if (isDatabaseUnavailable(error)) {
      throw new DomainError("unavailable", "调度任务时出错: the platform is temporarily unavailable, retry later", { code: "unavailable" });
    }
    throw new DomainError("failed", "调度任务时出错", { code: "schedule_failed" });
  }
}
