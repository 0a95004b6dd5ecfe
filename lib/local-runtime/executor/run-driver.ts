import { SCHEMA, withTransaction, type Tx } from "./database";
import { inngestBackoffMs, parseDurationMs, resolveInstant, retryAfterMs } from "./duration";
import { scaled } from "./execution-policy";
import { buildCallBody, callFunction, type CallOutcome, type OutgoingOp } from "./function-caller";
import type { ExecutorContext } from "./executor-context";
import { compileExpression } from "./expression";
import { newId } from "./ids";
import { enqueueJob, finishJob } from "./job-queue";
import { completeRun, createRun, failRun, loadRun, recordStepResult, scheduleDiscovery, type RunRow } from "./run-store";
import { addTimelineEntry } from "./step-timeline";
import type { Job, StoredEvent } from "./types";

// Drives a run forward by one call: ask the SDK to replay memoized steps and
// report what comes next, then record that and queue the follow-up work
// (planned steps, sleeps, waits, invokes, retries, or the next discovery call).

export async function runCallJob(ctx: ExecutorContext, job: Job, signal: AbortSignal): Promise<void> {
  const run = await loadRun(ctx.db, job.run_id!);
  if (!run || (run.status !== "queued" && run.status !== "running")) {
    await finishJob(ctx.db, job, ctx.owner);
    return;
  }
  let fn = ctx.registry.get(run.function_id);
  if (!fn) {
    await ctx.registry.load();
    fn = ctx.registry.get(run.function_id);
  }
  if (!fn) {
    await withTransaction(ctx.db, async (tx) => {
      if (await finishJob(tx, job, ctx.owner)) {
        await failRun(tx, run, { name: "FunctionNotFound", message: `function ${run.function_id} is not registered by any synced app` });
      }
    });
    return;
  }
  // pkg/execution/executor/validate.go checkStepLimit: a run at the step limit fails before the next call.
  const overflow = stepLimitError(ctx, run);
  if (overflow) {
    await withTransaction(ctx.db, async (tx) => {
      if (await finishJob(tx, job, ctx.owner)) await failRun(tx, run, overflow);
    });
    return;
  }
  if (run.status === "queued") {
    await ctx.db.query(`UPDATE ${SCHEMA}.runs SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'`, [run.id]);
  }

  const startedAtMs = Date.now();
  const outcome = await callFunction({
    url: fn.url,
    functionId: fn.id,
    stepId: job.step_id,
    body: buildCallBody(run, job.attempt),
    signingKey: ctx.signingKey,
    signal,
  });

  await withTransaction(ctx.db, async (tx) => {
    // Losing the job here means a cancel (or an expired lease) won: drop the answer.
    if (!(await finishJob(tx, job, ctx.owner))) return;
    const current = await loadRun(tx, run.id, true);
    if (!current || current.status !== "running") return;
    await applyOutcome(ctx, tx, current, job, outcome, startedAtMs);
  });
}

/** Retry-After (clamped as Inngest does) or Inngest's backoff table, both in the executor's time scale. */
function retryDelayMs(ctx: ExecutorContext, attempt: number, retriable: boolean | string): number {
  if (typeof retriable === "string") {
    const wait = retryAfterMs(retriable);
    if (wait !== undefined) return scaled(ctx.policy, wait);
  }
  return scaled(ctx.policy, inngestBackoffMs(attempt));
}

function canRetry(run: RunRow, job: Job, retriable: boolean | string): boolean {
  return retriable !== false && job.attempt + 1 < run.max_attempts;
}

async function scheduleRetry(
  ctx: ExecutorContext,
  tx: Tx,
  run: RunRow,
  job: Job,
  stepId: string | null,
  retriable: boolean | string,
): Promise<void> {
  await enqueueJob(tx, {
    kind: "call",
    runId: run.id,
    stepId,
    attempt: job.attempt + 1,
    runAtMs: Date.now() + retryDelayMs(ctx, job.attempt, retriable),
    concurrency: run.concurrency,
  });
  await tx.query(`UPDATE ${SCHEMA}.runs SET attempts = attempts + 1 WHERE id = $1`, [run.id]);
}

async function applyOutcome(ctx: ExecutorContext, tx: Tx, run: RunRow, job: Job, outcome: CallOutcome, startedAtMs: number): Promise<void> {
  if (outcome.kind === "completed") {
    await completeRun(tx, run.id, outcome.data);
    return;
  }
  if (outcome.kind === "error") {
    const retry = canRetry(run, job, outcome.retriable);
    await addTimelineEntry(tx, {
      runId: run.id,
      stepId: job.step_id ?? "function",
      name: job.step_id ? undefined : "function",
      op: "Function",
      status: retry ? "errored" : "failed",
      attempt: job.attempt,
      error: outcome.error,
      startedAtMs,
      ended: true,
    });
    if (retry) await scheduleRetry(ctx, tx, run, job, job.step_id, outcome.retriable);
    else await failRun(tx, run, outcome.error);
    return;
  }
  const overflow = opsLimitError(ctx, run, outcome.ops);
  if (overflow) {
    await failRun(tx, run, overflow);
    return;
  }
  await applyOps(ctx, tx, run, job, outcome.ops, outcome.retriable, startedAtMs);
}

