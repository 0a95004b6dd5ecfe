// Seed 000 §5.2–§5.8 for one finished WebScraper job: download, dedupe,
// parse, smart redirect or tracker, SyncLog, job status.
//
// Exactly once: WebScraper may deliver one notification many times at once,
// and "Continue" notifies again for the same job id with new data. The claim
// is therefore (job id, SHA-256 of the export), checked and recorded in the
// same transaction as the tracker's writes, under a transaction-scoped
// advisory lock on the job id: concurrent deliveries queue on the lock and
// the later ones see the first one's success SyncLog. Nothing inside the
// transaction awaits anything but that transaction (PGlite runs one
// connection's transaction at a time; HTTP happens before or after). Every
// read sits inside a transaction too: pglite-server interleaves the protocol
// messages of concurrent statements outside transactions (an "unnamed prepared
// statement does not exist" error under load), never those of a transaction.
import type { Prisma, TrackingJob } from "@/lib/db/client";
import type { WebScraperClient } from "@/lib/webscraper/types";
import { transitionJob } from "../batches/job-status";
import type { TrackingDb } from "../db";
import { TrackingError } from "../errors";
import { inTransaction } from "../trackers/define-tracker";
import { readField } from "../trackers/read-tracking-row";
import { getTracker } from "../trackers/registry";
import type { TrackerSuccess } from "../trackers/tracker-result";
import { downloadExport } from "./download-export";
import { findBatchId, findTrackingJob } from "./find-tracking-job";
import { parseTrackingCsv, type ParsedExport } from "./parse-tracking-csv";
import type { ProcessJobInput } from "./process-input";
import { recordProcessingFailure, type FailureOutcome } from "./record-processing-failure";
import { summarizeForLog, type TrackerLogSummary } from "./summarize-for-log";
import { writeSyncLog } from "@/lib/sync-logs/write-sync-log";

export const REDIRECT_SOURCE = "official_website_redirect_to_yamato_tracking";

export interface RedirectRequest {
  trackingJobId: number;
  originalCustomId: string;
  targetUrl: string | null;
}

export type ApplyOutcome =
  | { status: "success"; job_id: string; source: string; batch_uuid: string | null; batch_id: number | null; export_sha256: string; result: TrackerLogSummary }
  | { status: "already_processed"; job_id: string; batch_id: number | null; export_sha256: string }
  | { status: "dry_run"; job_id: string; source: string; batch_id: number | null; export_sha256: string; would_redirect: boolean; result: TrackerLogSummary | null }
  | { status: "redirect_pending"; job_id: string; source: string; batch_uuid: string | null; batch_id: number | null; export_sha256: string; redirect: RedirectRequest }
  | FailureOutcome;

class RollBack extends Error {
  constructor(readonly outcome: ApplyOutcome) {
    super("rolled back");
  }
}

async function lockJob(db: TrackingDb, jobId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webscraper_tracking:${jobId}`}))`;
}

