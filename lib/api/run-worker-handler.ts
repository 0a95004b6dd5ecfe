// The dashboard's "run now" for a purchasing worker: a dry run lists the orders
// it would take; otherwise N runs are queued on the engine.
import { NextResponse } from "next/server";
import type { StaffHandlerArgs } from "./with-session";
import type { RunWorkerOptions, WorkerRunResult } from "../tracking/publishing/run-purchasing-worker";
import { queueWorkerRuns, readRunWorkerBody, serializeWorkerOrder } from "../tracking/publishing/queue-worker-runs";

export function runWorkerHandler(runEvent: string, runWorker: (options: RunWorkerOptions) => Promise<WorkerRunResult>) {
  return async ({ req, session }: StaffHandlerArgs) => {
    const body = await readRunWorkerBody(req);
    if (body.dry_run) {
      const result = await runWorker({ dryRun: true });
      return NextResponse.json({ dry_run: true, matched: result.matched, orders: result.orders.map(serializeWorkerOrder) });
    }
    const eventIds = await queueWorkerRuns(runEvent, body.count, { requestedBy: `dashboard:${session.user.email}` });
    return NextResponse.json({ event_ids: eventIds }, { status: 202 });
  };
}
