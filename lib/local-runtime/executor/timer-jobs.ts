import { SCHEMA, withTransaction } from "./database";
import { routeEvent } from "./event-router";
import type { ExecutorContext } from "./executor-context";
import { finishJob } from "./job-queue";
import { resolvePendingStep } from "./run-store";
import type { Job } from "./types";

// Jobs that need no call into the app: routing an accepted event, ending a
// sleep, timing out a waitForEvent or an invoke. Each is one transaction that
// also deletes the job, so a crash either did all of it or none.

export async function runEventJob(ctx: ExecutorContext, job: Job): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    if (!(await finishJob(tx, job, ctx.owner))) return;
    await routeEvent(tx, ctx.registry, job.event_id!);
  });
}

export async function runSleepJob(ctx: ExecutorContext, job: Job): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    if (!(await finishJob(tx, job, ctx.owner))) return;
    await resolvePendingStep(tx, job.run_id!, job.step_id!, { type: "data", data: null }, { status: "completed" });
  });
}

export async function runWaitTimeoutJob(ctx: ExecutorContext, job: Job): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    if (!(await finishJob(tx, job, ctx.owner))) return;
    const { rowCount } = await tx.query(`DELETE FROM ${SCHEMA}.waits WHERE kind = 'event' AND run_id = $1 AND step_id = $2`, [
      job.run_id,
      job.step_id,
    ]);
    // No row: the event arrived first and already resumed the step.
    if (!rowCount) return;
    await resolvePendingStep(
      tx,
      job.run_id!,
      job.step_id!,
      { type: "data", data: null },
      { status: "completed", output: null, error: { message: "timed out" } },
    );
  });
}

export async function runInvokeTimeoutJob(ctx: ExecutorContext, job: Job): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    if (!(await finishJob(tx, job, ctx.owner))) return;
    const { rowCount } = await tx.query(`DELETE FROM ${SCHEMA}.waits WHERE kind = 'invoke' AND run_id = $1 AND step_id = $2`, [
      job.run_id,
      job.step_id,
    ]);
    if (!rowCount) return;
    const error = { name: "InngestInvokeTimeoutError", message: "Timed out waiting for invoked function to complete" };
    await resolvePendingStep(tx, job.run_id!, job.step_id!, { type: "error", error }, { status: "failed", error });
  });
}
