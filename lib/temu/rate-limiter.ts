// Per-app_key request spacing shared by every run and every process: Temu allows
// 20 requests/second per app_key (partner documentation, 限流规则). Send slots
// are reserved in Postgres (TemuRateSlot): one atomic UPDATE moves the key's
// next free slot on by a block of `blockSize` slots, so concurrent runs (in this
// process or any other on the same database) interleave instead of adding up.
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

export function createDbRateLimiter(db: Db, options: RateLimiterOptions & { blockSize?: number } = {}): RateLimiter {
  const rate = options.ratePerSecond ?? TEMU_RATE_PER_APP_KEY;
  const spacingMs = spacingFor(rate, options.utilization ?? DEFAULT_UTILIZATION);
  const slackMs = options.slackMs ?? DEFAULT_SLACK_MS;
  const sleep = options.sleep ?? defaultSleep;
  // Slots are reserved a block at a time (one statement per block, not per call);
  // the block is this process's alone, handed out locally in order.
  const blockSize = Math.max(1, options.blockSize ?? 10);
  const blockInterval = `${(spacingMs * blockSize).toFixed(3)} milliseconds`;
  const queues = new Map<string, number[]>();
  const refills = new Map<string, Promise<void>>();

  async function reserveBlock(appKey: string): Promise<void> {
    // The database clock is the one clock every process shares.
    const rows = await db.$queryRawUnsafe<{ wait_ms: number }[]>(
      `INSERT INTO "TemuRateSlot" ("appKey", "nextAt") VALUES ($1, clock_timestamp() + interval '${blockInterval}')
       ON CONFLICT ("appKey") DO UPDATE SET "nextAt" = GREATEST("TemuRateSlot"."nextAt", clock_timestamp()) + interval '${blockInterval}'
       RETURNING (EXTRACT(EPOCH FROM ("nextAt" - interval '${blockInterval}' - clock_timestamp())) * 1000)::float8 AS wait_ms`,
      appKey,
    );
    // Measured after the answer arrived: local slot times err late, the safe side.
    const start = Date.now() + Math.max(0, Number(rows[0]?.wait_ms ?? 0));
    const queue = queues.get(appKey) ?? [];
    for (let i = 0; i < blockSize; i++) queue.push(start + i * spacingMs);
    queues.set(appKey, queue);
  }

  async function nextSlot(appKey: string): Promise<number> {
    for (;;) {
      const queue = queues.get(appKey) ?? [];
      // Slots already too far in the past are lost: using them could crowd the next block's owner.
      while (queue.length > 0 && queue[0] + slackMs < Date.now()) queue.shift();
      if (queue.length > 0) return queue.shift()!;
      let refill = refills.get(appKey);
      if (!refill) {
        refill = reserveBlock(appKey).finally(() => refills.delete(appKey));
        refills.set(appKey, refill);
      }
      await refill;
    }
  }

  return {
    async acquire(appKey: string) {
      for (;;) {
        const slot = await nextSlot(appKey);
        const waitMs = slot - Date.now();
        if (waitMs > 0) await sleep(waitMs);
        if (Date.now() - slot <= slackMs) return;
        // Woke too late (busy event loop): take the next slot instead.
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
