import { SCHEMA, type Queryable, type Tx } from "./database";
import { emitLifecycleEvents } from "./lifecycle-events";
import { claimSingleton, concurrencySlots, hasAdmissionRules, holdSingleton, passesRateLimit, throttledStartMs } from "./flow-control";
import { newId } from "./ids";
import { deleteJobsOfRun, enqueueJob } from "./job-queue";
import { maxAttemptsOf, type ConcurrencySlot, type RegisteredFunction, type StepResult, type StoredEvent } from "./types";

// Run state transitions. Every function here takes the caller's transaction,
// so a state change and the jobs it implies commit together or not at all.

export interface RunRow {
  id: string;
  function_id: string;
  event: StoredEvent;
  status: string;
  step_state: Record<string, StepResult>;
  stack: string[];
  outstanding: number;
  max_attempts: number;
  attempts: number;
  concurrency: ConcurrencySlot[] | null;
  parent_run_id: string | null;
  parent_step_id: string | null;
  force_step_plan?: boolean;
}

export async function loadRun(q: Queryable, runId: string, forUpdate = false): Promise<RunRow | undefined> {
  const { rows } = await q.query(`SELECT * FROM ${SCHEMA}.runs WHERE id = $1 ${forUpdate ? "FOR UPDATE" : ""}`, [runId]);
  return rows[0] as RunRow | undefined;
}

export interface CreateRunOptions {
  fn: RegisteredFunction;
  event: StoredEvent;
  trigger: string; // event name, "cron: ...", "invoke", "rerun"
  nowMs?: number;
  parent?: { runId: string; stepId: string };
  rerunOf?: string;
  skipFlowControl?: boolean;
}

/**
 * Creates a run and its first call; undefined when the rate limit (or
 * idempotency key, which Inngest turns into a rate limit) or a singleton in
 * skip mode skips it. Order as on Inngest: rate limit, singleton, throttle.
 * With `batch`, the run of a function without admission rules is added to it
 * and inserted at its next flush; a function with them flushes it first, so
 * runs stay queued in arrival order and each rule sees every run before it.
 */
export async function createRun(tx: Tx, options: CreateRunOptions, batch?: RunInserts): Promise<string | undefined> {
  const { fn, event } = options;
  const nowMs = options.nowMs ?? Date.now();
  const admission = !options.skipFlowControl && hasAdmissionRules(fn);
  let startAtMs = nowMs;
  let singletonKey: string | undefined;
  if (admission) {
    await batch?.flush(tx);
    if (!(await passesRateLimit(tx, fn, event, nowMs))) return undefined;
    const singleton = await claimSingleton(tx, fn, event);
    if (singleton.action === "skip") return undefined;
    if (singleton.action === "run") {
      singletonKey = singleton.key;
      if (singleton.cancel) await cancelRunInTx(tx, singleton.cancel, `cancelled by singleton: a newer run of ${fn.id} started`);
    }
    startAtMs = await throttledStartMs(tx, fn, event, nowMs);
  }
  const slots = concurrencySlots(fn, event);
  const run: NewRun = {
    id: newId(nowMs),
    function_id: fn.id,
    event_id: event.id ?? null,
    event,
    trigger: options.trigger,
    max_attempts: maxAttemptsOf(fn.config),
    concurrency: slots.length ? slots : null,
    parent_run_id: options.parent?.runId ?? null,
    parent_step_id: options.parent?.stepId ?? null,
    rerun_of: options.rerunOf ?? null,
    function_version: fn.version ?? null,
    start_at_ms: startAtMs,
  };
  if (batch && !admission) batch.add(run);
  else await insertRuns(tx, [run]);
  if (singletonKey) await holdSingleton(tx, singletonKey, run.id);
  return run.id;
}

interface NewRun {
  id: string;
  function_id: string;
  event_id: string | null;
  event: StoredEvent;
  trigger: string;
  max_attempts: number;
  concurrency: ConcurrencySlot[] | null;
  parent_run_id: string | null;
  parent_step_id: string | null;
  rerun_of: string | null;
  function_version: number | null;
  start_at_ms: number;
}

/**
 * Runs created while routing a batch of events, inserted together: a burst of
 * events then costs one statement for all its runs instead of one per run.
 */
export class RunInserts {
  private runs: NewRun[] = [];

  add(run: NewRun): void {
    this.runs.push(run);
  }

  async flush(tx: Tx): Promise<void> {
    const runs = this.runs;
    this.runs = [];
    await insertRuns(tx, runs);
  }
}

