// Seed 000 §5.4.1 steps 4–6: the Japan Post job of a redirected owryt job is
// recorded in the same batch (same index) as a pending TrackingJob and handed
// to the publisher like any other job. The seed calls the WebScraper API right
// here; doing so would bypass the publisher's throttle (150 jobs / 15 min), its
// crash recovery and its failure accounting, so this only queues the job and
// the caller sends the `tracking/job.publish` event.
// At most one per job: the redirect itself was claimed once (the job's status),
// and an existing follow-up TrackingJob is reused.
import { prisma } from "@/lib/db/client";
import type { PublishTrackingJobEventData } from "../publishing/events";
import { writeSyncLog } from "@/lib/sync-logs/write-sync-log";
import { redirectCustomId } from "./redirect-custom-id";

export type RedirectOutcome =
  | {
      status: "redirected";
      original_custom_id: string;
      new_custom_id: string;
      /** Null until the publisher has published the follow-up job. */
      new_job_id: string | null;
      target_url: string;
      batch_uuid: string;
      reused: boolean;
      /** False when the follow-up was already published or settled: no publish event is needed. */
      needs_publish: boolean;
    }
  | { status: "redirected_failed"; original_custom_id: string; new_custom_id: string; target_url: string | null; error: string };

/** The publish event data a redirect outcome calls for (none, or the follow-up job). */
export function redirectPublishJobs(outcome: RedirectOutcome | null): PublishTrackingJobEventData[] {
  if (!outcome || outcome.status !== "redirected" || !outcome.needs_publish) return [];
  return [{ batchUuid: outcome.batch_uuid, customId: outcome.new_custom_id }];
}

export async function queueJapanPostRedirect(input: {
  trackingJobId: number;
  targetUrl: string | null;
  jobId: string;
  taskId?: string | null;
}): Promise<RedirectOutcome> {
  const original = await prisma.trackingJob.findUniqueOrThrow({
    where: { id: input.trackingJobId },
    select: { id: true, batchId: true, customId: true, index: true, batch: { select: { batchUuid: true } } },
  });
  const newCustomId = redirectCustomId(original.customId);
  const batchUuid = original.batch.batchUuid;

  const reuse = async (): Promise<RedirectOutcome> => {
    const existing = await prisma.trackingJob.findUniqueOrThrow({
      where: { batchId_customId: { batchId: original.batchId, customId: newCustomId } },
      select: { jobId: true, status: true, targetUrl: true },
    });
    return {
      status: "redirected",
      original_custom_id: original.customId,
      new_custom_id: newCustomId,
      new_job_id: existing.jobId,
      target_url: existing.targetUrl,
      batch_uuid: batchUuid,
      reused: true,
      // A retried step may have queued the row and then lost the event: send it again
      // (its id dedupes it) unless the publisher has already dealt with the job.
      needs_publish: existing.jobId === null && existing.status === "pending",
    };
  };

  const existing = await prisma.trackingJob.findUnique({
    where: { batchId_customId: { batchId: original.batchId, customId: newCustomId } },
    select: { id: true },
  });
  if (existing) return reuse();

  if (!input.targetUrl) {
    const message = "the export has no web_start_url to redirect to";
    await prisma.$transaction(async (tx) => {
      await tx.trackingJob.update({ where: { id: original.id }, data: { errorMessage: `redirect failed: ${message}` } });
      await writeSyncLog(
        {
          operationType: "redirect_to_japan_post_tracking_failed",
          message: `Japan Post tracking could not be triggered for ${newCustomId}: ${message}`,
          success: false,
          jobId: input.jobId,
          taskId: input.taskId,
          details: { original_custom_id: original.customId, new_custom_id: newCustomId, target_url: input.targetUrl, error: message },
        },
        tx,
      );
    });
    return {
      status: "redirected_failed",
      original_custom_id: original.customId,
      new_custom_id: newCustomId,
      target_url: input.targetUrl,
      error: message,
    };
  }
  const targetUrl = input.targetUrl;

  const created = await prisma.$transaction(async (tx) => {
    const { count } = await tx.trackingJob.createMany({
      data: [{ batchId: original.batchId, jobId: null, customId: newCustomId, targetUrl, index: original.index, status: "pending" }],
      skipDuplicates: true,
    });
    // Another attempt queued it first and logged it: log once.
    if (count === 0) return false;
    await writeSyncLog(
      {
        operationType: "redirect_to_japan_post_tracking_triggered",
        message: `Japan Post tracking triggered for redirected job: ${newCustomId}`,
        success: true,
        jobId: input.jobId,
        taskId: input.taskId,
        // new_job_id is the seed's field, but the scraping job does not exist yet: the
        // publisher creates it (throttled) and its tracking_job_published log carries the id.
        details: { original_custom_id: original.customId, new_custom_id: newCustomId, new_job_id: null, target_url: targetUrl },
      },
      tx,
    );
    return true;
  });
  if (!created) return reuse();
  return {
    status: "redirected",
    original_custom_id: original.customId,
    new_custom_id: newCustomId,
    new_job_id: null,
    target_url: targetUrl,
    batch_uuid: batchUuid,
    reused: false,
    needs_publish: true,
  };
}
