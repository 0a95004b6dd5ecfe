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
//
// Issue 7: a run resumed after a crash first looks for the outcome it already
// recorded (its run id on the SyncLog) and returns it, so an applied export is
// neither downloaded nor logged again. Rows that cannot be read are reported
// by line and the rest applied (`partial`). A scraping job WebScraper reports
// as failed or stopped fails its TrackingJob with that status; rows its export
// has are applied as a partial result, marked so in the failure SyncLog.
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
import { findBatchId, matchTrackingJob } from "./find-tracking-job";
import { parseTrackingCsv, type BadCsvRow, type ParsedExport } from "./parse-tracking-csv";
import { scraperFailed, type ProcessJobInput } from "./process-input";
import { recordProcessingFailure, type FailureOutcome } from "./record-processing-failure";
import { MAX_LOGGED_ROWS, summarizeForLog, type TrackerLogSummary } from "./summarize-for-log";
import { writeSyncLog } from "@/lib/sync-logs/write-sync-log";

export const REDIRECT_SOURCE = "official_website_redirect_to_yamato_tracking";

export interface RedirectRequest {
  trackingJobId: number;
  originalCustomId: string;
  targetUrl: string | null;
}

export type ApplyOutcome =
  | { status: "success"; job_id: string; source: string; batch_uuid: string | null; batch_id: number | null; export_sha256: string; result: TrackerLogSummary }
  /** Applied, but some rows of the export could not be read (each listed with its line). */
  | { status: "partial"; job_id: string; source: string; batch_uuid: string | null; batch_id: number | null; export_sha256: string; result: TrackerLogSummary; bad_rows: BadCsvRow[] }
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

