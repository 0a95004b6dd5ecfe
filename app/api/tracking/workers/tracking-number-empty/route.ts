import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { TRACKING_NUMBER_EMPTY_RUN_EVENT } from "@/lib/tracking/publishing/events";
import { queueWorkerRuns, readRunWorkerBody, serializeWorkerOrder } from "@/lib/tracking/publishing/queue-worker-runs";
import { runTrackingNumberEmptyWorker } from "@/lib/tracking/publishing/tracking-number-empty-worker";

// POST /api/tracking/workers/tracking-number-empty – run the tracking-number-empty worker now (or list its orders with dry_run)
export const POST = withStaff(async ({ req, session }) => {
  const body = await readRunWorkerBody(req);
  if (body.dry_run) {
    const result = await runTrackingNumberEmptyWorker({ dryRun: true });
    return NextResponse.json({ dry_run: true, matched: result.matched, orders: result.orders.map(serializeWorkerOrder) });
  }
  const eventIds = await queueWorkerRuns(TRACKING_NUMBER_EMPTY_RUN_EVENT, body.count, { requestedBy: `dashboard:${session.user.email}` });
  return NextResponse.json({ event_ids: eventIds }, { status: 202 });
});
