// Which tracker's configuration (sitemap) publishes a TrackingJob. A smart
// redirect's Japan Post job lives in its owryt batch (seed 000 §5.4.1: same
// batch, same index), so the batch's taskName would name the Yamato sitemap;
// the jpt-from-owryt- custom id is what marks it as redirect_to_japan_post_tracking's.
import { originalCustomIdOf } from "./redirect/redirect-custom-id";
import type { TrackerName } from "./tracker-configs";

const REDIRECT_TRACKER: TrackerName = "redirect_to_japan_post_tracking";

/** The tracker name for a job; the batch's taskName is returned unchecked (callers validate it). */
export function trackerForJob(job: { customId: string; batchTaskName: string }): string {
  return originalCustomIdOf(job.customId) !== null ? REDIRECT_TRACKER : job.batchTaskName;
}
