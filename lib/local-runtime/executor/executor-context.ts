import type { Db } from "./database";
import type { ExecutionPolicy } from "./execution-policy";
import type { FunctionRegistry } from "./function-registry";

// What every job handler needs, passed explicitly instead of module globals so
// several executors (a test's "restarted" one, say) can live in one process.

export interface ExecutorOptions {
  leaseMs: number;
  pollIntervalMs: number;
  maxConcurrentJobs: number;
}

export interface ExecutorContext {
  db: Db;
  /**
   * The event API's own connections: accepting an event (a webhook waiting on
   * inngest.send) never queues for a pool slot behind the dispatcher's jobs.
   * Defaults to db.
   */
  intakeDb?: Db;
  registry: FunctionRegistry;
  /** Identifies this executor's leases. */
  owner: string;
  signingKey?: string;
  options: ExecutorOptions;
  /** Inngest's timing (scaled for tests) and limits. */
  policy: ExecutionPolicy;
  /** Nudges the dispatcher: new work was queued by this process. */
  wake(): void;
}
