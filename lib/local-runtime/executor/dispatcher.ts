import { fireDueCrons } from "./cron-scheduler";
import { createErrorLog, type ErrorLog } from "./error-log";
import type { ExecutorContext } from "./executor-context";
import { claimDueEventJobs, claimNextJob, extendLeases, msUntilNextDueJob, releaseLeases, rescheduleJob } from "./job-queue";
import { runCallJob } from "./run-driver";
import { runEventJob, runEventJobs, runInvokeTimeoutJob, runSleepJob, runWaitTimeoutJob } from "./timer-jobs";
import type { Job } from "./types";

// The worker loop: lease due jobs up to maxConcurrentJobs, run each, keep the
// leases alive while calls are in flight, and sleep until the next job is due
// (or until this process queues new work and wakes it). Due events are routed
// together, up to EVENTS_PER_ROUTING in one transaction: under a burst of
// webhooks, routing them one by one cost the embedded database more than
// storing them (issue 10 item 4).

interface InFlight {
  /** One job, or the events routed together. */
  jobs: Job[];
  controller: AbortController;
  done: Promise<void>;
}

const CRON_CHECK_EVERY_MS = 1_000;
const EVENTS_PER_ROUTING = 50;

export class Dispatcher {
  private readonly inFlight = new Map<string, InFlight>();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private lastCronCheck = 0;

  /** Survived errors (heartbeat, lease release, reschedule): logged once each, never crash the loop. */
  readonly errors: ErrorLog;

  constructor(
    private readonly ctx: ExecutorContext,
    errors?: ErrorLog,
  ) {
    this.errors = errors ?? createErrorLog();
  }

  start(): void {
    this.running = true;
    this.loopDone = this.loop();
    this.heartbeat = setInterval(
      () => {
        const held = [...this.inFlight.values()].flatMap((item) => item.jobs.map((job) => job.id));
        // A failed heartbeat is survived (the next beat tries again before the lease runs out) but reported.
        extendLeases(this.ctx.db, this.ctx.owner, held, this.ctx.options.leaseMs).catch((error) =>
          this.errors.report(`heartbeat (extending ${held.length} lease(s) of ${this.ctx.owner})`, error),
        );
      },
      Math.max(250, Math.floor(this.ctx.options.leaseMs / 3)),
    );
    this.heartbeat.unref?.();
  }

  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Graceful: abort calls in flight and hand their jobs back at once.
   * Not graceful (a simulated crash): just stop; the leases expire on their own.
   */
  async stop(options: { graceful: boolean }): Promise<void> {
    this.running = false;
    clearInterval(this.heartbeat);
    this.wake();
    for (const item of this.inFlight.values()) item.controller.abort();
    await Promise.allSettled([this.loopDone, ...[...this.inFlight.values()].map((i) => i.done)]);
    if (options.graceful) {
      // Not fatal: unreleased leases expire on their own, only later.
      await releaseLeases(this.ctx.db, this.ctx.owner).catch((error) =>
        this.errors.report(`releasing the leases of ${this.ctx.owner} at stop`, error),
      );
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (Date.now() - this.lastCronCheck >= CRON_CHECK_EVERY_MS) {
          this.lastCronCheck = Date.now();
          await fireDueCrons(this.ctx.db, this.ctx.registry);
        }
        let claimed = 0;
        while (this.running && this.inFlight.size < this.ctx.options.maxConcurrentJobs) {
          const job = await claimNextJob(this.ctx.db, this.ctx.owner, this.ctx.options.leaseMs);
          if (!job) break;
          claimed++;
          if (job.kind === "event") await this.trackEvents(job);
          else this.track([job], (signal) => this.runJob(job, signal));
        }
        if (claimed > 0 && this.inFlight.size < this.ctx.options.maxConcurrentJobs) continue;
        const waitMs =
          this.inFlight.size >= this.ctx.options.maxConcurrentJobs
            ? this.ctx.options.pollIntervalMs
            : await msUntilNextDueJob(this.ctx.db, this.ctx.options.pollIntervalMs);
        await this.sleep(Math.max(1, waitMs));
      } catch (error) {
        if (!this.running) break;
        console.error("[inngest-executor] dispatcher error", error);
        await this.sleep(this.ctx.options.pollIntervalMs * 5);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private track(jobs: Job[], work: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const done = work(controller.signal)
      .catch(async (error) => {
        if (controller.signal.aborted) return; // stopping: the lease is released or expires
        for (const job of jobs) await this.retryLater(job, error);
      })
      .finally(() => {
        this.inFlight.delete(jobs[0].id);
        this.wake();
      });
    this.inFlight.set(jobs[0].id, { jobs, controller, done });
  }

  /** An event job, with the other due events leased to be routed in the same transaction. */
  private async trackEvents(first: Job): Promise<void> {
    // Should leasing the others fail, the first is routed alone; theirs stay queued for the next claim.
    const more = await claimDueEventJobs(this.ctx.db, this.ctx.owner, this.ctx.options.leaseMs, EVENTS_PER_ROUTING - 1).catch((error) => {
      this.errors.report("leasing due events to route together", error);
      return [];
    });
    const jobs = [first, ...more];
    this.track(jobs, async () => {
      for (const { job, error } of await runEventJobs(this.ctx, jobs)) await this.retryLater(job, error);
    });
  }

  private async retryLater(job: Job, error: unknown): Promise<void> {
    console.error(`[inngest-executor] job ${job.kind} ${job.id} failed`, error);
    // Try again shortly rather than hot-looping on the same broken job.
    await rescheduleJob(this.ctx.db, job, this.ctx.owner, { attempt: job.attempt, runAtMs: Date.now() + 1_000 }).catch((rescheduleError) =>
      this.errors.report(`rescheduling ${job.kind} job after its failure (its lease will expire instead)`, rescheduleError),
    );
  }

  private runJob(job: Job, signal: AbortSignal): Promise<void> {
    switch (job.kind) {
      case "call":
        return runCallJob(this.ctx, job, signal);
      case "event":
        return runEventJob(this.ctx, job);
      case "sleep":
        return runSleepJob(this.ctx, job);
      case "wait_timeout":
        return runWaitTimeoutJob(this.ctx, job);
      case "invoke_timeout":
        return runInvokeTimeoutJob(this.ctx, job);
      default:
        return Promise.reject(new Error(`unknown job kind ${(job as Job).kind}`));
    }
  }
}
