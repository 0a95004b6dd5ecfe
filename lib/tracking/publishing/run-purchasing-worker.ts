// One run of a Purchasing worker (seed 001 §1): log the trigger, select, create
// the batch, hand its jobs to the publisher, log the outcome. The Inngest
// functions run the same phases as steps; the CLI's --sync runs this directly.
import { createTrackingBatch, type CreatedTrackingBatch } from "./create-tracking-batch";
import { requireDispatcher, type PublishDispatcher } from "./dispatch-publish-jobs";
import { clampWorkerLimit, type PurchasingWorker, type WorkerOrder } from "./purchasing-worker";
import { writeSyncLog } from "../../sync-logs/write-sync-log";

export interface RunWorkerOptions {
  /** Select and list the matching orders; create and publish nothing. */
  dryRun?: boolean;
  limit?: number;
  dispatch?: PublishDispatcher;
  taskId?: string;
  requestedBy?: string;
  log?: (message: string) => void;
}

export interface WorkerRunResult {
  matched: number;
  batch_uuid: string | null;
  dispatched: number;
  event_ids: string[];
  dry_run: boolean;
  orders: WorkerOrder[];
}

export interface PreparedWorkerBatch {
  orders: WorkerOrder[];
  batch: CreatedTrackingBatch | null;
}

export async function logWorkerTriggered(
  worker: PurchasingWorker,
  run: { limit: number; taskId?: string; requestedBy?: string },
): Promise<void> {
  await writeSyncLog({
    operationType: worker.triggeredLog,
    message: `${worker.logName} triggered (limit ${run.limit})`,
    success: true,
    taskId: run.taskId,
    details: { limit: run.limit, requested_by: run.requestedBy ?? null },
  });
}

export async function prepareWorkerBatch(worker: PurchasingWorker, limit: number, log = console.info): Promise<PreparedWorkerBatch> {
  const plan = await worker.plan(limit);
  log(`[${worker.logName}] Found ${plan.orders.length} matching records`);
  if (plan.urls.length === 0) return { orders: plan.orders, batch: null };
  const batch = await createTrackingBatch({
    taskName: worker.taskName,
    filePath: (batch8) => `${worker.filePathPrefix}${batch8}`,
    urls: plan.urls,
  });
  log(`[${worker.logName}] Created TrackingBatch ${batch.batch8} with ${batch.jobs.length} jobs`);
  return { orders: plan.orders, batch };
}

export function publishJobsOf(batch: CreatedTrackingBatch) {
  return batch.jobs.map((job) => ({ batchUuid: batch.batchUuid, customId: job.customId }));
}

export async function logWorkerCompleted(
  worker: PurchasingWorker,
  run: { prepared: PreparedWorkerBatch; dispatched: number; taskId?: string },
): Promise<void> {
  const { batch, orders } = run.prepared;
  await writeSyncLog({
    operationType: worker.completedLog,
    message: batch
      ? `${worker.logName} dispatched ${run.dispatched} jobs for ${orders.length} orders (batch ${batch.batch8})`
      : `${worker.logName} found no matching records`,
    success: true,
    taskId: run.taskId,
    filePath: batch?.filePath ?? null,
    details: {
      matched: orders.length,
      dispatched: run.dispatched,
      batch_uuid: batch?.batchUuid ?? null,
      order_numbers: orders.map((o) => o.orderNumber),
    },
  });
}

export async function runPurchasingWorker(worker: PurchasingWorker, options: RunWorkerOptions = {}): Promise<WorkerRunResult> {
  const limit = clampWorkerLimit(worker, options.limit);
  const log = options.log ?? console.info;
  if (options.dryRun) {
    const plan = await worker.plan(limit);
    return { matched: plan.orders.length, batch_uuid: null, dispatched: 0, event_ids: [], dry_run: true, orders: plan.orders };
  }
  await logWorkerTriggered(worker, { limit, taskId: options.taskId, requestedBy: options.requestedBy });
  const prepared = await prepareWorkerBatch(worker, limit, log);
  const sent = prepared.batch
    ? await requireDispatcher(options.dispatch, "runPurchasingWorker")(publishJobsOf(prepared.batch))
    : { dispatched: 0, eventIds: [] };
  log(`[${worker.logName}] Execution complete: dispatched ${sent.dispatched} tasks`);
  await logWorkerCompleted(worker, { prepared, dispatched: sent.dispatched, taskId: options.taskId });
  return {
    matched: prepared.orders.length,
    batch_uuid: prepared.batch?.batchUuid ?? null,
    dispatched: sent.dispatched,
    event_ids: sent.eventIds,
    dry_run: false,
    orders: prepared.orders,
  };
}