/** A success, or a failed scraping job's export applied as a partial result (details.applied), claims the export. */
export async function isAlreadyProcessed(db: TrackingDb, jobId: string, sha256: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "SyncLog"
    WHERE "operationType" = 'webscraper_tracking' AND "jobId" = ${jobId}
      AND ("success" = true OR "details"->>'applied' = 'true')
      AND "details"->>'export_sha256' = ${sha256}
    LIMIT 1`;
  return rows.length > 0;
}

function boundedBadRows(badRows: BadCsvRow[]) {
  return { bad_rows: badRows.slice(0, MAX_LOGGED_ROWS).map((r) => ({ ...r })), bad_rows_truncated: badRows.length > MAX_LOGGED_ROWS };
}

interface LoggedDetails {
  status?: string;
  error_type?: TrackingError["type"];
  message?: string;
  export_sha256?: string | null;
  result?: (TrackerLogSummary & { status?: undefined }) | { status: "redirected"; redirected_url: string | null };
  partial_result?: TrackerLogSummary | null;
  bad_rows?: BadCsvRow[];
  scraper_status?: string | null;
}

/**
 * What this run already recorded for this job, if anything: the engine re-runs a
 * step whose result it did not save before a crash, and the step's work (the
 * tracker's writes and the SyncLog, one transaction) may already be committed.
 */
export async function findRecordedOutcome(input: ProcessJobInput, tx?: TrackingDb): Promise<ApplyOutcome | null> {
  if (!input.taskId || input.dryRun) return null;
  return inTransaction(tx, async (db) => {
    const log = await db.syncLog.findFirst({
      where: { operationType: "webscraper_tracking", jobId: input.jobId, taskId: input.taskId },
      orderBy: { id: "desc" },
    });
    if (!log) return null;
    const details = log.details as LoggedDetails;
    const { job } = await matchTrackingJob(db, input);
    const batchId = await findBatchId(db, job, input.batchUuid);
    const sha = details.export_sha256 ?? "";
    if (!log.success) {
      return {
        status: "error",
        error_type: details.error_type ?? "processing_error",
        message: details.message ?? log.message,
        job_id: input.jobId,
        source: input.source,
        batch_id: batchId,
        ...(details.scraper_status ? { scraper_status: details.scraper_status } : {}),
        ...(details.partial_result ? { partial_result: details.partial_result } : {}),
      };
    }
    const result = details.result;
    if (result?.status === "redirected") {
      if (!job) return { status: "already_processed", job_id: input.jobId, batch_id: batchId, export_sha256: sha };
      return {
        status: "redirect_pending",
        job_id: input.jobId,
        source: input.source,
        batch_uuid: input.batchUuid,
        batch_id: batchId,
        export_sha256: sha,
        redirect: { trackingJobId: job.id, originalCustomId: job.customId, targetUrl: result.redirected_url },
      };
    }
    const summary = result as TrackerLogSummary;
    if (details.status === "partial") {
      return { status: "partial", job_id: input.jobId, source: input.source, batch_uuid: input.batchUuid, batch_id: batchId, export_sha256: sha, result: summary, bad_rows: details.bad_rows ?? [] };
    }
    return { status: "success", job_id: input.jobId, source: input.source, batch_uuid: input.batchUuid, batch_id: batchId, export_sha256: sha, result: summary };
  });
}

/** §5.4.1 detection: an owryt export of exactly one data row means the order ships by Japan Post. */
export function shouldRedirect(source: string, parsed: ParsedExport, job: TrackingJob | null): boolean {
  return source === REDIRECT_SOURCE && parsed.rows.length === 1 && parsed.badRows.length === 0 && !!job && job.status !== "redirected";
}

export async function applyWebscraperExport(input: ProcessJobInput, deps: { client: WebScraperClient; now?: Date }): Promise<ApplyOutcome> {
  let tracker;
  try {
    tracker = getTracker(input.source);
  } catch (error) {
    if (error instanceof TrackingError) return recordProcessingFailure(input, { errorType: error.type, message: error.message });
    throw error;
  }

  const before = await inTransaction(undefined, async (db) => ({
    recorded: await findRecordedOutcome(input, db),
    match: await matchTrackingJob(db, input),
  }));
  if (before.recorded) return before.recorded;
  const match = before.match;
  if (match.refused !== null) return recordProcessingFailure(input, { errorType: "job_mismatch", message: match.refused });

  const failedRun = scraperFailed(input);
  const failedRunMessage = `WebScraper reported the scraping job ${input.scraperStatus}`;
  let exported;
  try {
    exported = await downloadExport(deps.client, input.jobId);
  } catch (error) {
    // A failed or stopped job may have no export at all: its failure is the outcome, not a retry.
    if (!failedRun) throw error;
    return recordProcessingFailure(input, { errorType: "scraper_failed", message: `${failedRunMessage}; no export could be read (${(error as Error).message})` });
  }

  let parsed: ParsedExport;
  try {
    parsed = parseTrackingCsv(exported.content);
  } catch (error) {
    if (failedRun) {
      const why = error instanceof TrackingError ? `${error.type}: ${error.message}` : String(error);
      return recordProcessingFailure(input, { errorType: "scraper_failed", message: `${failedRunMessage}; its export has no usable rows (${why})`, exportSha256: exported.sha256 });
    }
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
  let trackerFailure: { errorType: "tracker_error" | "tracker_failed" | "scraper_failed" | "job_mismatch"; message: string } | null = null;
  try {
    return await inTransaction(undefined, async (db) => {
      await lockJob(db, input.jobId);
      const rematch = await matchTrackingJob(db, input);
      if (rematch.refused !== null) {
        trackerFailure = { errorType: "job_mismatch", message: rematch.refused };
        throw new RollBack({ status: "error", error_type: "job_mismatch", message: rematch.refused, job_id: input.jobId, source: input.source, batch_id: null });
      }
      const job = rematch.job;
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
        ...(input.scraperStatus ? { scraper_status: input.scraperStatus } : {}),
      };

      if (!failedRun && shouldRedirect(input.source, parsed, job)) {
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
      if (failedRun && (result.status === "error" || !applied(result))) {
        const why = result.status === "error" ? result.message : `none of ${result.totalRows} rows matched or created an order`;
        trackerFailure = { errorType: "scraper_failed", message: `${failedRunMessage}; nothing of its export was applied (${why})` };
        throw new RollBack({ status: "error", error_type: "scraper_failed", message: why, job_id: input.jobId, source: input.source, batch_id: batchId });
      }
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
      const bad = parsed.badRows.length > 0 ? boundedBadRows(parsed.badRows) : {};
      if (failedRun) {
        // Applied in this transaction: the failure log says so (details.applied claims the export for dedupe).
        const message = `${failedRunMessage}; ${summary.created + summary.updated} of ${parsed.rows.length} rows of its export applied as a partial result`;
        if (job) {
          await transitionJob(db, job.id, "failed", `scraper_failed: ${message}`);
          await db.trackingJob.update({ where: { id: job.id }, data: { scraperStatus: input.scraperStatus } });
        }
        await writeSyncLog({
          operationType: "webscraper_tracking",
          message: `Tracking failed for job ${input.jobId}: scraper_failed: ${message}`,
          success: false,
          jobId: input.jobId,
          taskId: input.taskId,
          details: {
            ...baseDetails,
            error_type: "scraper_failed",
            message,
            applied: true,
            partial_result: summary as unknown as Prisma.InputJsonObject,
            ...bad,
          },
        }, db);
        return { status: "error", error_type: "scraper_failed", message, job_id: input.jobId, source: input.source, batch_id: batchId, scraper_status: input.scraperStatus, partial_result: summary } as const;
      }
      if (job) {
        await transitionJob(db, job.id, "processed");
        if (input.scraperStatus) await db.trackingJob.update({ where: { id: job.id }, data: { scraperStatus: input.scraperStatus } });
      }
      const partial = parsed.badRows.length > 0;
      await writeSyncLog({
        operationType: "webscraper_tracking",
        message: partial
          ? `Tracking partially completed for job ${input.jobId}: ${parsed.badRows.length} unreadable row(s) skipped`
          : `Tracking completed for job ${input.jobId}`,
        success: true,
        jobId: input.jobId,
        taskId: input.taskId,
        details: { ...baseDetails, status: partial ? "partial" : "success", result: summary as unknown as Prisma.InputJsonObject, ...bad },
      }, db);
      if (partial) {
        return { status: "partial", job_id: input.jobId, source: input.source, batch_uuid: input.batchUuid, batch_id: batchId, export_sha256: exported.sha256, result: summary, bad_rows: parsed.badRows } as const;
      }
      return { status: "success", job_id: input.jobId, source: input.source, batch_uuid: input.batchUuid, batch_id: batchId, export_sha256: exported.sha256, result: summary } as const;
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    const failure = trackerFailure as { errorType: "tracker_error" | "tracker_failed" | "scraper_failed" | "job_mismatch"; message: string } | null;
    if (failure) {
      const bad = parsed.badRows.length > 0 ? boundedBadRows(parsed.badRows) : undefined;
      return recordProcessingFailure(input, { ...failure, exportSha256: exported.sha256, extraDetails: bad });
    }
    return error.outcome;
  }
}

function applied(result: TrackerSuccess): boolean {
  return result.created + result.updated > 0;
}
