// Seed 000 "重定向任务的完成度计算": a redirected job counts as completed only
// once its jpt-from-owryt-{custom_id} job has completed; the follow-up job
// itself is not counted (it lives in the same batch but is not one of the
// batch's totalJobs). A redirected job counts as failed when its follow-up
// failed (including the publisher failing to publish it, which fails the
// follow-up row), or when no follow-up could be queued (no follow-up, error
// recorded on the original): otherwise such a batch could never finish.
import type { TrackingBatchStatus, TrackingJobStatus } from "@/lib/db/client";
import { originalCustomIdOf, redirectCustomId } from "../redirect/redirect-custom-id";

export interface JobForCompletion {
  customId: string;
  status: TrackingJobStatus;
  errorMessage?: string | null;
}

export interface BatchCompletion {
  totalJobs: number;
  /** Direct completions plus redirected jobs whose follow-up completed. */
  completedJobs: number;
  failedJobs: number;
  pendingJobs: number;
  /** Redirected original jobs (whatever their follow-up's state). */
  redirectedJobs: number;
  completionPercentage: number;
  status: TrackingBatchStatus;
  isFinished: boolean;
}

export function computeBatchCompletion(totalJobs: number, jobs: JobForCompletion[]): BatchCompletion {
  const byCustomId = new Map(jobs.map((j) => [j.customId, j]));
  let completed = 0;
  let failed = 0;
  let redirected = 0;
  let originals = 0;
  for (const job of jobs) {
    const parent = originalCustomIdOf(job.customId);
    if (parent && byCustomId.has(parent)) continue;
    originals++;
    if (job.status === "completed") completed++;
    else if (job.status === "failed") failed++;
    else if (job.status === "redirected") {
      redirected++;
      const followUp = byCustomId.get(redirectCustomId(job.customId));
      if (followUp?.status === "completed") completed++;
      else if (followUp?.status === "failed" || (!followUp && job.errorMessage)) failed++;
    }
  }
  const total = Math.max(totalJobs, originals);
  const done = completed + failed;
  const isFinished = total > 0 && done >= total;
  const status: TrackingBatchStatus = isFinished ? (failed > 0 ? "partial" : "completed") : done > 0 ? "processing" : "pending";
  return {
    totalJobs: total,
    completedJobs: completed,
    failedJobs: failed,
    pendingJobs: Math.max(0, total - done),
    redirectedJobs: redirected,
    completionPercentage: total > 0 ? Math.round((completed / total) * 10000) / 100 : 0,
    status,
    isFinished,
  };
}
