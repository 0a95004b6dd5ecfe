// Events of the publishing half. Event ids make sends idempotent: a worker step
// retried after a crash re-sends the same ids and the engine drops the copies.
import { z } from "zod";

export const PUBLISH_TRACKING_JOB_EVENT = "tracking/job.publish";
export const TRACKING_NUMBER_EMPTY_RUN_EVENT = "tracking/tracking-number-empty.run";
export const JAPAN_POST_RUN_EVENT = "tracking/japan-post.run";

export const publishTrackingJobEventData = z.object({
  batchUuid: z.string().uuid(),
  customId: z.string().min(1),
});
export type PublishTrackingJobEventData = z.infer<typeof publishTrackingJobEventData>;

export const workerRunEventData = z.object({
  /** Orders to select this run; the worker's own default and maximum apply. */
  limit: z.number().int().positive().optional(),
  /** Who asked: "cron", "dashboard:<email>", "cli". */
  requestedBy: z.string().optional(),
});
export type WorkerRunEventData = z.infer<typeof workerRunEventData>;

export function publishEventId(customId: string): string {
  return `publish-${customId}`;
}

export function publishEvents(jobs: PublishTrackingJobEventData[]) {
  return jobs.map((job) => ({
    id: publishEventId(job.customId),
    name: PUBLISH_TRACKING_JOB_EVENT,
    data: { batchUuid: job.batchUuid, customId: job.customId },
  }));
}
