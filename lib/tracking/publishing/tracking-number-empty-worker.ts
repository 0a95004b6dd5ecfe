// Worker #4 of seed 001: Apple Store orders without a tracking number, their
// order pages scraped by the official_website_redirect_to_yamato_tracking tracker.
import { findInFlightTargetUrls } from "./find-in-flight-targets";
import type { PurchasingWorker } from "./purchasing-worker";
import { runPurchasingWorker, type RunWorkerOptions } from "./run-purchasing-worker";
import { selectTrackingNumberEmptyOrders, TRACKING_NUMBER_EMPTY_MAX_RECORDS } from "./select-tracking-number-empty-orders";

// Seed 001 §1.4: file_path=f"purchasing_query_tracking_number_empty_{batch_short}".
const FILE_PATH_PREFIX = "purchasing_query_tracking_number_empty_";

export const trackingNumberEmptyWorker: PurchasingWorker = {
  logName: "tracking_number_empty_worker",
  taskName: "official_website_redirect_to_yamato_tracking",
  filePathPrefix: FILE_PATH_PREFIX,
  defaultLimit: TRACKING_NUMBER_EMPTY_MAX_RECORDS,
  maxLimit: TRACKING_NUMBER_EMPTY_MAX_RECORDS,
  triggeredLog: "tracking_number_empty_triggered",
  completedLog: "tracking_number_empty_completed",
  async plan(limit) {
    const inFlight = await findInFlightTargetUrls(FILE_PATH_PREFIX);
    const orders = await selectTrackingNumberEmptyOrders(limit, inFlight);
    return {
      orders: orders.map(({ orderNumber, email, url }) => ({ orderNumber, email, url })),
      urls: orders.map((o) => o.url),
    };
  },
};

export function runTrackingNumberEmptyWorker(options: RunWorkerOptions = {}) {
  return runPurchasingWorker(trackingNumberEmptyWorker, options);
}
