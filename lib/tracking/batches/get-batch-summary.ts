// Seed 000 get_batch_summary(batch): counts computed from the jobs themselves
// (the redirect rule included), failed jobs with their errors, and how long
// the batch has run (until completedAt, or until now while unfinished).
import { batchShortId } from "../publishing/custom-id";
import type { TrackingBatch, TrackingJob } from "@/lib/db/client";
import { originalCustomIdOf } from "../redirect/redirect-custom-id";
import { computeBatchCompletion } from "./compute-batch-completion";

export interface BatchSummary {
  batch_uuid: string;
  file_path: string;
  task_name: string;
  status: string;
  total_jobs: number;
  completed_jobs: number;
  failed_jobs: number;
  pending_jobs: number;
  redirected_jobs: number;
  completion_percentage: number;
  failed_job_errors: { custom_id: string; error_message: string | null }[];
  duration_seconds: number;
  created_at: string;
  completed_at: string | null;
}

export function getBatchSummary(batch: TrackingBatch & { jobs: TrackingJob[] }, now = new Date()): BatchSummary {
  const completion = computeBatchCompletion(batch.totalJobs, batch.jobs);
  const failed = batch.jobs.filter((j) => j.status === "failed" || (j.status === "redirected" && j.errorMessage));
  const end = batch.completedAt ?? now;
  return {
    batch_uuid: batch.batchUuid,
    file_path: batch.filePath,
    task_name: batch.taskName,
    status: completion.status,
    total_jobs: completion.totalJobs,
    completed_jobs: completion.completedJobs,
    failed_jobs: completion.failedJobs,
    pending_jobs: completion.pendingJobs,
    redirected_jobs: completion.redirectedJobs,
    completion_percentage: completion.completionPercentage,
    failed_job_errors: failed.map((j) => ({ custom_id: j.customId, error_message: j.errorMessage })),
    duration_seconds: Math.max(0, Math.round((end.getTime() - batch.createdAt.getTime()) / 1000)),
    created_at: batch.createdAt.toISOString(),
    completed_at: batch.completedAt?.toISOString() ?? null,
  };
}

/** A job as the API shows it, with the redirect pair linked both ways. */
export function serializeJobWithLinks(job: TrackingJob, jobs: TrackingJob[]) {
  const parent = originalCustomIdOf(job.customId);
  const followUp = jobs.find((j) => originalCustomIdOf(j.customId) === job.customId);
  return {
    custom_id: job.customId,
    job_id: job.jobId,
    target_url: job.targetUrl,
    index: job.index,
    status: job.status,
    error_message: job.errorMessage,
    scraper_status: job.scraperStatus,
    publish_requeues: job.publishRequeues,
    published_at: job.publishedAt?.toISOString() ?? null,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
    redirected_from: parent && jobs.some((j) => j.customId === parent) ? parent : null,
    redirected_to: followUp?.customId ?? null,
  };
}

export function serializeBatch(batch: TrackingBatch) {
  return {
    batch_uuid: batch.batchUuid,
    short_id: batchShortId(batch.batchUuid),
    file_path: batch.filePath,
    task_name: batch.taskName,
    total_jobs: batch.totalJobs,
    completed_jobs: batch.completedJobs,
    failed_jobs: batch.failedJobs,
    pending_jobs: Math.max(0, batch.totalJobs - batch.completedJobs - batch.failedJobs),
    completion_percentage: batch.totalJobs > 0 ? Math.round((batch.completedJobs / batch.totalJobs) * 10000) / 100 : 0,
    status: batch.status,
    created_at: batch.createdAt.toISOString(),
    updated_at: batch.updatedAt.toISOString(),
    completed_at: batch.completedAt?.toISOString() ?? null,
  };
}
