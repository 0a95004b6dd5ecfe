import { SCHEMA, type Queryable, type Tx } from "./database";
import { emitLifecycleEvents } from "./lifecycle-events";
import { claimSingleton, concurrencySlots, holdSingleton, passesRateLimit, throttledStartMs } from "./flow-control";
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
 */
export async function createRun(tx: Tx, options: CreateRunOptions): Promise<string | undefined> {
  const { fn, event } = options;
  const nowMs = options.nowMs ?? Date.now();
  let startAtMs = nowMs;
  let singletonKey: string | undefined;
  if (!options.skipFlowControl) {
    if (!(await passesRateLimit(tx, fn, event, nowMs))) return undefined;
    const singleton = await claimSingleton(tx, fn, event);
    if (singleton.action === "skip") return undefined;
    if (singleton.action === "run") {
      singletonKey = singleton.key;
      if (singleton.cancel) await cancelRunInTx(tx, singleton.cancel, `cancelled by singleton: a newer run of ${fn.id} started`);
    }
    startAtMs = await throttledStartMs(tx, fn, event, nowMs);
  }
  const id = newId(nowMs);
  const slots = concurrencySlots(fn, event);
  await tx.query(
    `INSERT INTO ${SCHEMA}.runs (id, function_id, event_id, event, trigger, status, max_attempts, concurrency, parent_run_id, parent_step_id, rerun_of, function_version)
     VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, $9, $10, $11)`,
    [
      id,
      fn.id,
      event.id ?? null,
      JSON.stringify(event),
      options.trigger,
      maxAttemptsOf(fn.config),
      slots.length ? JSON.stringify(slots) : null,
      options.parent?.runId ?? null,
      options.parent?.stepId ?? null,
      options.rerunOf ?? null,
      fn.version ?? null,
    ],
  );
  if (singletonKey) await holdSingleton(tx, singletonKey, id);
  await enqueueJob(tx, { kind: "call", runId: id, runAtMs: startAtMs, concurrency: slots });
  return id;
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
