// Seed 000 §5.4.1 steps 4–6: publish the Japan Post job of a redirected owryt
// job and record it in the same batch (same index). At most one per job: the
// redirect itself was claimed once (the job's status), an existing follow-up
// TrackingJob is reused, and a scraping job published by an attempt that
// crashed before recording it is found again by its custom id. When the API
// refuses, the original job stays redirected, the error is logged and the
// outcome is `redirected_failed` for monitoring (retryable API errors are
// retried first while attempts remain).
import { prisma } from "@/lib/db/client";
import { WebScraperApiError, type WebScraperClient } from "@/lib/webscraper/types";
import { getTrackerConfig } from "../tracker-configs";
import { writeTrackingSyncLog } from "../processing/write-tracking-sync-log";
import { redirectCustomId } from "./redirect-custom-id";

export type RedirectOutcome =
  | { status: "redirected"; original_custom_id: string; new_custom_id: string; new_job_id: string; target_url: string; reused: boolean }
  | { status: "redirected_failed"; original_custom_id: string; new_custom_id: string; target_url: string | null; error: string };

export async function publishJapanPostRedirect(
  input: { trackingJobId: number; targetUrl: string | null; jobId: string; taskId?: string | null },
  deps: { client: WebScraperClient; finalAttempt?: boolean; now?: Date },
): Promise<RedirectOutcome> {
  // Short transactions around the HTTP call, never across it (see apply-webscraper-export).
  const { original, existing } = await prisma.$transaction(async (tx) => {
    const original = await tx.trackingJob.findUniqueOrThrow({ where: { id: input.trackingJobId } });
    const existing = await tx.trackingJob.findUnique({
      where: { batchId_customId: { batchId: original.batchId, customId: redirectCustomId(original.customId) } },
    });
    return { original, existing };
  });
  const newCustomId = redirectCustomId(original.customId);
  const config = getTrackerConfig("redirect_to_japan_post_tracking");

  if (existing) {
    return { status: "redirected", original_custom_id: original.customId, new_custom_id: newCustomId, new_job_id: existing.jobId ?? "", target_url: existing.targetUrl, reused: true };
  }

  const fail = async (message: string): Promise<RedirectOutcome> => {
    await prisma.$transaction(async (tx) => {
      await tx.trackingJob.update({ where: { id: original.id }, data: { errorMessage: `redirect failed: ${message}` } });
      await writeTrackingSyncLog(tx, {
      operationType: "redirect_to_japan_post_tracking_failed",
      message: `Japan Post tracking could not be triggered for ${newCustomId}: ${message}`,
      success: false,
      jobId: input.jobId,
      taskId: input.taskId,
        details: { original_custom_id: original.customId, new_custom_id: newCustomId, target_url: input.targetUrl, error: message },
      });
    });
    return { status: "redirected_failed", original_custom_id: original.customId, new_custom_id: newCustomId, target_url: input.targetUrl, error: message };
  };

  if (!input.targetUrl) return fail("the export has no web_start_url to redirect to");
  const targetUrl = input.targetUrl;

  let newJobId: string;
  try {
    const earlier = await deps.client.findScrapingJobsByCustomId(newCustomId, config.sitemapId);
    if (earlier.length > 0) {
      newJobId = String(earlier[0].id);
    } else {
      const created = await deps.client.createScrapingJob({
        sitemap_id: config.sitemapId,
        driver: "fulljs",
        page_load_delay: 2000,
        request_interval: 2000,
        start_urls: [targetUrl],
        custom_id: newCustomId,
      });
      newJobId = String(created.id);
    }
  } catch (error) {
    const retryable = error instanceof WebScraperApiError ? error.retryable : true;
    if (retryable && deps.finalAttempt === false) throw error;
    return fail(error instanceof Error ? error.message : String(error));
  }

  const now = deps.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    await tx.trackingJob.createMany({
      data: [{ batchId: original.batchId, jobId: newJobId, customId: newCustomId, targetUrl, index: original.index, status: "pending", publishedAt: now }],
      skipDuplicates: true,
    });
    await writeTrackingSyncLog(tx, {
      operationType: "redirect_to_japan_post_tracking_triggered",
      message: `Japan Post tracking triggered for redirected job: ${newCustomId}`,
      success: true,
      jobId: input.jobId,
      taskId: input.taskId,
      details: { original_custom_id: original.customId, new_custom_id: newCustomId, new_job_id: newJobId, target_url: targetUrl },
    });
  });
  return { status: "redirected", original_custom_id: original.customId, new_custom_id: newCustomId, new_job_id: newJobId, target_url: targetUrl, reused: false };
}
