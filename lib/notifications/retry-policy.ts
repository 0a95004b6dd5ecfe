// When a failed notification is tried again. Exponential with jitter so a
// receiver that was down is not hit by every pending row in the same second;
// bounded, so a dead webhook ends as "failed" with its error shown to the admin
// (Svix-style: never retried silently forever).
export const RETRY_POLICY = {
  /** Tries in all, the first included. 1+2+4+8+16+32+60 min ≈ 2 h of retries. */
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  /** ± this fraction of the delay. Below 1/3, so each delay is longer than the one before. */
  jitter: 0.2,
  /** A claimed row is not claimed again for this long (a crashed delivery is retried after it). */
  claimLeaseMs: 2 * 60_000,
} as const;

export type RetryPolicy = { [K in keyof typeof RETRY_POLICY]: number };

/** Delay after the `attempt`-th failed try (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: () => number = Math.random, policy: RetryPolicy = RETRY_POLICY): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + policy.jitter * (2 * random() - 1)));
}
