import { SCHEMA, type Tx } from "./database";
import { parseDurationMs } from "./duration";
import { loadEvents } from "./event-store";
import { expressionMatches } from "./expression";
import type { FunctionRegistry } from "./function-registry";
import { cancelRunInTx, createRun, resolvePendingStep, RunInserts } from "./run-store";
import type { StoredEvent } from "./types";

// What one accepted event causes: new runs for matching triggers, resumed
// `waitForEvent` steps, and cancelled runs (`cancelOn`). Runs in the same
// transaction as deleting the event's job, so it happens exactly once.

/** Trigger names may end in a wildcard ("app/user.*"). */
function nameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes("*")) return false;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(name);
}

/**
 * Routes accepted events in the order given, in the caller's transaction: what
 * routing each alone in that order would do, with the events read and the
 * waits looked up once for all of them instead of once per event.
 */
export async function routeEvents(tx: Tx, registry: FunctionRegistry, eventIds: string[]): Promise<void> {
  const events = await loadEvents(tx, eventIds);
  const waits = await pendingWaits(tx, [...new Set([...events.values()].map((e) => e.name))]);
  const runs = new RunInserts();
  for (const id of eventIds) {
    const event = events.get(id);
    if (event) await routeLoadedEvent(tx, registry, event, waits, runs);
  }
  await runs.flush(tx);
}

async function routeLoadedEvent(
  tx: Tx,
  registry: FunctionRegistry,
  event: StoredEvent,
  waits: PendingWait[],
  runs: RunInserts,
): Promise<void> {
  const nowMs = Date.now();

  for (const fn of registry.all()) {
    const triggered = fn.config.triggers.some(
      (t) => "event" in t && nameMatches(t.event, event.name) && expressionMatches(t.expression, { event }),
    );
    if (triggered) {
      await createRun(tx, { fn, event, trigger: event.name, nowMs }, runs);
    }
  }

  await resumeWaiters(tx, event, waits);
  await cancelMatchingRuns(tx, registry, event, nowMs, runs);
}

interface PendingWait {
  id: string;
  run_id: string;
  step_id: string;
  event_name: string;
  expression: string | null;
  run_event: StoredEvent;
}

/** `waitForEvent` steps of active runs waiting on any of these event names, oldest first. */
async function pendingWaits(tx: Tx, names: string[]): Promise<PendingWait[]> {
  if (names.length === 0) return [];
  const { rows } = await tx.query(
    `SELECT w.id, w.run_id, w.step_id, w.event_name, w.expression, r.event AS run_event
     FROM ${SCHEMA}.waits w JOIN ${SCHEMA}.runs r ON r.id = w.run_id
     WHERE w.kind = 'event' AND w.event_name = ANY($1::text[]) AND r.status IN ('queued', 'running')
     ORDER BY w.id`,
    [names],
  );
  return rows as PendingWait[];
}

async function resumeWaiters(tx: Tx, incoming: StoredEvent, waits: PendingWait[]): Promise<void> {
  for (const wait of waits) {
    if (wait.event_name !== incoming.name) continue;
    // In Inngest expressions `event` is the run's trigger, `async` the awaited event.
    if (!expressionMatches(wait.expression ?? undefined, { event: wait.run_event, async: incoming })) continue;
    // No row: an earlier event of the same batch resumed it (or its run ended).
    const { rowCount } = await tx.query(`DELETE FROM ${SCHEMA}.waits WHERE id = $1`, [wait.id]);
    if (!rowCount) continue;
    await resolvePendingStep(tx, wait.run_id, wait.step_id, { type: "data", data: incoming }, { status: "completed", output: incoming });
  }
}

async function cancelMatchingRuns(
  tx: Tx,
  registry: FunctionRegistry,
  incoming: StoredEvent,
  nowMs: number,
  runs: RunInserts,
): Promise<void> {
  for (const fn of registry.all()) {
    for (const rule of fn.config.cancel ?? []) {
      if (!nameMatches(rule.event, incoming.name)) continue;
      // An event cancels the runs that events before it in the batch started too.
      await runs.flush(tx);
      const timeoutMs = parseDurationMs(rule.timeout);
      const { rows } = await tx.query(
        `SELECT id, event FROM ${SCHEMA}.runs
         WHERE function_id = $1 AND status IN ('queued', 'running') AND ($2::double precision IS NULL OR created_at >= to_timestamp($2::double precision / 1000))`,
        [fn.id, timeoutMs === undefined ? null : nowMs - timeoutMs],
      );
      for (const run of rows) {
        if (run.event?.id === incoming.id) continue; // an event never cancels the run it started
        if (!expressionMatches(rule.if, { event: run.event, async: incoming })) continue;
        await cancelRunInTx(tx, run.id, `cancelled by event ${incoming.name} (${incoming.id})`);
      }
    }
  }
}
