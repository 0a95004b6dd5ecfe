import type { ExecutionPolicy } from "./execution-policy";
// Shapes shared across the executor: what the SDK registers, what runs store.

export type ConcurrencyOption = { limit: number; key?: string; scope?: "fn" | "env" | "account" };

export interface FunctionConfig {
  id: string;
  name?: string;
  triggers: Array<{ event: string; expression?: string } | { cron: string; jitter?: string }>;
  steps: Record<string, { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }>;
  idempotency?: string;
  rateLimit?: { key?: string; limit: number; period: string };
  throttle?: { key?: string; limit: number; period: string; burst?: number };
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  cancel?: Array<{ event: string; if?: string; timeout?: string }>;
  singleton?: { key?: string; mode: "skip" | "cancel" };
  [other: string]: unknown;
}

export interface RegisteredFunction {
  id: string;
  appId: string;
  name: string;
  url: string;
  config: FunctionConfig;
  /** Bumped by a sync that changes the function's configuration. */
  version?: number;
  /** The executor's timing and limits (attached by the registry). */
  policy?: ExecutionPolicy;
}

/** An event as functions receive it. */
export interface StoredEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: unknown;
  v?: string;
  [other: string]: unknown;
}

/** One memoized step result, in the shape the SDK's step-state schema accepts. */
export type StepResult = { type: "data"; data: unknown } | { type: "error"; error: unknown };

/** A concurrency constraint resolved for one run: at most `limit` leased calls share `scope`. */
export interface ConcurrencySlot {
  scope: string;
  limit: number;
}

export type JobKind = "event" | "call" | "sleep" | "wait_timeout" | "invoke_timeout";

export interface Job {
  id: string;
  kind: JobKind;
  run_id: string | null;
  event_id: string | null;
  step_id: string | null;
  attempt: number;
}

/** A run's status in runs.status: the one list (the runs API's filter and its type come from it). */
export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A run still able to make progress; the rest are finished. */
export const ACTIVE_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];
export const FINISHED_STATUSES = ["completed", "failed", "cancelled"] as const satisfies readonly RunStatus[];

/** Inngest's consts.DefaultRetryCount: with `retries` unset a run makes 5 attempts. */
export const DEFAULT_RETRIES = 4;
/** consts.MaxRetries: pkg/sdk/function.go lowers a larger `retries` to this. */
export const MAX_RETRIES = 20;

export function maxAttemptsOf(config: FunctionConfig): number {
  const attempts = config.steps?.step?.retries?.attempts;
  const retries = typeof attempts === "number" ? Math.max(0, Math.min(MAX_RETRIES, Math.floor(attempts))) : DEFAULT_RETRIES;
  return retries + 1;
}
