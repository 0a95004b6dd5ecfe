import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { JAPAN_POST_RUN_EVENT } from "@/lib/tracking/publishing/events";
import { runJapanPostWorker } from "@/lib/tracking/publishing/japan-post-worker";
import { queueWorkerRuns, readRunWorkerBody, serializeWorkerOrder } from "@/lib/tracking/publishing/queue-worker-runs";

// POST /api/tracking/workers/japan-post – run the Japan Post worker now (or list its orders with dry_run)
export const POST = withStaff(async ({ req, session }) => {
  const body = await readRunWorkerBody(req);
  if (body.dry_run) {
    const result = await runJapanPostWorker({ dryRun: true });
    return NextResponse.json({ dry_run: true, matched: result.matched, orders: result.orders.map(serializeWorkerOrder) });
  }
  const eventIds = await queueWorkerRuns(JAPAN_POST_RUN_EVENT, body.count, { requestedBy: `dashboard:${session.user.email}` });
  return NextResponse.json({ event_ids: eventIds }, { status: 202 });
});
