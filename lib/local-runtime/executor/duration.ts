// Durations as the SDK writes them ("1s", "2h30m", "1w") or ISO dates (sleepUntil).

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** Milliseconds in a duration string such as "2h30m10s"; undefined when it is not one. */
export function parseDurationMs(text: string | undefined | null): number | undefined {
  if (text === undefined || text === null) return undefined;
  const trimmed = String(text).trim();
  if (trimmed === "") return 0;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000; // a bare number is seconds (Retry-After style)
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) return undefined;
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_MS[unit], 0);
}

/** The instant a Sleep/Retry-After value points at: a duration from `now`, or an absolute date. */
export function resolveInstant(text: string, now = Date.now()): number | undefined {
  const ms = parseDurationMs(text);
  if (ms !== undefined) return now + ms;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** pkg/backoff/backoff.go BackoffTable: the wait before retry n+1 after attempt n failed. */
export const INNGEST_BACKOFF_TABLE_MS = [15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_200_000, 2_400_000, 3_600_000, 7_200_000];
/** TableBackoff adds rand.Int31n(30_000) ms. */
export const INNGEST_BACKOFF_JITTER_MS = 30_000;

/** Inngest's TableBackoff for a failed 0-based attempt (the last entry repeats), before time scaling. */
export function inngestBackoffMs(attempt: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(0, attempt), INNGEST_BACKOFF_TABLE_MS.length - 1);
  return INNGEST_BACKOFF_TABLE_MS[index] + Math.floor(random() * INNGEST_BACKOFF_JITTER_MS);
}

/** consts.MinRetryDuration / MaxRetryDuration: httpdriver.ParseRetry clamps Retry-After to [1 s, 24 h]. */
export const MIN_RETRY_AFTER_MS = 1_000;
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The wait a Retry-After value asks for, as httpdriver/parse.go ParseRetry reads
 * it: up to 7 characters is whole seconds, anything else a date; then clamped
 * to [1 s, 24 h]. undefined when it is neither.
 */
export function retryAfterMs(value: string, now = Date.now()): number | undefined {
  const text = value.trim();
  let at: number | undefined;
  if (text.length <= 7 && /^\d+$/.test(text) && Number(text) > 0) at = now + Number(text) * 1000;
  else {
    at = resolveInstant(text, now);
  }
  if (at === undefined) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, at - now));
}
