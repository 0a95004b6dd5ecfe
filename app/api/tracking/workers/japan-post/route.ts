import { inngest } from "@/inngest/client";
import { withStaff } from "@/lib/api/with-session";
import { JAPAN_POST_RUN_EVENT } from "@/lib/tracking/publishing/events";
import { runJapanPostWorker } from "@/lib/tracking/publishing/japan-post-worker";
import { runWorkerHandler } from "@/lib/api/run-worker-handler";

// POST /api/tracking/workers/japan-post – run the Japan Post worker now (or list its orders with dry_run)
export const POST = withStaff(runWorkerHandler(JAPAN_POST_RUN_EVENT, runJapanPostWorker, (events) => inngest.send(events)));
