import { SCHEMA, withTransaction } from "./database";
import { routeEvents } from "./event-router";
import type { ExecutorContext } from "./executor-context";
import { finishJob, finishJobs } from "./job-queue";
import { resolvePendingStep } from "./run-store";
import type { Job } from "./types";

// Jobs that need no call into the app: routing an accepted event, ending a
// sleep, timing out a waitForEvent or an invoke. Each is one transaction that
// also deletes the job, so a crash either did all of it or none.

export async function runEventJob(ctx: ExecutorContext, job: Job): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    if (!(await finishJob(tx, job, ctx.owner))) return;
    await routeEvents(tx, ctx.registry, [job.event_id!]);
  });
}

/**
 * Routes several event jobs' events in one transaction, in job order (the
 * dispatcher leases the due ones together). Under a burst of events this saves
 * each one a transaction, a lease release and two reads. If the transaction
 * fails, each job is routed alone, so one event that cannot be routed holds up
 * no other; the jobs that fail alone are returned with their errors.
 */
export async function runEventJobs(ctx: ExecutorContext, jobs: Job[]): Promise<Array<{ job: Job; error: unknown }>> {
  if (jobs.length === 1) {
    return runEventJob(ctx, jobs[0]).then(
      () => [],
      (error: unknown) => [{ job: jobs[0], error }],
    );
  }
  try {
    await withTransaction(ctx.db, async (tx) => {
      const held = await finishJobs(tx, jobs, ctx.owner);
      const eventIds = jobs.filter((job) => held.has(job.id)).map((job) => job.event_id!);
      await routeEvents(tx, ctx.registry, eventIds);
    });
    return [];
  } catch {
    const failed: Array<{ job: Job; error: unknown }> = [];
    for (const job of jobs) await runEventJob(ctx, job).catch((error: unknown) => failed.push({ job, error }));
    return failed;
  }
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
