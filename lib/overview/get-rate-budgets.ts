// Live rate-limit budgets (issue 11 §3): WebScraper.io jobs created in the
// trailing 15 minutes against 150, and Temu requests per app_key against 20
// per second. Both read an indexed time range of the last minutes only.
import type { Db } from "../db/client";
import { readWebScraperBudget, type RateBudget } from "../monitoring/tracking-conditions";
import { TEMU_RATE_PER_APP_KEY } from "../temu/rate-limiter";
import { maskSecret } from "../temu/shop-client";

/** Temu's call log is written in buffered batches: the window looked at for "now". */
export const TEMU_RECENT_WINDOW_MS = 60_000;

export interface TemuAppKeyBudget {
  /** Masked (abcd…wxyz): enough to tell keys apart, never enough to use one. */
  app_key: string;
  shops: string[];
  limit_per_second: number;
  /** The busiest second of the recent window. */
  peak_per_second: number;
  /** Calls in the recent window divided by its seconds. */
  average_per_second: number;
  calls: number;
}

export interface RateBudgets {
  at: string;
  webscraper: { used: number; limit: number; window_ms: number; window_start: string; ratio: number };
  temu: { window_ms: number; app_keys: TemuAppKeyBudget[] };
}

function webscraperJson(budget: RateBudget): RateBudgets["webscraper"] {
  return { used: budget.used, limit: budget.limit, window_ms: budget.windowMs, window_start: budget.windowStart, ratio: budget.ratio };
}

export async function getRateBudgets(db: Db, now = new Date()): Promise<RateBudgets> {
  const webscraper = await readWebScraperBudget(db, now);
  const since = new Date(now.getTime() - TEMU_RECENT_WINDOW_MS);
  const rows = await db.$queryRaw<{ appKey: string; calls: bigint; peak: bigint; shop_ids: number[] }[]>`
    SELECT "appKey", sum(n) AS calls, max(n) AS peak, array_remove(array_agg(DISTINCT s), NULL) AS shop_ids
    FROM (
      SELECT "appKey", date_trunc('second', "at") AS sec, count(*) AS n, max("shopId") AS s
      FROM "TemuApiCall" WHERE "at" >= ${since} AND "at" <= ${now}
      GROUP BY "appKey", sec
    ) per_second
    GROUP BY "appKey" ORDER BY "appKey"`;
  const shopIds = [...new Set(rows.flatMap((r) => r.shop_ids ?? []))];
  const shops = shopIds.length ? await db.shop.findMany({ where: { id: { in: shopIds } }, select: { id: true, name: true } }) : [];
  const seconds = TEMU_RECENT_WINDOW_MS / 1000;
  return {
    at: now.toISOString(),
    webscraper: webscraperJson(webscraper),
    temu: {
      window_ms: TEMU_RECENT_WINDOW_MS,
      app_keys: rows.map((r) => ({
        app_key: maskSecret(r.appKey) ?? "—",
        shops: (r.shop_ids ?? []).map((id) => shops.find((s) => s.id === id)?.name ?? String(id)),
        limit_per_second: TEMU_RATE_PER_APP_KEY,
        peak_per_second: Number(r.peak),
        average_per_second: Math.round((Number(r.calls) / seconds) * 10) / 10,
        calls: Number(r.calls),
      })),
    },
  };
}
