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
import { TrackingError, type TrackingErrorType } from "../errors";
import { inTransaction, type Tracker } from "../trackers/define-tracker";
import { readField } from "../trackers/read-tracking-row";
import { findTracker, unknownTrackerError } from "../trackers/registry";
import type { TrackerResult, TrackerSuccess } from "../trackers/tracker-result";
import { downloadExport, type DownloadedExport } from "./download-export";
import { batchUuidOf, findBatchId, matchTrackingJob } from "./find-tracking-job";
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
  | {
      status: "success";
      job_id: string;
      source: string;
      batch_uuid: string | null;
      batch_id: number | null;
      export_sha256: string;
      result: TrackerLogSummary;
    }
  /** Applied, but some rows of the export could not be read (each listed with its line). */
  | {
      status: "partial";
      job_id: string;
      source: string;
      batch_uuid: string | null;
      batch_id: number | null;
      export_sha256: string;
      result: TrackerLogSummary;
      bad_rows: BadCsvRow[];
    }
  | { status: "already_processed"; job_id: string; batch_id: number | null; export_sha256: string }
  | {
      status: "dry_run";
      job_id: string;
      source: string;
      batch_id: number | null;
      export_sha256: string;
      would_redirect: boolean;
      result: TrackerLogSummary | null;
    }
  | {
      status: "redirect_pending";
      job_id: string;
      source: string;
      batch_uuid: string | null;
      batch_id: number | null;
      export_sha256: string;
      redirect: RedirectRequest;
    }
  | FailureOutcome;

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
      return {
        status: "partial",
        job_id: input.jobId,
        source: input.source,
        batch_uuid: input.batchUuid,
        batch_id: batchId,
        export_sha256: sha,
        result: summary,
        bad_rows: details.bad_rows ?? [],
      };
    }
    return {
      status: "success",
      job_id: input.jobId,
      source: input.source,
      batch_uuid: input.batchUuid,
      batch_id: batchId,
      export_sha256: sha,
      result: summary,
    };
  });
}

/** §5.4.1 detection: an owryt export of exactly one data row means the order ships by Japan Post. */
export function shouldRedirect(source: string, parsed: ParsedExport, job: TrackingJob | null): job is TrackingJob {
  return source === REDIRECT_SOURCE && parsed.rows.length === 1 && parsed.badRows.length === 0 && !!job && job.status !== "redirected";
}

/** A failure to log (SyncLog success=false) and fail the job with, outside the rolled-back transaction. */
type ProcessingFailure = Parameters<typeof recordProcessingFailure>[1];

/**
 * How the apply transaction ends: its writes kept, or undone (a dry run reports
 * what would change; a failure is then logged in a transaction of its own).
 */
type ApplyStep =
  { commit: true; outcome: ApplyOutcome } | { commit: false; outcome: ApplyOutcome } | { commit: false; failure: ProcessingFailure };

const commit = (outcome: ApplyOutcome): ApplyStep => ({ commit: true, outcome });
const undo = (outcome: ApplyOutcome): ApplyStep => ({ commit: false, outcome });
const fail = (failure: ProcessingFailure): ApplyStep => ({ commit: false, failure });

/** What the steps inside the transaction share. */
interface ApplyContext {
  db: TrackingDb;
  input: ProcessJobInput;
  tracker: Tracker;
  exported: DownloadedExport;
  parsed: ParsedExport;
  job: TrackingJob | null;
  batchId: number | null;
  now: Date;
  /** WebScraper reported the scraping job failed or stopped. */
  failedRun: boolean;
}

/** A dry run's report: what the export would have done, all writes undone. */
function dryRunOutcome(ctx: ApplyContext, would: { would_redirect: boolean; result: TrackerLogSummary | null }): ApplyOutcome {
  return {
    status: "dry_run",
    job_id: ctx.input.jobId,
    source: ctx.input.source,
    batch_id: ctx.batchId,
    export_sha256: ctx.exported.sha256,
    ...would,
  };
}

