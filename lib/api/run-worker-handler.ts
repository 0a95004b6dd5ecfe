// The dashboard's "run now" for a purchasing worker: a dry run lists the orders
// it would take; otherwise N runs are queued on the engine.
import { NextResponse } from "next/server";
import { badRequest } from "./errors";
import type { StaffHandlerArgs } from "./with-session";
import type { SendEvents } from "../tracking/publishing/dispatch-publish-jobs";
import type { RunWorkerOptions, WorkerRunResult } from "../tracking/publishing/run-purchasing-worker";
import { queueWorkerRuns, serializeWorkerOrder } from "../tracking/publishing/queue-worker-runs";
import { runWorkerBody, type RunWorkerBody } from "../tracking/publishing/schemas";

/** The request body; an empty body means the defaults (one run, not a dry run). */
export async function readRunWorkerBody(req: Request): Promise<RunWorkerBody> {
  const text = await req.text();
  if (!text.trim()) return runWorkerBody.parse({});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('The body must be JSON: {"count": 1..10, "dry_run": true|false}', undefined, { code: "worker_body_not_json" });
  }
  return runWorkerBody.parse(json);
}

export function runWorkerHandler(runEvent: string, runWorker: (options: RunWorkerOptions) => Promise<WorkerRunResult>, send: SendEvents) {
  return async ({ req, session }: StaffHandlerArgs) => {
    const body = await readRunWorkerBody(req);
    if (body.dry_run) {
      const result = await runWorker({ dryRun: true });
      return NextResponse.json({ dry_run: true, matched: result.matched, orders: result.orders.map(serializeWorkerOrder) });
    }
    const eventIds = await queueWorkerRuns(send, runEvent, body.count, { requestedBy: `dashboard:${session.user.email}` });
    return NextResponse.json({ event_ids: eventIds }, { status: 202 });
  };
}
