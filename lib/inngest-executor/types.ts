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
  [other: string]: unknown;
}

export interface RegisteredFunction {
  id: string;
  appId: string;
  name: string;
  url: string;
  config: FunctionConfig;
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

export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export const ACTIVE_STATUSES: RunStatus[] = ["queued", "running"];

/** Defaults the SDK documents: 3 retries, so 4 attempts. */
export const DEFAULT_RETRIES = 3;

export function maxAttemptsOf(config: FunctionConfig): number {
  const attempts = config.steps?.step?.retries?.attempts;
  return (typeof attempts === "number" ? attempts : DEFAULT_RETRIES) + 1;
}
