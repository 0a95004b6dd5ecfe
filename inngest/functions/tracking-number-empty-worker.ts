// Worker #4 of seed 001 on a schedule and on demand (dashboard button, CLI).
import { TRACKING_NUMBER_EMPTY_RUN_EVENT } from "@/lib/tracking/publishing/events";
import { trackingNumberEmptyWorker } from "@/lib/tracking/publishing/tracking-number-empty-worker";
import { createPurchasingWorkerFunction } from "./purchasing-worker-function";

export const trackingNumberEmptyWorkerFunction = createPurchasingWorkerFunction(trackingNumberEmptyWorker, {
  id: "tracking-number-empty-worker",
  name: "Tracking number empty worker",
  cron: "*/30 * * * *",
  event: TRACKING_NUMBER_EMPTY_RUN_EVENT,
});