/**
 * The steps: find the tracker; match the job (and so the batch, when the webhook
 * named none); return what a resumed run already recorded, or refuse a job id
 * that is another job's; download and parse the export; then,
 * in one transaction under the job's lock, redirect or run the tracker and log
 * the outcome. Every failure is logged once, after the transaction rolled back.
 */
export async function applyWebscraperExport(
  notified: ProcessJobInput,
  deps: { client: WebScraperClient; now?: Date },
): Promise<ApplyOutcome> {
  const tracker = findTracker(notified.source);
  if (!tracker) {
    const error = unknownTrackerError(notified.source);
    return recordProcessingFailure(notified, { errorType: error.type, message: error.message });
  }

  const before = await inTransaction(undefined, async (db) => {
    const match = await matchTrackingJob(db, notified);
    const input = { ...notified, batchUuid: await batchUuidOf(db, match.job, notified.batchUuid) };
    return { input, match, recorded: await findRecordedOutcome(input, db) };
  });
  const { input } = before;
  if (before.recorded) return before.recorded;
  if (before.match.refused !== null) return recordProcessingFailure(input, { errorType: "job_mismatch", message: before.match.refused });

  const loaded = await loadExport(input, deps.client);
  if ("failure" in loaded) return recordProcessingFailure(input, loaded.failure);
  const { exported, parsed } = loaded;

  const now = deps.now ?? new Date();
  const step = await inTransactionKeptOnCommit((db) => applyInTransaction({ db, input, tracker, exported, parsed, now }));
  if ("outcome" in step) return step.outcome;
  return recordProcessingFailure(input, { ...step.failure, exportSha256: exported.sha256, extraDetails: badRowDetails(parsed) });
}

/**
 * Runs `work` in one transaction that is committed only when the step says so.
 * Prisma rolls an interactive transaction back only when its callback throws,
 * so an undone step leaves it as a private exception, caught right here.
 */
async function inTransactionKeptOnCommit(work: (db: TrackingDb) => Promise<ApplyStep>): Promise<ApplyStep> {
  class Undo extends Error {
    constructor(readonly step: ApplyStep) {
      super("rolled back");
    }
  }
  try {
    return await inTransaction(undefined, async (db) => {
      const step = await work(db);
      if (!step.commit) throw new Undo(step);
      return step;
    });
  } catch (error) {
    if (error instanceof Undo) return error.step;
    throw error;
  }
}

function failedRunMessage(input: ProcessJobInput): string {
  return `WebScraper reported the scraping job ${input.scraperStatus}`;
}

/** §5.3 download and §5.4 parse. A download failure is retried unless the scraping job itself failed. */
async function loadExport(
  input: ProcessJobInput,
  client: WebScraperClient,
): Promise<{ exported: DownloadedExport; parsed: ParsedExport } | { failure: ProcessingFailure }> {
  let exported: DownloadedExport;
  try {
    exported = await downloadExport(client, input.jobId);
  } catch (error) {
    // A failed or stopped job may have no export at all: its failure is the outcome, not a retry.
    if (!scraperFailed(input)) throw error;
    return {
      failure: {
        errorType: "scraper_failed",
        message: `${failedRunMessage(input)}; no export could be read (${(error as Error).message})`,
      },
    };
  }
  try {
    return { exported, parsed: parseTrackingCsv(exported.content) };
  } catch (error) {
    return { failure: { ...parseFailure(input, error), exportSha256: exported.sha256 } };
  }
}

function parseFailure(input: ProcessJobInput, error: unknown): { errorType: TrackingErrorType; message: string } {
  if (scraperFailed(input)) {
    const why = error instanceof TrackingError ? `${error.type}: ${error.message}` : String(error);
    return { errorType: "scraper_failed", message: `${failedRunMessage(input)}; its export has no usable rows (${why})` };
  }
  if (error instanceof TrackingError) return { errorType: error.type, message: error.message };
  return { errorType: "dataframe_error", message: error instanceof Error ? error.message : String(error) };
}

