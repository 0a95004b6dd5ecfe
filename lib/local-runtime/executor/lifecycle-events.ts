import type { Tx } from "./database";
import { acceptEvents, type IncomingEvent } from "./event-store";
import { newId } from "./ids";
import type { StoredEvent } from "./types";

// The events Inngest sends when a run ends, built as pkg/execution/executor/
// finalize.go (finalizeEvents) and executor.go (functionFinishedData) build them:
//   every end      -> inngest/function.finished  (fresh id)
//   failed         -> inngest/function.failed    (id = run id, so parallel failures start one handler)
//   cancelled      -> inngest/function.cancelled (id = run id)
// data: { function_id, run_id, event, events, error?, result?, correlation_id?, _inngest: { status } }
// with status "Completed" | "Failed" | "Cancelled" (enums.StepStatus as JSON).
// A run triggered by a lifecycle event emits none, so handlers never recurse.

export const FUNCTION_FINISHED = "inngest/function.finished";
export const FUNCTION_FAILED = "inngest/function.failed";
export const FUNCTION_CANCELLED = "inngest/function.cancelled";

export type RunEnd =
  { status: "Completed"; result: unknown } | { status: "Failed"; error: unknown } | { status: "Cancelled"; error?: unknown };

export function lifecycleEventsFor(
  run: { id: string; function_id: string; event: StoredEvent },
  end: RunEnd,
  nowMs = Date.now(),
): IncomingEvent[] {
  const runEvent = run.event;
  if (!runEvent || runEvent.name === FUNCTION_FAILED || runEvent.name === FUNCTION_FINISHED) return [];
  const inngestMeta = (runEvent.data as { _inngest?: { invoke_correlation_id?: unknown } } | undefined)?._inngest;
  const correlationId = typeof inngestMeta?.invoke_correlation_id === "string" ? inngestMeta.invoke_correlation_id : undefined;
  const data: Record<string, unknown> = {
    function_id: run.function_id,
    run_id: run.id,
    event: runEvent,
    events: [runEvent],
    ...("error" in end && end.error !== undefined ? { error: end.error } : {}),
    ...("result" in end && end.result !== undefined && end.result !== null ? { result: end.result } : {}),
    ...(correlationId ? { correlation_id: correlationId } : {}),
    _inngest: { status: end.status },
  };
  const events: IncomingEvent[] = [{ id: newId(nowMs), name: FUNCTION_FINISHED, data, ts: nowMs }];
  if (end.status === "Failed") events.push({ id: run.id, name: FUNCTION_FAILED, data, ts: nowMs });
  if (end.status === "Cancelled") events.push({ id: run.id, name: FUNCTION_CANCELLED, data, ts: nowMs });
  return events;
}

export async function emitLifecycleEvents(
  tx: Tx,
  run: { id: string; function_id: string; event: StoredEvent },
  end: RunEnd,
): Promise<void> {
  const events = lifecycleEventsFor(run, end);
  if (events.length) await acceptEvents(tx, events);
}
