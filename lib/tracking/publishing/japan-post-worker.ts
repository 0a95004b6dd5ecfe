// Worker #8 of seed 001: open orders with a tracking number, their status
// refreshed from Japan Post ten numbers a page by the japan_post_tracking_10 tracker.
import { buildJapanPostSearchUrl, chunk, JAPAN_POST_NUMBERS_PER_URL, trackingNumbersInJapanPostUrl } from "./build-japan-post-urls";
import { findInFlightTargetUrls } from "./find-in-flight-targets";
import type { PurchasingWorker, WorkerOrder } from "./purchasing-worker";
import { runPurchasingWorker, type RunWorkerOptions } from "./run-purchasing-worker";
import { JAPAN_POST_DEFAULT_LIMIT, JAPAN_POST_MAX_LIMIT, selectJapanPostOrders } from "./select-japan-post-orders";

const FILE_PATH_PREFIX = "purchasing_query_japan_post_";

export const japanPostWorker: PurchasingWorker = {
  logName: "japan_post_worker",
  taskName: "japan_post_tracking_10",
  filePathPrefix: FILE_PATH_PREFIX,
  defaultLimit: JAPAN_POST_DEFAULT_LIMIT,
  maxLimit: JAPAN_POST_MAX_LIMIT,
  triggeredLog: "japan_post_tracking_10_triggered",
  completedLog: "japan_post_tracking_10_completed",
  async plan(limit) {
    const inFlight = new Set([...(await findInFlightTargetUrls(FILE_PATH_PREFIX))].flatMap(trackingNumbersInJapanPostUrl));
    const selected = await selectJapanPostOrders(limit, inFlight);
    const orders: WorkerOrder[] = [];
    const urls: string[] = [];
    for (const group of chunk(selected, JAPAN_POST_NUMBERS_PER_URL)) {
      const url = buildJapanPostSearchUrl(group.map((o) => o.trackingNumber));
      urls.push(url);
      for (const o of group) orders.push({ orderNumber: o.orderNumber, trackingNumber: o.trackingNumber, url });
    }
    return { orders, urls };
  },
};

export function runJapanPostWorker(options: RunWorkerOptions = {}) {
  return runPurchasingWorker(japanPostWorker, options);
}
