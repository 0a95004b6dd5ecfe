// What the two Purchasing workers of seed 001 have in common: select orders,
// turn them into URLs for one tracker, one TrackingBatch a run.
import type { TrackerName } from "../tracker-configs";
import type { SyncLogOperationType } from "../../sync-logs/write-sync-log";

export interface WorkerOrder {
  orderNumber: string;
  email?: string;
  trackingNumber?: string;
  /** The page that will be scraped for this order. */
  url: string;
}

export interface WorkerPlan {
  orders: WorkerOrder[];
  /** Distinct URLs to publish, in order (several orders may share one Japan Post page). */
  urls: string[];
}

export interface PurchasingWorker {
  /** Log prefix, as in the seed's `[tracking_number_empty_worker]`. */
  logName: string;
  taskName: TrackerName;
  /** Batch file paths are `{filePathPrefix}{batch8}`. */
  filePathPrefix: string;
  defaultLimit: number;
  maxLimit: number;
  triggeredLog: SyncLogOperationType;
  completedLog: SyncLogOperationType;
  plan(limit: number): Promise<WorkerPlan>;
}

export function clampWorkerLimit(worker: PurchasingWorker, limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return worker.defaultLimit;
  return Math.min(Math.max(1, Math.floor(limit)), worker.maxLimit);
}
