// The Inngest shape of a Purchasing worker run (lib/tracking/publishing/run-purchasing-worker):
// each phase a step, so a retry after a crash neither creates a second batch
// nor loses the publish events (their ids make a re-send harmless).
import { inngest } from "@/inngest/client";
import { publishEvents, workerRunEventData } from "@/lib/tracking/publishing/events";
import { clampWorkerLimit, type PurchasingWorker } from "@/lib/tracking/publishing/purchasing-worker";
import {
  logWorkerCompleted,
  logWorkerTriggered,
  prepareWorkerBatch,
  publishJobsOf,
  type PreparedWorkerBatch,
} from "@/lib/tracking/publishing/run-purchasing-worker";

export function createPurchasingWorkerFunction(
  worker: PurchasingWorker,
  options: { id: string; name: string; cron: string; event: string },
) {
  return inngest.createFunction(
    {
      id: options.id,
      name: options.name,
      triggers: [{ cron: options.cron }, { event: options.event }],
      // Runs queued together (--count N) go one after another, each picking orders the last left.
      concurrency: { limit: 1 },
      retries: 2,
    },
    async ({ event, step, runId }) => {
      const data = workerRunEventData.safeParse(event.data ?? {});
      const limit = clampWorkerLimit(worker, data.success ? data.data.limit : undefined);
      const requestedBy = event.name === "inngest/scheduled.timer" ? "cron" : (data.success && data.data.requestedBy) || "event";

      await step.run("log-triggered", () => logWorkerTriggered(worker, { limit, taskId: runId, requestedBy }));
      const prepared = (await step.run("create-batch", () => prepareWorkerBatch(worker, limit))) as PreparedWorkerBatch;
      let eventIds: string[] = [];
      if (prepared.batch) {
        const sent = await step.sendEvent("dispatch-publish", publishEvents(publishJobsOf(prepared.batch)));
        eventIds = sent.ids;
      }
      const dispatched = prepared.batch?.jobs.length ?? 0;
      await step.run("log-completed", () => logWorkerCompleted(worker, { prepared, dispatched, taskId: runId }));
      return { matched: prepared.orders.length, batch_uuid: prepared.batch?.batchUuid ?? null, dispatched, event_ids: eventIds };
    },
  );
}