/** Inserts runs and their first calls, the calls queued in the order given. */
async function insertRuns(tx: Tx, runs: NewRun[]): Promise<void> {
  if (runs.length === 0) return;
  await tx.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         ord int, id text, function_id text, event_id text, event jsonb, trigger text, max_attempts int, concurrency jsonb,
         parent_run_id text, parent_step_id text, rerun_of text, function_version int, start_at_ms double precision)),
     run AS (
       INSERT INTO ${SCHEMA}.runs (id, function_id, event_id, event, trigger, status, max_attempts, concurrency, parent_run_id, parent_step_id, rerun_of, function_version)
       SELECT id, function_id, event_id, event, trigger, 'queued', max_attempts, concurrency, parent_run_id, parent_step_id, rerun_of, function_version
       FROM input)
     INSERT INTO ${SCHEMA}.jobs (kind, run_id, run_at, concurrency)
     SELECT 'call', id, to_timestamp(start_at_ms / 1000), concurrency FROM input ORDER BY ord`,
    [JSON.stringify(runs.map((run, ord) => ({ ord, ...run })))],
  );
}

/**
 * Memoizes one step result. `wasPending` says the step was waiting on
 * something (planned step, sleep, wait, invoke) and counts down the run's
 * outstanding work; returns the remaining count, or undefined when the run is
 * no longer active.
 */
export async function recordStepResult(
  tx: Tx,
  runId: string,
  stepId: string,
  result: StepResult,
  wasPending: boolean,
): Promise<number | undefined> {
  const { rows } = await tx.query(
    `UPDATE ${SCHEMA}.runs
     SET step_state = step_state || jsonb_build_object($2::text, $3::jsonb),
         stack = CASE WHEN step_state ? $2 THEN stack ELSE stack || to_jsonb($2::text) END,
         outstanding = GREATEST(0, outstanding - $4)
     WHERE id = $1 AND status IN ('queued', 'running')
     RETURNING outstanding`,
    [runId, stepId, JSON.stringify(result), wasPending ? 1 : 0],
  );
  return rows[0]?.outstanding as number | undefined;
}

/** Queues the next call that lets the SDK replay memoized steps and report what comes next. */
export async function scheduleDiscovery(tx: Tx, runId: string, runAtMs?: number): Promise<void> {
  // No step is pending any more: parallelism is over, so the SDK may run the next
  // step immediately again (Inngest's maybeResetForceStepPlan, force_step_plan.go).
  const { rows } = await tx.query(`UPDATE ${SCHEMA}.runs SET force_step_plan = false WHERE id = $1 RETURNING concurrency`, [runId]);
  await enqueueJob(tx, { kind: "call", runId, runAtMs, concurrency: rows[0]?.concurrency ?? null });
}

/** Resolves a step that something else was waiting on (sleep over, event arrived, invoked run ended). */
export async function resolvePendingStep(
  tx: Tx,
  runId: string,
  stepId: string,
  result: StepResult,
  timeline: { status: string; output?: unknown; error?: unknown },
): Promise<void> {
  const remaining = await recordStepResult(tx, runId, stepId, result, true);
  if (remaining === undefined) return;
  await tx.query(
    `UPDATE ${SCHEMA}.steps SET status = $3, output = $4, error = $5, ended_at = now()
     WHERE run_id = $1 AND step_id = $2 AND ended_at IS NULL`,
    [runId, stepId, timeline.status, json(timeline.output), json(timeline.error)],
  );
  if (remaining === 0) await scheduleDiscovery(tx, runId);
}

export function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

async function settleParent(tx: Tx, runId: string, result: StepResult): Promise<void> {
  const { rows } = await tx.query(`DELETE FROM ${SCHEMA}.waits WHERE kind = 'invoke' AND child_run_id = $1 RETURNING run_id, step_id`, [
    runId,
  ]);
  for (const wait of rows) {
    await resolvePendingStep(tx, wait.run_id, wait.step_id, result, {
      status: result.type === "data" ? "completed" : "failed",
      output: result.type === "data" ? result.data : undefined,
      error: result.type === "error" ? result.error : undefined,
    });
  }
}

export async function completeRun(tx: Tx, runId: string, output: unknown): Promise<void> {
  const { rows } = await tx.query(
    `UPDATE ${SCHEMA}.runs SET status = 'completed', output = $2, ended_at = now() WHERE id = $1 AND status IN ('queued', 'running')
     RETURNING id, function_id, event`,
    [runId, JSON.stringify(output ?? null)],
  );
  if (!rows[0]) return;
  await deleteJobsOfRun(tx, runId);
  await settleParent(tx, runId, { type: "data", data: output ?? null });
  await emitLifecycleEvents(tx, rows[0], { status: "Completed", result: output });
}

export async function failRun(tx: Tx, run: Pick<RunRow, "id" | "function_id" | "event">, error: unknown): Promise<void> {
  const { rowCount } = await tx.query(
    `UPDATE ${SCHEMA}.runs SET status = 'failed', error = $2, ended_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
    [run.id, JSON.stringify(error ?? null)],
  );
  if (!rowCount) return;
  await deleteJobsOfRun(tx, run.id);
  await tx.query(`DELETE FROM ${SCHEMA}.waits WHERE run_id = $1`, [run.id]);
  await settleParent(tx, run.id, { type: "error", error });
  // onFailure handlers are functions triggered by inngest/function.failed (the SDK registers them so).
  await emitLifecycleEvents(tx, run, { status: "Failed", error });
}

export async function cancelRunInTx(tx: Tx, runId: string, reason: string): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE ${SCHEMA}.runs SET status = 'cancelled', error = $2, ended_at = now() WHERE id = $1 AND status IN ('queued', 'running')
     RETURNING id, function_id, event`,
    [runId, JSON.stringify({ name: "RunCancelled", message: reason })],
  );
  if (!rows[0]) return false;
  await deleteJobsOfRun(tx, runId);
  await tx.query(`DELETE FROM ${SCHEMA}.waits WHERE run_id = $1`, [runId]);
  await tx.query(`UPDATE ${SCHEMA}.steps SET status = 'cancelled', ended_at = now() WHERE run_id = $1 AND ended_at IS NULL`, [runId]);
  await settleParent(tx, runId, { type: "error", error: { name: "Error", message: `Invoked run was cancelled: ${reason}` } });
  await emitLifecycleEvents(tx, rows[0], { status: "Cancelled" });
  return true;
}
