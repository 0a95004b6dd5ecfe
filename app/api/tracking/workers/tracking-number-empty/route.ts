import { inngest } from "@/inngest/client";
import { withStaff } from "@/lib/api/with-session";
import { TRACKING_NUMBER_EMPTY_RUN_EVENT } from "@/lib/tracking/publishing/events";
import { runWorkerHandler } from "@/lib/api/run-worker-handler";
import { runTrackingNumberEmptyWorker } from "@/lib/tracking/publishing/tracking-number-empty-worker";

// POST /api/tracking/workers/tracking-number-empty – run the tracking-number-empty worker now (or list its orders with dry_run)
export const POST = withStaff(
  runWorkerHandler(TRACKING_NUMBER_EMPTY_RUN_EVENT, runTrackingNumberEmptyWorker, (events) => inngest.send(events)),
);
