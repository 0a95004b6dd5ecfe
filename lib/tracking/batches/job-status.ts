// TrackingJob state machine (seed 000 "任务状态说明"): pending → completed |
// failed | redirected. A redirected job stays redirected whatever its export
// later says (its Japan Post follow-up carries it); a job that failed may
// still complete when WebScraper's "Continue" re-run delivers good data, and
// a late failure never undoes a completion.
import type { TrackingJobStatus } from "@/lib/db/client";
import type { TrackingDb } from "../db";

export type JobEvent = "processed" | "failed" | "redirected";

export function nextJobStatus(current: TrackingJobStatus, event: JobEvent): TrackingJobStatus {
  if (current === "redirected") return "redirected";
  switch (event) {
    case "processed":
      return "completed";
    case "failed":
      return current === "completed" ? "completed" : "failed";
    case "redirected":
      return "redirected";
  }
}

/** Applies `event` to the job; returns the status it ends in. */
export async function transitionJob(
  db: TrackingDb,
  jobRowId: number,
  event: JobEvent,
  errorMessage?: string | null,
): Promise<TrackingJobStatus | null> {
  const job = await db.trackingJob.findUnique({ where: { id: jobRowId }, select: { status: true } });
  if (!job) return null;
  const status = nextJobStatus(job.status, event);
  const changed = status !== job.status;
  await db.trackingJob.update({
    where: { id: jobRowId },
    data: {
      status,
      // The error stays with the failure that caused it; a completion clears it.
      ...(event === "failed" && changed ? { errorMessage: errorMessage ?? "failed" } : {}),
      ...(status === "completed" ? { errorMessage: null } : {}),
    },
  });
  return status;
}
