// The sweeper of issue 7 fault 13: every 15 minutes, jobs whose publishing
// gave up (never published, failed for a while) are queued again, each at
// most PUBLISH_SWEEP_MAX_REQUEUES times, so a WebScraper.io outage longer than
// the publisher's backoff does not fail a batch for good. The same sweep asks
// WebScraper.io about jobs still pending long after publishing: a notification
// lost while the app was down is replaced by the event it would have sent
// (lib/tracking/processing/reconcile-missed-notifications.ts). One sweep at a time.
import { inngest } from "@/inngest/client";
import { requeueEvents, requeueFailedJobs } from "@/lib/tracking/publishing/requeue-failed-jobs";
import { findMissedNotifications } from "@/lib/tracking/processing/reconcile-missed-notifications";
import { webScraperClientFromEnv } from "@/lib/webscraper/client";

export const REQUEUE_FAILED_PUBLISHES_EVENT = "tracking/publish.sweep";

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export const requeueFailedPublishesFunction = inngest.createFunction(
  {
    id: "requeue-failed-publishes",
    name: "Re-queue failed tracking publishes",
    triggers: [{ cron: process.env.PUBLISH_SWEEP_CRON ?? "*/15 * * * *" }, { event: REQUEUE_FAILED_PUBLISHES_EVENT }],
    concurrency: { limit: 1 },
    retries: 3,
  },
  async ({ step }) => {
    const requeued = await step.run("requeue-failed-jobs", () =>
      requeueFailedJobs({
        unpublishedOnly: true,
        maxRequeues: envNumber("PUBLISH_SWEEP_MAX_REQUEUES", 3),
        failedBefore: new Date(Date.now() - envNumber("PUBLISH_SWEEP_MIN_AGE_MS", 10 * 60_000)),
        requestedBy: "sweeper",
      }),
    );
    if (requeued.length > 0) await step.sendEvent("publish-requeued-jobs", requeueEvents(requeued));
    const missed = await step.run("find-missed-notifications", () =>
      findMissedNotifications(webScraperClientFromEnv(), {
        publishedBefore: new Date(Date.now() - envNumber("NOTIFICATION_RECONCILE_AFTER_MS", 30 * 60_000)),
      }),
    );
    if (missed.length > 0) await step.sendEvent("process-missed-notifications", missed);
    return {
      requeued: requeued.length,
      custom_ids: requeued.map((job) => job.customId),
      missed_notifications: missed.map((e) => e.data.job_id),
    };
  },
);
