// Manual triggers (dashboard button, CLI without --sync): queue N worker runs
// on the engine, as the seed's `run_tracking_number_empty --count N` queues N
// Celery tasks. The worker function runs them one at a time.
import { inngest } from "../../../inngest/client";
import { badRequest } from "../../api/errors";
import type { WorkerRunEventData } from "./events";
import type { WorkerOrder } from "./purchasing-worker";
import { runWorkerBody, type RunWorkerBody } from "./schemas";

export async function queueWorkerRuns(eventName: string, count: number, data: WorkerRunEventData = {}): Promise<string[]> {
  const { ids } = await inngest.send(Array.from({ length: count }, () => ({ name: eventName, data })));
  return ids;
}

export function serializeWorkerOrder(order: WorkerOrder) {
  return {
    order_number: order.orderNumber,
    email: order.email ?? null,
    tracking_number: order.trackingNumber ?? null,
    url: order.url,
  };
}

/** The request body; an empty body means the defaults (one run, not a dry run). */
export async function readRunWorkerBody(req: Request): Promise<RunWorkerBody> {
  const text = await req.text();
  if (!text.trim()) return runWorkerBody.parse({});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest("The body must be JSON: {\"count\": 1..10, \"dry_run\": true|false}", undefined, { code: "worker_body_not_json" });
  }
  return runWorkerBody.parse(json);
}
