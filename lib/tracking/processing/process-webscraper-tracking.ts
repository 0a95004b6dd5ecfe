// The whole of seed 000 阶段五 for one notification, stage after stage: the
// Inngest function runs the same stages, each in its own step. Results follow
// the seed's task return: success / already_processed / error with error_type,
// plus redirected / redirected_failed for the smart redirect.
import type { WebScraperClient } from "@/lib/webscraper/types";
import { refreshBatchProgress } from "../batches/refresh-batch-progress";
import { requireDispatcher, type PublishDispatcher } from "../publishing/dispatch-publish-jobs";
import { queueJapanPostRedirect, redirectPublishJobs, type RedirectOutcome } from "../redirect/queue-japan-post-redirect";
import { applyWebscraperExport, type ApplyOutcome } from "./apply-webscraper-export";
import type { ProcessJobInput } from "./process-input";

export type ProcessResult =
  | { status: "success"; task_id: string | null; source: string; job_id: string; batch_uuid: string | null; result: unknown }
  | {
      status: "partial";
      task_id: string | null;
      source: string;
      job_id: string;
      batch_uuid: string | null;
      result: unknown;
      bad_rows: { line: number; reason: string }[];
    }
  | { status: "already_processed"; job_id: string }
  | { status: "dry_run"; job_id: string; source: string; would_redirect: boolean; result: unknown }
  | ({ job_id: string; source: string; task_id: string | null } & RedirectOutcome)
  | {
      status: "error";
      error_type: string;
      message: string;
      job_id: string;
      source: string;
      scraper_status?: string | null;
      partial_result?: unknown;
    };

export function toProcessResult(input: ProcessJobInput, applied: ApplyOutcome, redirect: RedirectOutcome | null): ProcessResult {
  switch (applied.status) {
    case "success":
      return {
        status: "success",
        task_id: input.taskId,
        source: applied.source,
        job_id: applied.job_id,
        batch_uuid: applied.batch_uuid,
        result: applied.result,
      };
    case "partial":
      return {
        status: "partial",
        task_id: input.taskId,
        source: applied.source,
        job_id: applied.job_id,
        batch_uuid: applied.batch_uuid,
        result: applied.result,
        bad_rows: applied.bad_rows,
      };
    case "already_processed":
      return { status: "already_processed", job_id: applied.job_id };
    case "dry_run":
      return {
        status: "dry_run",
        job_id: applied.job_id,
        source: applied.source,
        would_redirect: applied.would_redirect,
        result: applied.result,
      };
    case "redirect_pending":
      return { job_id: applied.job_id, source: applied.source, task_id: input.taskId, ...redirect! };
    case "error":
      return {
        status: "error",
        error_type: applied.error_type,
        message: applied.message,
        job_id: applied.job_id,
        source: applied.source,
        ...(applied.scraper_status ? { scraper_status: applied.scraper_status } : {}),
        ...(applied.partial_result ? { partial_result: applied.partial_result } : {}),
      };
  }
}

export interface ProcessDeps {
  client: WebScraperClient;
  now?: Date;
  /** Where the redirect's Japan Post job goes to be published (needed only when a redirect is queued). */
  dispatch?: PublishDispatcher;
}

export async function processWebscraperTracking(input: ProcessJobInput, deps: ProcessDeps): Promise<ProcessResult> {
  const applied = await applyWebscraperExport(input, deps);
  let redirect: RedirectOutcome | null = null;
  if (applied.status === "redirect_pending") {
    redirect = await queueJapanPostRedirect({
      trackingJobId: applied.redirect.trackingJobId,
      targetUrl: applied.redirect.targetUrl,
      jobId: input.jobId,
      taskId: input.taskId,
    });
    const jobs = redirectPublishJobs(redirect);
    if (jobs.length > 0) await requireDispatcher(deps.dispatch, "processWebscraperTracking")(jobs);
  }
  if (applied.batch_id !== null && applied.status !== "dry_run") await refreshBatchProgress(applied.batch_id);
  return toProcessResult(input, applied, redirect);
}
