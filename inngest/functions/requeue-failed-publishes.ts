// The sweeper of issue 7 fault 13: every 15 minutes, jobs whose publishing
// gave up (never published, failed for a while) are queued again, each at
// most PUBLISH_SWEEP_MAX_REQUEUES times, so a WebScraper.io outage longer than
// the publisher's backoff does not fail a batch for good. One sweep at a time.
import { inngest } from "@/inngest/client";
import { requeueEvents, requeueFailedJobs } from "@/lib/tracking/publishing/requeue-failed-jobs";

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
    return { requeued: requeued.length, custom_ids: requeued.map((job) => job.customId) };
  },
);