// Inngest's run limits (pkg/consts/consts.go), with its error names
// (pkg/execution/state/state.go), so a run that would break there breaks here.

function stepLimitError(ctx: ExecutorContext, run: RunRow): { name: string; message: string } | undefined {
  const limit = ctx.policy.limits.maxSteps;
  if (Object.keys(run.step_state ?? {}).length < limit) return undefined;
  return { name: "InngestErrFunctionOverflowed", message: `The function run exceeded the step limit of ${limit} steps.` };
}

function opsLimitError(ctx: ExecutorContext, run: RunRow, ops: OutgoingOp[]): { name: string; message: string } | undefined {
  const { maxSteps, maxStepOutputBytes, maxRunStateBytes } = ctx.policy.limits;
  if (ops.length > maxSteps) {
    return { name: "InngestErrFunctionOverflowed", message: `The function run exceeded the step limit of ${maxSteps} steps.` };
  }
  let stateBytes = Buffer.byteLength(JSON.stringify(run.step_state ?? {}));
  for (const op of ops) {
    const output = op.data !== undefined ? op.data : op.error;
    if (output === undefined) continue;
    const bytes = Buffer.byteLength(JSON.stringify(output) ?? "");
    // pkg/execution/state/opcode.go GeneratorOpcode.Validate
    if (bytes > maxStepOutputBytes) {
      return {
        name: "InngestErrStepOutputTooLarge",
        message: `Step "${displayName(op)}" output is ${bytes} bytes; the limit is ${maxStepOutputBytes} bytes.`,
      };
    }
    stateBytes += bytes;
    // pkg/execution/executor/executor.go validateStateSize
    if (stateBytes > maxRunStateBytes) {
      return { name: "InngestErrStateOverflowed", message: `The function run exceeded the state size limit of ${maxRunStateBytes} bytes.` };
    }
  }
  return undefined;
}

const displayName = (op: OutgoingOp) => op.displayName ?? op.userland?.id ?? op.name ?? op.id;

async function applyOps(
  ctx: ExecutorContext,
  tx: Tx,
  run: RunRow,
  job: Job,
  ops: OutgoingOp[],
  retriable: boolean | string,
  startedAtMs: number,
): Promise<void> {
  let newlyPending = 0;
  const base = { runId: run.id, attempt: job.attempt, startedAtMs };

  // More than one (non-lazy) op is parallelism: later calls carry
  // disable_immediate_execution (executor.go HandleGeneratorResponse, nonLazyOpCount).
  if (!run.force_step_plan && ops.filter((op) => op.op !== "DeferAdd" && op.op !== "DeferAbort").length > 1) {
    await tx.query(`UPDATE ${SCHEMA}.runs SET force_step_plan = true WHERE id = $1`, [run.id]);
  }

  const resolveNow = async (op: OutgoingOp, result: { type: "data"; data: unknown } | { type: "error"; error: unknown }) => {
    await recordStepResult(tx, run.id, op.id, result, op.id === job.step_id);
  };

  for (const op of ops) {
    switch (op.op) {
      case "StepRun":
      case "Step": {
        await resolveNow(op, { type: "data", data: op.data ?? null });
        await addTimelineEntry(tx, {
          ...base,
          stepId: op.id,
          name: displayName(op),
          op: op.op,
          status: "completed",
          input: op.opts?.input,
          output: op.data ?? null,
          ended: true,
        });
        break;
      }
      case "StepError":
      case "StepFailed": {
        const retry = op.op === "StepError" && canRetry(run, job, retriable);
        await addTimelineEntry(tx, {
          ...base,
          stepId: op.id,
          name: displayName(op),
          op: op.op,
          status: retry ? "errored" : "failed",
          input: op.opts?.input,
          error: op.error,
          ended: true,
        });
        if (retry) {
          await scheduleRetry(ctx, tx, run, job, op.id, retriable);
          if (op.id !== job.step_id) newlyPending++; // the step now waits on its own retry job
        } else {
          await resolveNow(op, { type: "error", error: op.error ?? { name: "Error", message: "step failed" } });
        }
        break;
      }
      case "StepPlanned": {
        if (run.step_state[op.id]) break;
        await enqueueJob(tx, { kind: "call", runId: run.id, stepId: op.id, concurrency: run.concurrency });
        newlyPending++;
        break;
      }
      case "Sleep": {
        const untilMs = resolveInstant(op.name ?? "0s") ?? Date.now();
        await enqueueJob(tx, { kind: "sleep", runId: run.id, stepId: op.id, runAtMs: untilMs });
        await addTimelineEntry(tx, {
          ...base,
          stepId: op.id,
          name: displayName(op),
          op: op.op,
          status: "sleeping",
          input: { until: new Date(untilMs).toISOString() },
          ended: false,
        });
        newlyPending++;
        break;
      }
      case "WaitForEvent": {
        const timeoutMs = parseDurationMs(op.opts?.timeout as string | undefined) ?? 0;
        const expression = (op.opts?.if as string | undefined) ?? null;
        const invalid = expression ? expressionCompileError(expression) : undefined;
        if (invalid) {
          // executor.go handleGeneratorWaitForEvent: an expression that does not compile fails the step.
          const error = { name: "InvalidExpression", message: `Wait for event If expression failed to compile: ${invalid}` };
          await resolveNow(op, { type: "error", error });
          await addTimelineEntry(tx, {
            ...base,
            stepId: op.id,
            name: displayName(op),
            op: op.op,
            status: "failed",
            input: { event: op.name, if: expression },
            error,
            ended: true,
          });
          break;
        }
        await tx.query(
          `INSERT INTO ${SCHEMA}.waits (kind, run_id, step_id, event_name, expression, expires_at)
           VALUES ('event', $1, $2, $3, $4, to_timestamp($5::double precision / 1000))`,
          [run.id, op.id, op.name, expression, Date.now() + timeoutMs],
        );
        await enqueueJob(tx, { kind: "wait_timeout", runId: run.id, stepId: op.id, runAtMs: Date.now() + timeoutMs });
        await addTimelineEntry(tx, {
          ...base,
          stepId: op.id,
          name: displayName(op),
          op: op.op,
          status: "waiting",
          input: { event: op.name, if: expression, timeout: op.opts?.timeout },
          ended: false,
        });
        newlyPending++;
        break;
      }
      case "InvokeFunction": {
        const started = await startInvokedRun(ctx, tx, run, op);
        if (started) newlyPending++;
        break;
      }
      case "RunComplete": {
        await completeRun(tx, run.id, op.data ?? null);
        return;
      }
      case "DeferAdd":
      case "DeferAbort":
        break;
      default: {
        // AI gateway, fetch gateway, signals, step-not-found: not something this executor serves.
        const error = { name: "UnsupportedStep", message: `the local executor does not support "${op.op}" steps` };
        await resolveNow(op, { type: "error", error });
        await addTimelineEntry(tx, { ...base, stepId: op.id, name: displayName(op), op: op.op, status: "failed", error, ended: true });
      }
    }
  }

  const { rows } = await tx.query(
    `UPDATE ${SCHEMA}.runs SET outstanding = outstanding + $2 WHERE id = $1 AND status = 'running' RETURNING outstanding`,
    [run.id, newlyPending],
  );
  if (rows[0] && rows[0].outstanding === 0) await scheduleDiscovery(tx, run.id);
}

