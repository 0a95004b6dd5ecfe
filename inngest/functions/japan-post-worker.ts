// Worker #8 of seed 001 (Japan Post, ten numbers a page) hourly and on demand.
import { JAPAN_POST_RUN_EVENT } from "@/lib/tracking/publishing/events";
import { japanPostWorker } from "@/lib/tracking/publishing/japan-post-worker";
import { createPurchasingWorkerFunction } from "./purchasing-worker-function";

export const japanPostWorkerFunction = createPurchasingWorkerFunction(japanPostWorker, {
  id: "japan-post-worker",
  name: "Japan Post worker",
  cron: "0 * * * *",
  event: JAPAN_POST_RUN_EVENT,
});
