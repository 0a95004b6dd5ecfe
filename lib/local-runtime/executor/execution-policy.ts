// The rules the executor applies on Inngest's behalf, with Inngest's numbers.
// Production uses them as they are; tests shrink every period the executor
// itself decides (backoff, Retry-After bounds, throttle / rate-limit /
// idempotency / de-duplication windows) through the one `timeScale` factor,
// and may lower the size and step limits so they are cheap to reach.

/** Inngest's limits (pkg/consts/consts.go). */
export interface RunLimits {
  /** DefaultMaxStepLimit: a run that has this many steps fails. */
  maxSteps: number;
  /** MaxStepOutputSize: 4 MiB. */
  maxStepOutputBytes: number;
  /** DefaultMaxStateSizeLimit: 32 MiB of step output per run. */
  maxRunStateBytes: number;
  /** AbsoluteMaxEventSize: 3 MiB per event. */
  maxEventBytes: number;
}

export const INNGEST_LIMITS: RunLimits = {
  maxSteps: 1_000,
  maxStepOutputBytes: 4 * 1024 * 1024,
  maxRunStateBytes: 32 * 1024 * 1024,
  maxEventBytes: 3 * 1024 * 1024,
};

export interface ExecutionPolicy {
  /** 1 in production; 0.001 makes 15 s of backoff 15 ms. */
  timeScale: number;
  limits: RunLimits;
}

export const DEFAULT_POLICY: ExecutionPolicy = { timeScale: 1, limits: INNGEST_LIMITS };

/** Scales an Inngest-defined duration; never below 1 ms so ordering survives. */
export function scaled(policy: ExecutionPolicy | undefined, ms: number): number {
  const scale = policy?.timeScale ?? 1;
  return scale === 1 ? ms : Math.max(1, Math.round(ms * scale));
}

/** INNGEST_EXECUTOR_TIME_SCALE, for tests that start the whole platform; unset or invalid = 1. */
export function timeScaleFromEnv(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.INNGEST_EXECUTOR_TIME_SCALE);
  return Number.isFinite(value) && value > 0 && value <= 1 ? value : 1;
}