/**
 * Under the job's lock: match the job again (it may have changed since the
 * first look), skip an export already applied, then redirect or run the tracker.
 */
async function applyInTransaction(start: Omit<ApplyContext, "job" | "batchId" | "failedRun">): Promise<ApplyStep> {
  const { db, input, exported, parsed } = start;
  await lockJob(db, input.jobId);
  const match = await matchTrackingJob(db, input);
  if (match.refused !== null) return fail({ errorType: "job_mismatch", message: match.refused });
  const batchId = await findBatchId(db, match.job, input.batchUuid);
  if (input.dedupe && !input.dryRun && (await isAlreadyProcessed(db, input.jobId, exported.sha256))) {
    return commit({ status: "already_processed", job_id: input.jobId, batch_id: batchId, export_sha256: exported.sha256 });
  }
  const ctx: ApplyContext = { ...start, job: match.job, batchId, failedRun: scraperFailed(input) };
  if (!ctx.failedRun && shouldRedirect(input.source, parsed, match.job)) return redirectToJapanPost(ctx, match.job);
  return runTrackerOnExport(ctx);
}

/** §5.4.1: the job becomes redirected; the Japan Post job is queued after the commit (redirect_pending). */
async function redirectToJapanPost(ctx: ApplyContext, job: TrackingJob): Promise<ApplyStep> {
  const { db, input, exported, batchId } = ctx;
  const targetUrl = readField(ctx.parsed.rows[0], "web_start_url", "web-scraper-start-url");
  if (input.dryRun) return undo(dryRunOutcome(ctx, { would_redirect: true, result: null }));
  await transitionJob(db, job.id, "redirected");
  await writeSyncLog(
    {
      operationType: "official_website_redirect_to_yamato_tracking_completed",
      message: `Redirected to redirect_to_japan_post_tracking: ${targetUrl}`,
      success: true,
      jobId: input.jobId,
      taskId: input.taskId,
      details: { original_custom_id: job.customId, redirected_url: targetUrl, reason: "single_row_result" },
    },
    db,
  );
  // The export is handled: its outcome is the redirect, so a repeat delivery is already_processed.
  await writeTrackingLog(ctx, {
    success: true,
    message: `Tracking redirected for job ${input.jobId}`,
    details: { result: { status: "redirected", original_custom_id: job.customId, redirected_url: targetUrl } },
  });
  return commit({
    status: "redirect_pending",
    job_id: input.jobId,
    source: input.source,
    batch_uuid: input.batchUuid,
    batch_id: batchId,
    export_sha256: exported.sha256,
    redirect: { trackingJobId: job.id, originalCustomId: job.customId, targetUrl },
  });
}

/** §5.5–§5.8: the tracker's writes, kept only when it applied something (and not a dry run). */
async function runTrackerOnExport(ctx: ApplyContext): Promise<ApplyStep> {
  const { db, input, job } = ctx;
  const result = await ctx.tracker.run(ctx.parsed.rows, { db, upsert: input.upsert, job, now: ctx.now });
  if (result.status === "error" || !applied(result)) return fail(nothingAppliedFailure(ctx, result));
  const summary = summarizeForLog(result);
  if (input.dryRun) return undo(dryRunOutcome(ctx, { would_redirect: false, result: summary }));
  return commit(ctx.failedRun ? await recordFailedRunPartialResult(ctx, summary) : await recordApplied(ctx, summary));
}

/** Why a tracker that applied nothing failed: its error, no matching row, or the scraping job's own failure. */
function nothingAppliedFailure(ctx: ApplyContext, result: TrackerResult): ProcessingFailure {
  if (ctx.failedRun) {
    const why = result.status === "error" ? result.message : `none of ${result.totalRows} rows matched or created an order`;
    return { errorType: "scraper_failed", message: `${failedRunMessage(ctx.input)}; nothing of its export was applied (${why})` };
  }
  if (result.status === "error") return { errorType: "tracker_error", message: result.message };
  return {
    errorType: "tracker_failed",
    message: `Tracker returned False indicating failure: none of ${result.totalRows} rows matched or created an order`,
  };
}

