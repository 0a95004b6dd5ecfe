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

/** Exponential backoff with a little jitter so retried runs do not move in lockstep. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exponential * (0.85 + Math.random() * 0.3));
}
