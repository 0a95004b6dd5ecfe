// How long a WebScraper.io call waits before trying again, shared by the
// publisher's durable retries (lib/tracking/publishing/publish-retry-policy.ts)
// and the in-step retrying client (retrying-client.ts): one rule for 429s and
// one for other failures, each with its own settings.

export interface RetryTiming {
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Retry-After is clamped into [min, max]. */
  rateLimitMinWaitMs: number;
  rateLimitMaxWaitMs: number;
  /** When a 429 says nothing about when to come back. */
  rateLimitDefaultWaitMs: number;
}

/** An integer setting from the environment; a value that is not a number >= `min` is refused, not ignored. */
export function readIntSetting(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min} (got ${raw})`);
  return Math.floor(value);
}

/** Wait after the `failures`-th failed attempt: exponential, capped, between half and all of it ("equal jitter"). */
export function backoffMs(timing: RetryTiming, failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(timing.backoffMaxMs, timing.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Wait after a 429: what it asked for (or the default), clamped. */
export function rateLimitWaitMs(timing: RetryTiming, retryAfterMs: number | undefined): number {
  const asked = retryAfterMs ?? timing.rateLimitDefaultWaitMs;
  return Math.min(timing.rateLimitMaxWaitMs, Math.max(timing.rateLimitMinWaitMs, asked));
}
