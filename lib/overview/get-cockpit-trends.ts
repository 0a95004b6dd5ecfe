// Trends of the last 14 days for the cockpit (issue 11 §3): orders delivered
// per day, exports processed per hour, failures per day. Every query is an
// index range scan on its time column (EXPLAIN checked in
// tests/lib/overview/get-cockpit-trends.test.ts): SyncLog by
// (operationType, createdAt) and the partial index of failures, status changes
// by (deliveryStatus, recordedAt), Haier runs by createdAt. Buckets are days
// and hours of the staff member's time zone.
import type { Db } from "../db/client";

export const TREND_DAYS = 14;

export interface CockpitTrends {
  time_zone: string;
  since: string;
  /** yyyy-MM-dd in the zone, oldest first, every day present. */
  delivered_per_day: { day: string; orders: number }[];
  /** yyyy-MM-dd HH:00 in the zone, only hours with exports. */
  exports_per_hour: { hour: string; processed: number; failed: number }[];
  failures_per_day: { day: string; tracking: number; haier: number }[];
}

function dayKey(date: Date, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}`;
}

function lastDays(now: Date, timeZone: string): string[] {
  const days: string[] = [];
  for (let i = TREND_DAYS - 1; i >= 0; i--) days.push(dayKey(new Date(now.getTime() - i * 86_400_000), timeZone));
  return [...new Set(days)];
}

export async function getCockpitTrends(db: Db, timeZone: string, now = new Date()): Promise<CockpitTrends> {
  const days = lastDays(now, timeZone);
  // Midnight of the first day in the zone, as an instant.
  const sinceRows = await db.$queryRaw<{ since: Date }[]>`SELECT ((${days[0]}::date)::timestamp AT TIME ZONE ${timeZone}) AS since`;
  const since = new Date(sinceRows[0].since);

  const delivered = await db.$queryRaw<{ day: string; n: bigint }[]>`
    SELECT to_char("recordedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, count(DISTINCT "purchasingId") AS n
    FROM "PurchasingStatusChange"
    WHERE "deliveryStatus" = 'delivered' AND "recordedAt" >= ${since} AND "recordedAt" <= ${now}
    GROUP BY day`;
  const exportsPerHour = await db.$queryRaw<{ hour: string; processed: bigint; failed: bigint }[]>`
    SELECT to_char(date_trunc('hour', "createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}), 'YYYY-MM-DD HH24:00') AS hour,
           count(*) AS processed, count(*) FILTER (WHERE NOT "success") AS failed
    FROM "SyncLog"
    WHERE "operationType" = 'webscraper_tracking' AND "createdAt" >= ${since} AND "createdAt" <= ${now}
    GROUP BY hour ORDER BY hour`;
  const trackingFailures = await db.$queryRaw<{ day: string; n: bigint }[]>`
    SELECT to_char("createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, count(*) AS n
    FROM "SyncLog"
    WHERE NOT "success" AND "createdAt" >= ${since} AND "createdAt" <= ${now}
    GROUP BY day`;
  const haierFailures = await db.$queryRaw<{ day: string; n: bigint }[]>`
    SELECT to_char("createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, count(*) AS n
    FROM "HaierSyncLog"
    WHERE "status" IN ('failed', 'partial') AND "createdAt" >= ${since} AND "createdAt" <= ${now}
    GROUP BY day`;

  const byDay = (rows: { day: string; n: bigint }[]) => new Map(rows.map((r) => [r.day, Number(r.n)]));
  const deliveredMap = byDay(delivered);
  const trackingMap = byDay(trackingFailures);
  const haierMap = byDay(haierFailures);
  return {
    time_zone: timeZone,
    since: since.toISOString(),
    delivered_per_day: days.map((day) => ({ day, orders: deliveredMap.get(day) ?? 0 })),
    exports_per_hour: exportsPerHour.map((r) => ({ hour: r.hour, processed: Number(r.processed), failed: Number(r.failed) })),
    failures_per_day: days.map((day) => ({ day, tracking: trackingMap.get(day) ?? 0, haier: haierMap.get(day) ?? 0 })),
  };
}
