// Per-app_key request spacing shared by every run and every process: Temu allows
// 20 requests/second per app_key (partner documentation, 限流规则). Each call
// reserves a send slot in Postgres (TemuRateSlot): one atomic UPDATE moves the
// key's next free slot on by `spacingMs`, so concurrent runs (in this process or
// any other on the same database) interleave their slots instead of adding up.
// A caller that wakes later than `slackMs` after its slot gives it up and takes
// a fresh one, so actual send times stay within [slot, slot + slack]. At 93% of
// the budget slots are 53.8 ms apart: 20 of them span 1075 ms, of which 45 ms
// absorb late wake-ups and the rest the network's jitter before Temu counts
// the request, so any 1-second window at Temu holds at most 20.
import type { Db } from "../db/client";

export interface RateLimiter {
  /** Resolves when the caller may send one request for this app_key. */
  acquire(appKey: string): Promise<void>;
}

export interface RateLimiterOptions {
  /** Requests per second allowed per app_key (20). */
  ratePerSecond?: number;
  /** Fraction of the budget used (0.93 → 53.8 ms apart at 20/s); the rest absorbs jitter. */
  utilization?: number;
  slackMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const TEMU_RATE_PER_APP_KEY = 20;
export const DEFAULT_UTILIZATION = 0.93;
const DEFAULT_SLACK_MS = 45;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function spacingFor(ratePerSecond: number, utilization: number): number {
  return 1000 / (ratePerSecond * utilization);
}

export function createDbRateLimiter(db: Db, options: RateLimiterOptions = {}): RateLimiter {
  const rate = options.ratePerSecond ?? TEMU_RATE_PER_APP_KEY;
  const spacingMs = spacingFor(rate, options.utilization ?? DEFAULT_UTILIZATION);
  // Slots are at most (1000 + slack) / spacing per window: keep that ≤ rate.
  const slackMs = options.slackMs ?? DEFAULT_SLACK_MS;
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
  const spacingMs = spacingFor(rate, options.utilization ?? DEFAULT_UTILIZATION);
  const slackMs = options.slackMs ?? DEFAULT_SLACK_MS;
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