/** A failed or stopped scraping job whose rows were applied: the job fails, the failure log says what was applied (details.applied claims the export for dedupe). */
async function recordFailedRunPartialResult(ctx: ApplyContext, summary: TrackerLogSummary): Promise<ApplyOutcome> {
  const { db, input, job, batchId } = ctx;
  const message = `${failedRunMessage(input)}; ${summary.created + summary.updated} of ${ctx.parsed.rows.length} rows of its export applied as a partial result`;
  if (job) {
    await transitionJob(db, job.id, "failed", `scraper_failed: ${message}`);
    await db.trackingJob.update({ where: { id: job.id }, data: { scraperStatus: input.scraperStatus } });
  }
  await writeTrackingLog(ctx, {
    success: false,
    message: `Tracking failed for job ${input.jobId}: scraper_failed: ${message}`,
    details: {
      error_type: "scraper_failed",
      message,
      applied: true,
      partial_result: summary as unknown as Prisma.InputJsonObject,
      ...badRowDetails(ctx.parsed),
    },
  });
  return {
    status: "error",
    error_type: "scraper_failed",
    message,
    job_id: input.jobId,
    source: input.source,
    batch_id: batchId,
    scraper_status: input.scraperStatus,
    partial_result: summary,
  };
}

/** The export applied: the job is processed; rows that could not be read make it partial. */
async function recordApplied(ctx: ApplyContext, summary: TrackerLogSummary): Promise<ApplyOutcome> {
  const { db, input, exported, job, batchId, parsed } = ctx;
  if (job) {
    await transitionJob(db, job.id, "processed");
    if (input.scraperStatus) await db.trackingJob.update({ where: { id: job.id }, data: { scraperStatus: input.scraperStatus } });
  }
  const partial = parsed.badRows.length > 0;
  await writeTrackingLog(ctx, {
    success: true,
    message: partial
      ? `Tracking partially completed for job ${input.jobId}: ${parsed.badRows.length} unreadable row(s) skipped`
      : `Tracking completed for job ${input.jobId}`,
    details: { status: partial ? "partial" : "success", result: summary as unknown as Prisma.InputJsonObject, ...badRowDetails(parsed) },
  });
  const base = {
    job_id: input.jobId,
    source: input.source,
    batch_uuid: input.batchUuid,
    batch_id: batchId,
    export_sha256: exported.sha256,
    result: summary,
  };
  return partial ? { status: "partial", ...base, bad_rows: parsed.badRows } : { status: "success", ...base };
}

/** The export's webscraper_tracking SyncLog (seed 000 §5.7): the job's identity, the export's hash, then what happened. */
async function writeTrackingLog(
  ctx: ApplyContext,
  entry: { success: boolean; message: string; details: Prisma.InputJsonObject },
): Promise<void> {
  const { input, job, exported } = ctx;
  await writeSyncLog(
    {
      operationType: "webscraper_tracking",
      message: entry.message,
      success: entry.success,
      jobId: input.jobId,
      taskId: input.taskId,
      details: {
        job_id: input.jobId,
        source: input.source,
        batch_uuid: input.batchUuid,
        custom_id: input.customId ?? job?.customId ?? null,
        export_sha256: exported.sha256,
        ...(input.scraperStatus ? { scraper_status: input.scraperStatus } : {}),
        ...entry.details,
      },
    },
    ctx.db,
  );
}

/** The unreadable rows for a SyncLog's details, at most MAX_LOGGED_ROWS of them; nothing for a clean export. */
function badRowDetails(parsed: ParsedExport) {
  if (parsed.badRows.length === 0) return undefined;
  return {
    bad_rows: parsed.badRows.slice(0, MAX_LOGGED_ROWS).map((r) => ({ ...r })),
    bad_rows_truncated: parsed.badRows.length > MAX_LOGGED_ROWS,
  };
}

function applied(result: TrackerSuccess): boolean {
  return result.created + result.updated > 0;
}
