// Manual triggers (dashboard button, CLI without --sync): queue N worker runs
// on the engine, as the seed's `run_tracking_number_empty --count N` queues N
// Celery tasks. The worker function runs them one at a time.
import type { SendEvents } from "./dispatch-publish-jobs";
import type { WorkerRunEventData } from "./events";
import type { WorkerOrder } from "./purchasing-worker";

export async function queueWorkerRuns(
  send: SendEvents,
  eventName: string,
  count: number,
  data: WorkerRunEventData = {},
): Promise<string[]> {
  const { ids } = await send(Array.from({ length: count }, () => ({ name: eventName, data: { ...data } })));
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
