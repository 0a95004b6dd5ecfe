// Per-app_key request spacing shared by every run and every process: Temu allows
// 20 requests/second per app_key (partner documentation, 限流规则). Each call
// reserves a send slot in Postgres (TemuRateSlot): one atomic UPDATE moves the
// key's next free slot on by `spacingMs`, so concurrent runs (in this process or
// any other on the same database) interleave their slots instead of adding up.
// A caller that wakes later than `slackMs` after its slot gives it up and takes
// a fresh one, so actual send times stay within [slot, slot + slack]: with
// spacing 52.5 ms and slack 45 ms, any 1-second window holds at most 20 sends.
import type { Db } from "../db/client";

export interface RateLimiter {
  /** Resolves when the caller may send one request for this app_key. */
  acquire(appKey: string): Promise<void>;
}

export interface RateLimiterOptions {
  /** Requests per second allowed per app_key (20). */
  ratePerSecond?: number;
  /** Fraction of the budget used (0.95 → 52.6 ms apart at 20/s); keeps jitter under the limit. */
  utilization?: number;
  slackMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const TEMU_RATE_PER_APP_KEY = 20;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function spacingFor(ratePerSecond: number, utilization: number): number {
  return 1000 / (ratePerSecond * utilization);
}

export function createDbRateLimiter(db: Db, options: RateLimiterOptions = {}): RateLimiter {
  const rate = options.ratePerSecond ?? TEMU_RATE_PER_APP_KEY;
  const spacingMs = spacingFor(rate, options.utilization ?? 0.95);
  // Slots are at most (1000 + slack) / spacing per window: keep that ≤ rate.
  const slackMs = options.slackMs ?? Math.max(0, rate * spacingMs - 1000 - 2);
  const sleep = options.sleep ?? defaultSleep;
  const interval = `${spacingMs.toFixed(3)} milliseconds`;

  async function reserve(appKey: string): Promise<number> {
    // The database clock is the one clock every process shares.
    const rows = await db.$queryRawUnsafe<{ wait_ms: number }[]>(
      `INSERT INTO "TemuRateSlot" ("appKey", "nextAt") VALUES ($1, clock_timestamp() + interval '${interval}')
       ON CONFLICT ("appKey") DO UPDATE SET "nextAt" = GREATEST("TemuRateSlot"."nextAt", clock_timestamp()) + interval '${interval}'
       RETURNING (EXTRACT(EPOCH FROM ("nextAt" - interval '${interval}' - clock_timestamp())) * 1000)::float8 AS wait_ms`,
      appKey,
    );
    return Number(rows[0]?.wait_ms ?? 0);
  }

  return {
    async acquire(appKey: string) {
      for (;;) {
        const waitMs = await reserve(appKey);
        const reservedAt = Date.now();
        if (waitMs > 0) await sleep(waitMs);
        const lateMs = Date.now() - reservedAt - Math.max(0, waitMs);
        if (lateMs <= slackMs) return;
        // Woke too late (busy event loop): sending now could crowd the next slot's owner.
      }
    },
  };
}

/** In-process spacing for unit tests and the simulator-free paths; same rule, no database. */
export function createMemoryRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const rate = options.ratePerSecond ?? TEMU_RATE_PER_APP_KEY;
  const spacingMs = spacingFor(rate, options.utilization ?? 0.95);
  const slackMs = options.slackMs ?? Math.max(0, rate * spacingMs - 1000 - 2);
  const sleep = options.sleep ?? defaultSleep;
  const next = new Map<string, number>();
  return {
    async acquire(appKey: string) {
      for (;;) {
        const now = performance.now();
        const slot = Math.max(next.get(appKey) ?? 0, now);
        next.set(appKey, slot + spacingMs);
        if (slot > now) await sleep(slot - now);
        if (performance.now() - slot <= slackMs) return;
      }
    },
  };
}