async function startInvokedRun(ctx: ExecutorContext, tx: Tx, run: RunRow, op: OutgoingOp): Promise<boolean> {
  const opts = (op.opts ?? {}) as { function_id?: string; payload?: { data?: Record<string, unknown>; v?: string }; timeout?: string };
  const target = opts.function_id ? ctx.registry.get(opts.function_id) : undefined;
  const fail = async (message: string) => {
    const error = { name: "InvokeError", message };
    await recordStepResult(tx, run.id, op.id, { type: "error", error }, false);
    await addTimelineEntry(tx, {
      runId: run.id,
      stepId: op.id,
      name: displayName(op),
      op: op.op,
      status: "failed",
      attempt: 0,
      input: opts,
      error,
      ended: true,
    });
    return false;
  };
  if (!target) return fail(`function ${opts.function_id} is not registered`);
  const event: StoredEvent = {
    id: newId(),
    name: "inngest/function.invoked",
    data: { ...(opts.payload?.data ?? {}), _inngest: { source_run_id: run.id, source_fn_id: run.function_id, source_step_id: op.id } },
    ts: Date.now(),
    ...(opts.payload?.v ? { v: opts.payload.v } : {}),
  };
  const childRunId = await createRun(tx, { fn: target, event, trigger: "invoke", parent: { runId: run.id, stepId: op.id } });
  if (!childRunId) return fail(`invocation of ${target.id} was skipped by its idempotency or rate limit`);
  await tx.query(`INSERT INTO ${SCHEMA}.waits (kind, run_id, step_id, child_run_id) VALUES ('invoke', $1, $2, $3)`, [
    run.id,
    op.id,
    childRunId,
  ]);
  const timeoutMs = parseDurationMs(opts.timeout);
  if (timeoutMs) await enqueueJob(tx, { kind: "invoke_timeout", runId: run.id, stepId: op.id, runAtMs: Date.now() + timeoutMs });
  await addTimelineEntry(tx, {
    runId: run.id,
    stepId: op.id,
    name: displayName(op),
    op: op.op,
    status: "invoking",
    attempt: 0,
    input: { function_id: target.id, data: opts.payload?.data, child_run_id: childRunId },
    ended: false,
  });
  return true;
}

function expressionCompileError(source: string): string | undefined {
  try {
    compileExpression(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