export async function isAlreadyProcessed(db: TrackingDb, jobId: string, sha256: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "SyncLog"
    WHERE "operationType" = 'webscraper_tracking' AND "success" = true AND "jobId" = ${jobId}
      AND "details"->>'export_sha256' = ${sha256}
    LIMIT 1`;
  return rows.length > 0;
}

/** §5.4.1 detection: an owryt export of exactly one data row means the order ships by Japan Post. */
export function shouldRedirect(source: string, parsed: ParsedExport, job: TrackingJob | null): boolean {
  return source === REDIRECT_SOURCE && parsed.rows.length === 1 && !!job && job.status !== "redirected";
}

export async function applyWebscraperExport(input: ProcessJobInput, deps: { client: WebScraperClient; now?: Date }): Promise<ApplyOutcome> {
  let tracker;
  try {
    tracker = getTracker(input.source);
  } catch (error) {
    if (error instanceof TrackingError) return recordProcessingFailure(input, { errorType: error.type, message: error.message });
    throw error;
  }

  const exported = await downloadExport(deps.client, input.jobId);

  let parsed: ParsedExport;
  try {
    parsed = parseTrackingCsv(exported.content);
  } catch (error) {
    if (error instanceof TrackingError) {
      return recordProcessingFailure(input, { errorType: error.type, message: error.message, exportSha256: exported.sha256 });
    }
    return recordProcessingFailure(input, {
      errorType: "dataframe_error",
      message: error instanceof Error ? error.message : String(error),
      exportSha256: exported.sha256,
    });
  }

  const now = deps.now ?? new Date();
  let trackerFailure: { errorType: "tracker_error" | "tracker_failed"; message: string } | null = null;
  try {
    return await inTransaction(undefined, async (db) => {
      await lockJob(db, input.jobId);
      const job = await findTrackingJob(db, input);
      const batchId = await findBatchId(db, job, input.batchUuid);
      if (input.dedupe && !input.dryRun && (await isAlreadyProcessed(db, input.jobId, exported.sha256))) {
        return { status: "already_processed", job_id: input.jobId, batch_id: batchId, export_sha256: exported.sha256 } as const;
      }

      const baseDetails = {
        job_id: input.jobId,
        source: input.source,
        batch_uuid: input.batchUuid,
        custom_id: input.customId ?? job?.customId ?? null,
        export_sha256: exported.sha256,
      };

      if (shouldRedirect(input.source, parsed, job)) {
        const targetUrl = readField(parsed.rows[0], "web_start_url", "web-scraper-start-url");
        if (input.dryRun) {
          throw new RollBack({ status: "dry_run", job_id: input.jobId, source: input.source, batch_id: batchId, export_sha256: exported.sha256, would_redirect: true, result: null });
        }
        await transitionJob(db, job!.id, "redirected");
        await writeSyncLog({
          operationType: "official_website_redirect_to_yamato_tracking_completed",
          message: `Redirected to redirect_to_japan_post_tracking: ${targetUrl}`,
          success: true,
          jobId: input.jobId,
          taskId: input.taskId,
          details: { original_custom_id: job!.customId, redirected_url: targetUrl, reason: "single_row_result" },
        }, db);
        // The export is handled: its outcome is the redirect, so a repeat delivery is already_processed.
        await writeSyncLog({
          operationType: "webscraper_tracking",
          message: `Tracking redirected for job ${input.jobId}`,
          success: true,
          jobId: input.jobId,
          taskId: input.taskId,
          details: { ...baseDetails, result: { status: "redirected", original_custom_id: job!.customId, redirected_url: targetUrl } },
        }, db);
        return {
          status: "redirect_pending",
          job_id: input.jobId,
          source: input.source,
          batch_uuid: input.batchUuid,
          batch_id: batchId,
          export_sha256: exported.sha256,
          redirect: { trackingJobId: job!.id, originalCustomId: job!.customId, targetUrl },
        } as const;
      }

      const result = await tracker.run(parsed.rows, { db, upsert: input.upsert, job, now });
      if (result.status === "error") {
        trackerFailure = { errorType: "tracker_error", message: result.message };
        throw new RollBack({ status: "error", error_type: "tracker_error", message: result.message, job_id: input.jobId, source: input.source, batch_id: batchId });
      }
      if (!applied(result)) {
        const message = `Tracker returned False indicating failure: none of ${result.totalRows} rows matched or created an order`;
        trackerFailure = { errorType: "tracker_failed", message };
        throw new RollBack({ status: "error", error_type: "tracker_failed", message, job_id: input.jobId, source: input.source, batch_id: batchId });
      }
      const summary = summarizeForLog(result);
      if (input.dryRun) {
        throw new RollBack({ status: "dry_run", job_id: input.jobId, source: input.source, batch_id: batchId, export_sha256: exported.sha256, would_redirect: false, result: summary });
      }
      if (job) await transitionJob(db, job.id, "processed");
      await writeSyncLog({
        operationType: "webscraper_tracking",
        message: `Tracking completed for job ${input.jobId}`,
        success: true,
        jobId: input.jobId,
        taskId: input.taskId,
        details: { ...baseDetails, result: summary as unknown as Prisma.InputJsonObject },
      }, db);
      return { status: "success", job_id: input.jobId, source: input.source, batch_uuid: input.batchUuid, batch_id: batchId, export_sha256: exported.sha256, result: summary } as const;
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    const failure = trackerFailure as { errorType: "tracker_error" | "tracker_failed"; message: string } | null;
    if (failure) return recordProcessingFailure(input, { ...failure, exportSha256: exported.sha256 });
    return error.outcome;
  }
}

function applied(result: TrackerSuccess): boolean {
  return result.created + result.updated > 0;
}
